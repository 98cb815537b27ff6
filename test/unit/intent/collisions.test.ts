/**
 * Issue 10 item 2 and issue 9 item 3: floating IPs that cannot be right (special-purpose
 * addresses, addresses the router itself uses or translator renders on it, global IPs of unowned
 * NAT) and tenants that collide with a legacy VRF are rejected with a reason; the rest renders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIntent } from '../../../src/intent/build.js';
import type { FactsByRouter, RouterFacts } from '../../../src/intent/types.js';
import { container, network, seedSettings, state, twoRouterSettings } from './fixtures.js';

/** The seed plus one more container `probe` asking for `global`; the seed's `web` must still render. */
function probe(global: string, facts?: FactsByRouter) {
  const asking = container({ name: 'probe', labels: { global_ip: global }, addresses: { mytenant: '192.168.1.77' } });
  const intent = buildIntent(state(undefined, [container(), asking]), seedSettings(), facts);
  const placed = intent.routers[0]!.floatingIps.map((f) => f.container);
  assert.ok(placed.includes('web'), 'the other floating IP still renders');
  return { placed: placed.includes('probe'), rejection: intent.rejections.find((r) => r.object === 'probe') };
}

const facts = (partial: Partial<RouterFacts>, router = 'edge1'): FactsByRouter =>
  new Map([[router, { interfaceAddresses: [], unownedNatGlobals: [], legacyVrfs: [], ...partial }]]);

const refused: [string, RegExp][] = [
  ['0.0.0.0', /0\.0\.0\.0\/32 \("This host on this network", RFC 1122\): it is never a destination/],
  ['0.1.2.3', /0\.0\.0\.0\/8 \("This network", RFC 791\)/],
  ['127.0.0.1', /127\.0\.0\.0\/8 \(Loopback, RFC 1122\)/],
  ['169.254.169.254', /169\.254\.0\.0\/16 \(Link Local, RFC 3927\): not forwardable/],
  ['192.0.0.1', /192\.0\.0\.0\/29 \(IPv4 Service Continuity Prefix, RFC 7335\)/],
  ['192.0.0.8', /192\.0\.0\.8\/32 \(IPv4 dummy address/],
  ['192.0.0.100', /192\.0\.0\.0\/24 \(IETF Protocol Assignments/],
  ['192.0.0.170', /NAT64\/DNS64 Discovery/],
  ['192.88.99.1', /Deprecated \(6to4 Relay Anycast\)/],
  ['224.0.0.1', /224\.0\.0\.0\/4 \(Multicast, RFC 5771\)/],
  ['239.255.255.250', /Multicast/],
  ['240.0.0.1', /240\.0\.0\.0\/4 \(Reserved, RFC 1112\)/],
  ['255.255.255.255', /255\.255\.255\.255\/32 \(Limited Broadcast, RFC 919\)/],
];

for (const [global, reason] of refused) {
  test(`floating IP ${global} is refused as a special-purpose address`, () => {
    const { placed, rejection } = probe(global);
    assert.equal(placed, false);
    assert.equal(rejection?.code, 'globalSpecialPurpose');
    assert.match(rejection!.reason, new RegExp(`^global IP ${global.replace(/\./g, '\\.')} is in `));
    assert.match(rejection!.reason, reason);
  });
}

const allowed = ['10.0.1.2', '172.16.5.5', '192.168.200.1', '100.64.0.1', '198.18.0.1', '192.0.0.9', '192.0.0.10', '192.0.2.10', '198.51.100.1', '203.0.113.5', '8.8.8.8', '223.255.255.254'];
for (const global of allowed) {
  test(`floating IP ${global} is allowed`, () => {
    const { placed, rejection } = probe(global);
    assert.equal(placed, true, rejection?.reason);
  });
}

test("a floating IP that is one of the router's interface addresses is refused, naming the interface", () => {
  const known = facts({ interfaceAddresses: [{ address: '203.0.113.2', interface: 'GigabitEthernet1' }, { address: '10.10.10.1', interface: 'Loopback0' }] });
  for (const [global, iface] of [['203.0.113.2', 'GigabitEthernet1'], ['10.10.10.1', 'Loopback0']] as const) {
    const { placed, rejection } = probe(global, known);
    assert.equal(placed, false);
    assert.equal(rejection?.code, 'globalRouterAddress');
    assert.equal(rejection?.reason, `global IP ${global} is the address of ${iface} on edge1: a static NAT would take the router's own address`);
  }
  assert.equal(probe('203.0.113.3', known).placed, true, 'the neighbour address is free');
  assert.equal(probe('203.0.113.2').placed, true, 'without facts nothing is known yet, nothing more is rejected');
});

test('a floating IP that is the management address translator connects to is refused, from the settings alone', () => {
  const settings = seedSettings({ IOS_MGMT_IP: '198.51.100.1' });
  const asking = container({ name: 'probe', labels: { global_ip: '198.51.100.1' }, addresses: { mytenant: '192.168.1.77' } });
  const intent = buildIntent(state(undefined, [container(), asking]), settings);
  assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => f.container), ['web']);
  assert.equal(intent.rejections[0]?.code, 'globalRouterAddress');
  assert.equal(
    intent.rejections[0]?.reason,
    "global IP 198.51.100.1 is the management address translator connects to (routers[].host) on edge1: a static NAT would take the router's own address",
  );
});

test("a floating IP that is a tenant's gateway, network or broadcast address on that router is refused", () => {
  const cases = [
    ['192.168.1.254', 'gateway'],
    ['192.168.1.0', 'network address'],
    ['192.168.1.255', 'broadcast address'],
  ] as const;
  for (const [global, role] of cases) {
    const { placed, rejection } = probe(global);
    assert.equal(placed, false);
    assert.equal(rejection?.code, 'globalTenantAddress');
    assert.equal(rejection?.reason, `global IP ${global} is the ${role} of tenant mytenant on edge1`);
  }
});

test("another router's tenant addresses and facts do not constrain this router", () => {
  const settings = twoRouterSettings();
  const networks = [
    network({ name: 'one', labels: { 'translator.router': 'edge1' } }),
    network({ name: 'two', labels: { 'translator.router': 'edge2' }, subnet: '10.20.0.0/24', gateway: '10.20.0.1' }),
  ];
  // edge1's container asks for edge2's tenant gateway and edge2's interface address: both fine on edge1.
  const containers = [
    container({ name: 'a', labels: { global_ip: '10.20.0.1' }, addresses: { one: '192.168.1.1' } }),
    container({ name: 'b', labels: { global_ip: '198.51.100.7' }, addresses: { one: '192.168.1.2' } }),
  ];
  const intent = buildIntent(state(networks, containers), settings, facts({ interfaceAddresses: [{ address: '198.51.100.7', interface: 'GigabitEthernet1' }] }, 'edge2'));
  assert.deepEqual(intent.rejections, []);
  assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => f.container), ['a', 'b']);
});

test('a global IP used by unowned NAT in any form is refused, naming the line; the rest renders', () => {
  const known = facts({
    unownedNatGlobals: [
      { first: '203.0.113.9', last: '203.0.113.9', line: 'ip nat inside source static 10.9.9.9 203.0.113.9' },
      { first: '198.51.100.16', last: '198.51.100.31', line: 'ip nat pool HUMAN 198.51.100.16 198.51.100.31 netmask 255.255.255.240' },
    ],
  });
  const single = probe('203.0.113.9', known);
  assert.equal(single.placed, false);
  assert.equal(single.rejection?.code, 'globalUnownedNat');
  assert.equal(single.rejection?.reason, 'global IP 203.0.113.9 is used by unowned NAT on edge1: "ip nat inside source static 10.9.9.9 203.0.113.9"');
  for (const global of ['198.51.100.16', '198.51.100.20', '198.51.100.31']) {
    const inPool = probe(global, known);
    assert.equal(inPool.placed, false, global);
    assert.match(inPool.rejection!.reason, /used by unowned NAT on edge1: "ip nat pool HUMAN 198\.51\.100\.16 198\.51\.100\.31/);
  }
  assert.equal(probe('198.51.100.32', known).placed, true, 'just past the pool is free');
  assert.equal(probe('198.51.100.15', known).placed, true, 'just before the pool is free');
});

test("a tenant named like a legacy `ip vrf` on its router is rejected; its containers too; other tenants render", () => {
  const other = network({ name: 'other', parent: 'eth1.20', subnet: '192.168.2.0/24', gateway: '192.168.2.1' });
  const containers = [container(), container({ name: 'ok', labels: { global_ip: '10.0.1.2' }, addresses: { other: '192.168.2.5' } })];
  const intent = buildIntent(state([network(), other], containers), seedSettings(), facts({ legacyVrfs: ['mytenant', 'Other'] }));
  assert.deepEqual(intent.routers[0]!.tenants.map((t) => t.vrf), ['other'], 'VRF names are case-sensitive: "Other" is not "other"');
  assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => f.container), ['ok']);
  const rejected = intent.rejections.find((r) => r.object === 'mytenant');
  assert.equal(rejected?.code, 'legacyVrf');
  assert.equal(rejected?.reason, 'edge1 has a legacy "ip vrf mytenant" of the same name, not made by translator: rename the network or remove that VRF');
  assert.equal(intent.rejections.find((r) => r.object === 'web')?.code, 'networkRejected');
});

test('tenants with overlapping subnets on one router both render: each is in its own VRF, where IOS allows it', () => {
  const other = network({ name: 'other', parent: 'eth1.20' }); // the same 192.168.1.0/24 and gateway as mytenant
  const intent = buildIntent(state([network(), other], []), seedSettings());
  assert.deepEqual(intent.rejections, []);
  assert.deepEqual(intent.routers[0]!.tenants.map((t) => t.vrf), ['mytenant', 'other']);
});
