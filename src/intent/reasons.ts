/**
 * The words of every rejection, in one place, so the README, tests and messages agree. Each
 * reason is made together with its stable code (its key here): metrics, JSON output and
 * state.json read the code, people read the words, and nothing parses the words back.
 */
import type { SourceRejectionCode } from '../observe/reasons.js';
import { coded, quote } from './reason-text.js';

/** A block of the address tables (address-blocks.ts) as a reason names it. */
interface NamedBlock {
  block: string;
  name: string;
  rfc: string;
  reason: string;
}

const TEXTS = {
  noRouter: () => 'no router is configured (declare routers in translator.yaml or set INSIDE_INTERFACE and OUTSIDE_INTERFACE)',
  routerAmbiguous: (label: string, names: string[]) =>
    `${names.length} routers are configured (${names.join(', ')}): choose one with the network label ${label}=NAME`,
  routerUnknown: (label: string, value: string) => `label ${label}=${quote(value)} names no configured router`,
  badVrfName: (rule: string) => `network name cannot be a VRF name: ${rule}`,
  legacyVrf: (vrf: string, router: string) =>
    `${router} has a legacy "ip vrf ${vrf}" of the same name, not made by translator: rename the network or remove that VRF`,
  noVlan: (parent: string | null, label: string) =>
    `no VLAN: parent ${parent === null ? '(none)' : quote(parent)} has no ".<vlan>" suffix and the network has no ${label} label`,
  badVlan: (source: string, value: string) => `VLAN from ${source} ${quote(value)} is not a number from 1 to 4094`,
  noSubnet: () => 'the network has no IPv4 subnet in its IPAM config',
  subnetHostBits: (subnet: string, network: string) =>
    `subnet ${quote(subnet)} has host bits set: write its network address (${network})`,
  subnetEverything: () =>
    'a /0 subnet cannot be a tenant: IOS refuses the mask 0.0.0.0 on an interface and prints the tenant ACL "0.0.0.0 255.255.255.255" as "any"',
  badPrefix: (prefixLength: number) => `prefix /${prefixLength} leaves no room for a gateway and hosts (use /30 or shorter)`,
  noGateway: () => 'the network has no IPv4 gateway in its IPAM config (create it with --gateway)',
  gatewayOutside: (gateway: string, subnet: string) => `gateway ${quote(gateway)} is not a host address of ${subnet}`,
  gatewayNotHost: (gateway: string, block: NamedBlock) =>
    `gateway ${gateway} is in ${block.block} (${block.name}): ${block.reason}`,
  vlanTaken: (vlan: number, router: string, owner: string) =>
    `VLAN ${vlan} on ${router} is already used by network ${quote(owner)} (created earlier)`,
  badGlobalIp: (label: string, value: string) =>
    `label ${label}=${quote(value)} is not a plain dotted-quad IPv4 address`,
  globalSpecialPurpose: (global: string, block: NamedBlock) =>
    `global IP ${global} is in ${block.block} (${block.name}, ${block.rfc}): ${block.reason}`,
  globalOutsidePools: (global: string, pools: string[]) => `global IP ${global} is outside the configured pools (${pools.join(', ')})`,
  globalRouterAddress: (global: string, router: string, use: string) =>
    `global IP ${global} is ${use} on ${router}: a static NAT would take the router's own address`,
  globalTenantAddress: (global: string, router: string, role: 'gateway' | 'network address' | 'broadcast address', vrf: string) =>
    `global IP ${global} is the ${role} of tenant ${vrf} on ${router}`,
  globalUnownedNat: (global: string, router: string, line: string) =>
    `global IP ${global} is used by unowned NAT on ${router}: ${quote(line)}`,
  globalTaken: (global: string, owner: string) =>
    `global IP ${global} is already claimed by container ${quote(owner)} (created earlier)`,
  noTenantNetwork: () => 'the container is on no macvlan network that became a tenant',
  networkRejected: (network: string) => `its network ${quote(network)} was rejected`,
  severalNetworks: (networks: string[]) =>
    `the container is on several tenant networks (${networks.join(', ')}): a floating IP needs exactly one`,
  noAddress: (network: string) => `the container has no IPv4 address in network ${quote(network)}`,
  localOutside: (local: string, subnet: string) => `its address ${quote(local)} is not inside the tenant subnet ${subnet}`,
} as const;

/** The stable code of a rejection: the name of its reason. Metric labels and JSON carry it. */
export type RejectionCode = IntentRejectionCode | SourceRejectionCode;
export type IntentRejectionCode = keyof typeof TEXTS;

/** The codes intent makes (the sources' own are in observe/reasons.ts). */
export const REJECTION_CODES = Object.keys(TEXTS) as IntentRejectionCode[];

/** A reason as a rejection carries it: the code and the words. */
export interface Reason<C extends RejectionCode = RejectionCode> {
  code: C;
  reason: string;
}

export const reasons = coded(TEXTS);
