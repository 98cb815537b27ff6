/** The words of every rejection, in one place, so the README, tests and messages agree. */

/** Quotes an untrusted value for a message: JSON keeps newlines and quotes visible; long values are cut. */
export function quote(value: string): string {
  const shown = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return JSON.stringify(shown);
}

export const reasons = {
  noRouter: () => 'no router is configured (declare routers in translator.yaml or set INSIDE_INTERFACE and OUTSIDE_INTERFACE)',
  routerAmbiguous: (label: string, names: string[]) =>
    `${names.length} routers are configured (${names.join(', ')}): choose one with the network label ${label}=NAME`,
  routerUnknown: (label: string, value: string) => `label ${label}=${quote(value)} names no configured router`,
  badVrfName: (rule: string) => `network name cannot be a VRF name: ${rule}`,
  noVlan: (parent: string | null, label: string) =>
    `no VLAN: parent ${parent === null ? '(none)' : quote(parent)} has no ".<vlan>" suffix and the network has no ${label} label`,
  badVlan: (source: string, value: string) => `VLAN from ${source} ${quote(value)} is not a number from 1 to 4094`,
  noSubnet: () => 'the network has no IPv4 subnet in its IPAM config',
  badPrefix: (prefixLength: number) => `prefix /${prefixLength} leaves no room for a gateway and hosts (use /30 or shorter)`,
  noGateway: () => 'the network has no IPv4 gateway in its IPAM config (create it with --gateway)',
  gatewayOutside: (gateway: string, subnet: string) => `gateway ${quote(gateway)} is not a host address of ${subnet}`,
  vlanTaken: (vlan: number, router: string, owner: string) =>
    `VLAN ${vlan} on ${router} is already used by network ${quote(owner)} (created earlier)`,
  badGlobalIp: (label: string, value: string) =>
    `label ${label}=${quote(value)} is not a plain dotted-quad IPv4 address`,
  globalOutsidePools: (global: string, pools: string[]) => `global IP ${global} is outside the configured pools (${pools.join(', ')})`,
  globalTaken: (global: string, owner: string) =>
    `global IP ${global} is already claimed by container ${quote(owner)} (created earlier)`,
  noTenantNetwork: () => 'the container is on no macvlan network that became a tenant',
  networkRejected: (network: string) => `its network ${quote(network)} was rejected`,
  severalNetworks: (networks: string[]) =>
    `the container is on several tenant networks (${networks.join(', ')}): a floating IP needs exactly one`,
  noAddress: (network: string) => `the container has no IPv4 address in network ${quote(network)}`,
  localOutside: (local: string, subnet: string) => `its address ${quote(local)} is not inside the tenant subnet ${subnet}`,
} as const;
