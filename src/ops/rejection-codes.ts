/**
 * Short, bounded codes for rejection reasons, for metric labels (free text would make a series
 * per hostile label value). One pattern per entry of intent/reasons.ts, keyed by its name; a
 * unit test renders every reason and checks it maps back to its own key.
 */
import type { reasons } from '../intent/reasons.js';

export type RejectionCode = keyof typeof reasons | 'other';

const PATTERNS: Record<keyof typeof reasons, RegExp> = {
  noRouter: /^no router is configured/,
  routerAmbiguous: /^\d+ routers are configured/,
  routerUnknown: /names no configured router$/,
  badVrfName: /^network name cannot be a VRF name/,
  noVlan: /^no VLAN: parent/,
  badVlan: /^VLAN from .* is not a number from 1 to 4094$/,
  noSubnet: /^the network has no IPv4 subnet/,
  badPrefix: /^prefix \/\d+ leaves no room/,
  noGateway: /^the network has no IPv4 gateway/,
  gatewayOutside: /^gateway .* is not a host address of/,
  vlanTaken: /^VLAN \d+ on .* is already used by network/,
  badGlobalIp: /is not a plain dotted-quad IPv4 address$/,
  globalOutsidePools: /^global IP .* is outside the configured pools/,
  globalTaken: /^global IP .* is already claimed by container/,
  noTenantNetwork: /^the container is on no macvlan network/,
  networkRejected: /^its network .* was rejected$/,
  severalNetworks: /^the container is on several tenant networks/,
  noAddress: /^the container has no IPv4 address in network/,
  localOutside: /^its address .* is not inside the tenant subnet/,
};

export function rejectionCode(reason: string): RejectionCode {
  for (const [code, pattern] of Object.entries(PATTERNS)) if (pattern.test(reason)) return code as RejectionCode;
  return 'other';
}

export const REJECTION_CODES = Object.keys(PATTERNS) as (keyof typeof reasons)[];
