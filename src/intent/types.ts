/** Intent: the typed model of what each router must hold, built and validated from DockerState. */
import type { RouterFacts } from '../iosxe/facts-types.js';
import type { RejectionCode } from './reasons.js';

export type { RejectionCode, RouterFacts };

/** What each router holds outside translator's objects, by router name (absent: nothing known yet). */
export type FactsByRouter = ReadonlyMap<string, RouterFacts>;

export interface Tenant {
  /** VRF name = Docker network name (validated against IOS's VRF name grammar). */
  vrf: string;
  network: string;
  networkId: string;
  vlan: number;
  /** `<inside interface>.<vlan>`, e.g. "GigabitEthernet2.10". */
  subinterface: string;
  /** Network address of the subnet, e.g. "192.168.1.0". */
  subnet: string;
  prefixLength: number;
  /** Dotted netmask, e.g. "255.255.255.0". */
  mask: string;
  /** Inverse mask for ACLs, e.g. "0.0.0.255". */
  wildcard: string;
  gateway: string;
  /** Standard ACL matching the tenant subnet for PAT (name starts with the owned prefix). */
  acl: string;
}

export interface FloatingIp {
  vrf: string;
  /** The container's address in the tenant network. */
  local: string;
  /** The label's address: the container's identity beyond the router. */
  global: string;
  container: string;
  containerId: string;
}

export type RejectedKind = 'network' | 'container' | 'router';

export interface Rejection {
  kind: RejectedKind;
  /** Network or container name as Docker reported it (may itself be hostile; print it quoted). */
  object: string;
  /** The router it would have gone to, when known. */
  router?: string;
  /** Stable and short: the key of the reason in reasons.ts (metric labels, JSON). */
  code: RejectionCode;
  /** The same in words, for people; quotes untrusted values. */
  reason: string;
}

export interface RouterIntent {
  router: string;
  inside: string;
  outside: string;
  /** Ownership marker prefix and owned-name prefix, as configured. */
  marker: string;
  prefix: string;
  /** Shared egress route-map (VRF → global table), when the policy has one. */
  egressRouteMap: string | null;
  /** Sorted by VRF name. */
  tenants: Tenant[];
  /** Sorted by VRF name, then numeric local address. */
  floatingIps: FloatingIp[];
}

export interface Intent {
  routers: RouterIntent[];
  rejections: Rejection[];
}
