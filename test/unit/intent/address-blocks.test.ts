import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLOATING_IP_BLOCKS, FLOATING_IP_TABLE, GATEWAY_TABLE, blockOf } from '../../../src/intent/address-blocks.js';
import { cidrContains, maskOf, parseCidr, parseIpv4 } from '../../../src/intent/ipv4.js';

/**
 * The IANA IPv4 Special-Purpose Address Registry, transcribed as the evidence the table is checked
 * against: block, name, Destination, Forwardable (null: a terminated entry without flags).
 * Sources: wireshark/wireshark epan/iana-ip-data.c (generated from the registry's CSV); its snapshot
 * predates the 192.88.99.x rows, whose names are in hookdeck/outpost internal/netguard/iana_test.go
 * and whose flags (6to4 relay: terminated 2015-03, no flags; 6a44: True, True, True, False, False)
 * are as public copies of the registry's CSV print them.
 * Loopback's flags are footnoted "False [1]" in the registry: no destination, not forwarded.
 */
const REGISTRY: [block: string, name: string, destination: boolean, forwardable: boolean | null][] = [
  ['0.0.0.0/8', '"This network"', false, false],
  ['0.0.0.0/32', '"This host on this network"', false, false],
  ['10.0.0.0/8', 'Private-Use', true, true],
  ['100.64.0.0/10', 'Shared Address Space', true, true],
  ['127.0.0.0/8', 'Loopback', false, false],
  ['169.254.0.0/16', 'Link Local', true, false],
  ['172.16.0.0/12', 'Private-Use', true, true],
  ['192.0.0.0/24', 'IETF Protocol Assignments', false, false],
  ['192.0.0.0/29', 'IPv4 Service Continuity Prefix', true, true],
  ['192.0.0.8/32', 'IPv4 dummy address', false, false],
  ['192.0.0.9/32', 'Port Control Protocol Anycast', true, true],
  ['192.0.0.10/32', 'Traversal Using Relays around NAT Anycast', true, true],
  ['192.0.0.170/32', 'NAT64/DNS64 Discovery', false, false],
  ['192.0.0.171/32', 'NAT64/DNS64 Discovery', false, false],
  ['192.0.2.0/24', 'Documentation (TEST-NET-1)', false, false],
  ['192.31.196.0/24', 'AS112-v4', true, true],
  ['192.52.193.0/24', 'AMT', true, true],
  ['192.88.99.0/24', 'Deprecated (6to4 Relay Anycast)', false, null],
  ['192.88.99.2/32', '6a44-relay anycast address', true, true],
  ['192.168.0.0/16', 'Private-Use', true, true],
  ['192.175.48.0/24', 'Direct Delegation AS112 Service', true, true],
  ['198.18.0.0/15', 'Benchmarking', true, true],
  ['198.51.100.0/24', 'Documentation (TEST-NET-2)', false, false],
  ['203.0.113.0/24', 'Documentation (TEST-NET-3)', false, false],
  ['240.0.0.0/4', 'Reserved', false, false],
  ['255.255.255.255/32', 'Limited Broadcast', true, false],
];

/** Where the table departs from "allowed = a forwardable destination", each on purpose (see its row's reason). */
const DEPARTURES: Record<string, boolean> = {
  '192.0.2.0/24': true, // documentation: the project's examples and tests use it
  '198.51.100.0/24': true,
  '203.0.113.0/24': true,
  '192.0.0.0/29': false, // DS-Lite softwire endpoints
  '192.88.99.2/32': false, // an anycast relay
};

test('the floating-IP table has every registry row, and follows the registry except where it says why', () => {
  const rows = new Map(FLOATING_IP_BLOCKS.map((row) => [row.block, row]));
  for (const [block, name, destination, forwardable] of REGISTRY) {
    const row = rows.get(block);
    assert.ok(row, `${block} (${name}) is in the table`);
    assert.equal(row.name, name);
    const byRegistry = destination && forwardable === true;
    assert.equal(row.allowed, DEPARTURES[block] ?? byRegistry, `${block}: ${row.reason}`);
    assert.ok(row.reason.length > 10 && row.rfc.startsWith('RFC '), block);
  }
  const extra = FLOATING_IP_BLOCKS.filter((row) => !REGISTRY.some(([block]) => block === row.block)).map((row) => row.block);
  assert.deepEqual(extra, ['224.0.0.0/4'], 'only multicast comes from elsewhere (IANA multicast registry)');
});

test('the most specific block speaks for an address', () => {
  const of = (address: string) => blockOf(FLOATING_IP_TABLE, parseIpv4(address)!)?.block ?? null;
  assert.equal(of('192.0.0.9'), '192.0.0.9/32');
  assert.equal(of('192.0.0.7'), '192.0.0.0/29');
  assert.equal(of('192.0.0.11'), '192.0.0.0/24');
  assert.equal(of('0.0.0.0'), '0.0.0.0/32');
  assert.equal(of('255.255.255.255'), '255.255.255.255/32');
  assert.equal(of('255.255.255.254'), '240.0.0.0/4');
  assert.equal(of('8.8.8.8'), null);
  assert.equal(of('192.0.1.1'), null, 'between rows inside one /16');
  assert.equal(of('192.0.2.200'), '192.0.2.0/24');
  assert.equal(blockOf(GATEWAY_TABLE, parseIpv4('10.0.0.1')!), null);
  assert.equal(blockOf(GATEWAY_TABLE, parseIpv4('127.0.0.2')!)?.allowed, false);
});

test('the /16 index answers what a scan of every row answers', () => {
  const scan = (address: number) =>
    [...FLOATING_IP_BLOCKS]
      .map((row) => ({ row, cidr: parseCidr(row.block)! }))
      .filter(({ cidr }) => cidrContains(cidr, address))
      .sort((a, b) => b.cidr.prefixLength - a.cidr.prefixLength)[0]?.row ?? null;
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) >>> 0);
  const edges = FLOATING_IP_BLOCKS.flatMap((row) => {
    const cidr = parseCidr(row.block)!;
    const last = (cidr.network | (~maskOf(cidr.prefixLength) >>> 0)) >>> 0;
    return [cidr.network, last, cidr.network - 1, last + 1].filter((a) => a >= 0 && a <= 0xffffffff);
  });
  for (const address of [...edges, ...Array.from({ length: 20000 }, random)]) {
    assert.equal(blockOf(FLOATING_IP_TABLE, address), scan(address), String(address));
  }
});
