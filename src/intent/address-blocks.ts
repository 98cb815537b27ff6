/**
 * Address blocks that decide whether an address may be a floating IP or a tenant gateway: data,
 * each row with its reason and source, walked by `blockOf` (the most specific row wins).
 */
import { maskOf, parseCidr } from './ipv4.js';

export interface AddressBlock {
  block: string;
  name: string;
  rfc: string;
  /** May an address of this block be used for the table's purpose? */
  allowed: boolean;
  /** Why (the words a rejection shows). */
  reason: string;
}

/**
 * Floating IPs (the global address of a static NAT): the IANA IPv4 Special-Purpose Address
 * Registry (RFC 6890 and its updates), every row, plus multicast (IANA's multicast registry,
 * RFC 5771). Source: https://www.iana.org/assignments/iana-ipv4-special-registry/, as generated
 * into wireshark/wireshark epan/iana-ip-data.c (names and the Source / Destination / Forwardable
 * / Globally Reachable / Reserved-by-Protocol flags) and hookdeck/outpost internal/netguard
 * iana_test.go (the 192.88.99.0/24 and 192.88.99.2/32 rows, newer than that snapshot). The test
 * (test/unit/intent/address-blocks.test.ts) checks every row against those flags.
 *
 * The rule: a floating IP is the destination of packets the router forwards from the outside
 * to a container, so a block must be a valid destination and forwardable. "Not globally
 * reachable" alone is no reason: global IPs in private, shared or benchmarking space are
 * legitimate behind an upstream NAT or inside a provider's or a lab's network (the seed's own
 * example uses 10.0.1.1). Two deliberate departures, each said in its row: the documentation
 * blocks stay allowed, and anycast relay blocks are refused although forwardable.
 */
export const FLOATING_IP_BLOCKS: readonly AddressBlock[] = [
  { block: '0.0.0.0/8', name: '"This network"', rfc: 'RFC 791', allowed: false, reason: 'it is never a destination: no router forwards to it' },
  { block: '0.0.0.0/32', name: '"This host on this network"', rfc: 'RFC 1122', allowed: false, reason: 'it is never a destination: no router forwards to it' },
  { block: '10.0.0.0/8', name: 'Private-Use', rfc: 'RFC 1918', allowed: true, reason: 'forwardable; legitimate behind an upstream NAT or inside a private network' },
  { block: '100.64.0.0/10', name: 'Shared Address Space', rfc: 'RFC 6598', allowed: true, reason: "forwardable; legitimate inside a provider's network behind its carrier-grade NAT" },
  { block: '127.0.0.0/8', name: 'Loopback', rfc: 'RFC 1122', allowed: false, reason: 'loopback never leaves a host: no router forwards to it' },
  { block: '169.254.0.0/16', name: 'Link Local', rfc: 'RFC 3927', allowed: false, reason: 'not forwardable: a router never forwards to a link-local address' },
  { block: '172.16.0.0/12', name: 'Private-Use', rfc: 'RFC 1918', allowed: true, reason: 'forwardable; legitimate behind an upstream NAT or inside a private network' },
  { block: '192.0.0.0/24', name: 'IETF Protocol Assignments', rfc: 'RFC 6890', allowed: false, reason: 'not forwardable: reserved for protocol assignments' },
  { block: '192.0.0.0/29', name: 'IPv4 Service Continuity Prefix', rfc: 'RFC 7335', allowed: false, reason: "the addresses of DS-Lite softwire endpoints inside a host's tunnel, never a host's identity behind a NAT" },
  { block: '192.0.0.8/32', name: 'IPv4 dummy address', rfc: 'RFC 7600', allowed: false, reason: 'never a destination' },
  { block: '192.0.0.9/32', name: 'Port Control Protocol Anycast', rfc: 'RFC 7723', allowed: true, reason: 'globally reachable anycast service address: a PCP server in a container may answer it' },
  { block: '192.0.0.10/32', name: 'Traversal Using Relays around NAT Anycast', rfc: 'RFC 8155', allowed: true, reason: 'globally reachable anycast service address: a TURN server in a container may answer it' },
  { block: '192.0.0.170/32', name: 'NAT64/DNS64 Discovery', rfc: 'RFC 7050', allowed: false, reason: 'reserved by protocol and not forwardable' },
  { block: '192.0.0.171/32', name: 'NAT64/DNS64 Discovery', rfc: 'RFC 7050', allowed: false, reason: 'reserved by protocol and not forwardable' },
  { block: '192.0.2.0/24', name: 'Documentation (TEST-NET-1)', rfc: 'RFC 5737', allowed: true, reason: "documentation: kept allowed because examples, tests and the lab use it; no real network routes it, so such a floating IP is unreachable but harms nothing" },
  { block: '192.31.196.0/24', name: 'AS112-v4', rfc: 'RFC 7535', allowed: true, reason: 'globally reachable' },
  { block: '192.52.193.0/24', name: 'AMT', rfc: 'RFC 7450', allowed: true, reason: 'globally reachable' },
  { block: '192.88.99.0/24', name: 'Deprecated (6to4 Relay Anycast)', rfc: 'RFC 7526', allowed: false, reason: 'an anycast prefix announced by many relays at once (deprecated), never one host\'s identity' },
  { block: '192.88.99.2/32', name: '6a44-relay anycast address', rfc: 'RFC 6751', allowed: false, reason: 'an anycast relay address, never one host\'s identity' },
  { block: '192.168.0.0/16', name: 'Private-Use', rfc: 'RFC 1918', allowed: true, reason: 'forwardable; legitimate behind an upstream NAT or inside a private network' },
  { block: '192.175.48.0/24', name: 'Direct Delegation AS112 Service', rfc: 'RFC 7534', allowed: true, reason: 'globally reachable' },
  { block: '198.18.0.0/15', name: 'Benchmarking', rfc: 'RFC 2544', allowed: true, reason: 'forwardable; test beds use it like private space' },
  { block: '198.51.100.0/24', name: 'Documentation (TEST-NET-2)', rfc: 'RFC 5737', allowed: true, reason: "documentation: kept allowed because examples, tests and the lab use it; no real network routes it, so such a floating IP is unreachable but harms nothing" },
  { block: '203.0.113.0/24', name: 'Documentation (TEST-NET-3)', rfc: 'RFC 5737', allowed: true, reason: "documentation: kept allowed because examples, tests and the lab use it; no real network routes it, so such a floating IP is unreachable but harms nothing" },
  { block: '224.0.0.0/4', name: 'Multicast', rfc: 'RFC 5771', allowed: false, reason: 'a multicast group is not one host: a static NAT cannot give it to a container' },
  { block: '240.0.0.0/4', name: 'Reserved', rfc: 'RFC 1112', allowed: false, reason: 'reserved for future use and not forwardable' },
  { block: '255.255.255.255/32', name: 'Limited Broadcast', rfc: 'RFC 919', allowed: false, reason: 'the limited broadcast address is never forwarded' },
];

/**
 * Tenant gateways (the `ip address` of the tenant's sub-interface): blocks IOS refuses as an
 * interface address with `Not a valid host address - A`, so such a tenant could never deploy.
 * Seen for 127/8 (a CCNA tutorial's device transcript: `ip address 127.0.0.2 255.255.255.0` →
 * `Not a valid host address - 127.0.0.2`); inferred for the others (the same check in several
 * independent IOS simulators; no device transcript found).
 */
export const GATEWAY_BLOCKS: readonly AddressBlock[] = [
  { block: '0.0.0.0/8', name: '"This network"', rfc: 'RFC 791', allowed: false, reason: 'IOS refuses it as an interface address ("Not a valid host address", inferred)' },
  { block: '127.0.0.0/8', name: 'Loopback', rfc: 'RFC 1122', allowed: false, reason: 'IOS refuses it as an interface address ("Not a valid host address")' },
  { block: '224.0.0.0/4', name: 'Multicast', rfc: 'RFC 5771', allowed: false, reason: 'IOS refuses it as an interface address ("Not a valid host address", inferred)' },
  { block: '240.0.0.0/4', name: 'Reserved', rfc: 'RFC 1112', allowed: false, reason: 'IOS refuses it as an interface address ("Not a valid host address", inferred)' },
];

/**
 * One slot per /16: 0 = no row holds any of it; n = row n-1 (in `rows`) is the most specific row
 * for all of it; SCAN = a row longer than /16 starts inside it, so look at the rows. Every
 * floating IP asks, so the common answer costs one array read.
 */
export interface BlockTable {
  rows: { network: number; mask: number; row: AddressBlock }[];
  bySlash16: Uint8Array;
}

const SCAN = 255;

function blockTable(rows: readonly AddressBlock[]): BlockTable {
  const indexed = rows
    .map((row) => ({ row, cidr: parseCidr(row.block)! }))
    .sort((a, b) => b.cidr.prefixLength - a.cidr.prefixLength)
    .map(({ row, cidr }) => ({ network: cidr.network, mask: maskOf(cidr.prefixLength), prefixLength: cidr.prefixLength, row }));
  if (indexed.length >= SCAN) throw new Error('an address table has at most 254 rows');
  const bySlash16 = new Uint8Array(65536);
  // Least specific first, so a more specific row overwrites the slots it covers.
  for (let n = indexed.length - 1; n >= 0; n--) {
    const { network, prefixLength } = indexed[n]!;
    const first = network >>> 16;
    if (prefixLength > 16) bySlash16[first] = SCAN;
    else bySlash16.fill(n + 1, first, first + 2 ** (16 - prefixLength));
  }
  return { rows: indexed.map(({ network, mask, row }) => ({ network, mask, row })), bySlash16 };
}

/** The most specific row containing the address, or null when no row speaks for it. */
export function blockOf(table: BlockTable, address: number): AddressBlock | null {
  const slot = table.bySlash16[address >>> 16]!;
  if (slot === 0) return null;
  if (slot !== SCAN) return table.rows[slot - 1]!.row;
  for (const { network, mask, row } of table.rows) if (((address & mask) >>> 0) === network) return row;
  return null;
}

export const FLOATING_IP_TABLE = blockTable(FLOATING_IP_BLOCKS);
export const GATEWAY_TABLE = blockTable(GATEWAY_BLOCKS);
