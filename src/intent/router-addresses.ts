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
  use(address: number, text: string): Reason | null;
}

interface Range {
  first: number;
  last: number;
  line: string;
}

/**
 * Single addresses go into a map (most unowned NAT is `static` lines: thousands of them cost
 * nothing per floating IP); only real ranges (pools) are scanned. When one address has several
 * uses, the router's own interface speaks first, then the tenants, then unowned NAT.
 */
export function routerAddresses(
  { name: router, host }: Pick<RouterSettings, 'name' | 'host'>,
  tenants: readonly Tenant[],
  facts: RouterFacts | undefined,
): RouterAddresses {
  const single = new Map<number, (text: string) => Reason>();
  const claim = (address: number | null, why: (text: string) => Reason) => {
    if (address !== null && !single.has(address)) single.set(address, why);
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
  return {
    use(address, text) {
      const why = single.get(address);
      if (why) return why(text);
      const range = ranges.find((r) => r.first <= address && address <= r.last);
      return range ? reasons.globalUnownedNat(text, router, range.line) : null;
    },
  };
}
