/** Small builders for RouterIntent values in gitops unit tests (the seed's example by default). */
import type { FloatingIp, RouterIntent, Tenant } from '../../../src/intent/types.js';

export function tenant(vrf: string, vlan: number, net3: string, extra: Partial<Tenant> = {}): Tenant {
  return {
    vrf,
    network: vrf,
    networkId: `id-${vrf}`,
    vlan,
    subinterface: `GigabitEthernet2.${vlan}`,
    subnet: `${net3}.0`,
    prefixLength: 24,
    mask: '255.255.255.0',
    wildcard: '0.0.0.255',
    gateway: `${net3}.254`,
    acl: `TRANSLATOR-NAT-${vrf}`,
    ...extra,
  };
}

export function fip(global: string, local: string, vrf: string, container: string, extra: Partial<FloatingIp> = {}): FloatingIp {
  return { vrf, local, global, container, containerId: `id-${container}`, ...extra };
}

export function routerIntent(tenants: Tenant[], floatingIps: FloatingIp[], extra: Partial<RouterIntent> = {}): RouterIntent {
  return {
    router: 'edge1',
    inside: 'GigabitEthernet2',
    outside: 'GigabitEthernet1',
    marker: 'translator:',
    prefix: 'TRANSLATOR-',
    egressRouteMap: 'TRANSLATOR-EGRESS',
    tenants,
    floatingIps,
    ...extra,
  };
}
