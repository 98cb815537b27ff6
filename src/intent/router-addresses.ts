import type { RouterFacts } from '../iosxe/facts-types.js';
import type { RouterSettings } from '../settings/load.js';
import { broadcastOf, parseIpv4 } from './ipv4.js';
import { reasons, type Reason } from './reasons.js';
import type { Tenant } from './types.js';

/**
 * The addresses one router itself uses or that translator renders on it, which no floating IP
 * may take: the management address translator connects to, its interface addresses, its
 * tenants' gateways, network and broadcast addresses, and the global addresses its unowned NAT
 * uses. Answers "which of them is this address, and who uses it", in words for the rejection.
 */
export interface RouterAddresses {
  /** Who uses `address` (written as `text` in the words), or null when nothing does. */
  use(address: number, text: string): Reason | null;
}

interface Range {
  first: number;
  last: number;
  line: string;
}

/**
 * Single addresses are kept sorted in a typed array and found by binary search (every floating IP
 * asks, and most find nothing; thousands of unowned `static` lines cost a few steps more); only
 * real ranges (pools) are scanned. When one address has several uses, the first claim stands:
 * the management address, then the interfaces, then the tenants, then unowned NAT.
 */
export function routerAddresses(
  { name: router, host }: Pick<RouterSettings, 'name' | 'host'>,
  tenants: readonly Tenant[],
  facts: RouterFacts | undefined,
): RouterAddresses {
  const claims: { address: number; order: number; why: (text: string) => Reason }[] = [];
  const claim = (address: number | null, why: (text: string) => Reason) => {
    if (address !== null) claims.push({ address, order: claims.length, why });
  };
  // A host name is not an address; only a dotted quad can be taken by a static NAT.
  claim(host === undefined ? null : parseIpv4(host), (text) =>
    reasons.globalRouterAddress(text, router, 'the management address translator connects to (routers[].host)'),
  );
  // Facts come from our own engine through the records branch, which checks them when reading;
  // an entry that is not an address cannot be equal to one, so it is passed over here.
  for (const { address, interface: iface } of facts?.interfaceAddresses ?? []) {
    claim(parseIpv4(address), (text) => reasons.globalRouterAddress(text, router, `the address of ${iface}`));
  }
  for (const tenant of tenants) {
    const network = parseIpv4(tenant.subnet)!;
    claim(parseIpv4(tenant.gateway), (text) => reasons.globalTenantAddress(text, router, 'gateway', tenant.vrf));
    claim(network, (text) => reasons.globalTenantAddress(text, router, 'network address', tenant.vrf));
    claim(broadcastOf({ network, prefixLength: tenant.prefixLength }), (text) =>
      reasons.globalTenantAddress(text, router, 'broadcast address', tenant.vrf),
    );
  }
  const ranges: Range[] = [];
  for (const { first, last, line } of facts?.unownedNatGlobals ?? []) {
    const from = parseIpv4(first);
    const to = parseIpv4(last);
    if (from === null || to === null) continue;
    if (from === to) claim(from, (text) => reasons.globalUnownedNat(text, router, line));
    else ranges.push({ first: Math.min(from, to), last: Math.max(from, to), line });
  }
  const sorted = claims
    .sort((a, b) => a.address - b.address || a.order - b.order)
    .filter((c, i, all) => i === 0 || all[i - 1]!.address !== c.address);
  const addresses = Uint32Array.from(sorted, (c) => c.address);
  const whys = sorted.map((c) => c.why);
  return {
    use(address, text) {
      let low = 0;
      let high = addresses.length - 1;
      while (low <= high) {
        const middle = (low + high) >>> 1;
        const value = addresses[middle]!;
        if (value === address) return whys[middle]!(text);
        if (value < address) low = middle + 1;
        else high = middle - 1;
      }
      for (const range of ranges) {
        if (range.first <= address && address <= range.last) return reasons.globalUnownedNat(text, router, range.line);
      }
      return null;
    },
  };
}
