import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIntent } from '../../../src/intent/build.js';
import type { RejectionCode } from '../../../src/intent/types.js';
import type { DockerContainer, DockerNetwork } from '../../../src/observe/types.js';
import { container, network, seedSettings, state, twoRouterSettings } from './fixtures.js';

/** Every hostile or broken label value is rejected with a reason, and the rest still renders. */
const badGlobalIps: [string, string][] = [
  ['newline inside', '10.0.1.1\nip nat inside source static 1.1.1.1 2.2.2.2'],
  ['carriage return inside', '10.0.1.1\rno ip nat outside'],
  ['trailing newline', '10.0.1.1\n'],
  ['extra words', '10.0.1.1 vrf x'],
  ['leading zeros', '010.000.001.001'],
  ['one leading zero', '10.0.1.01'],
  ['IPv6', '2001:db8::1'],
  ['IPv4-mapped IPv6', '::ffff:10.0.1.1'],
  ['out of range octet', '10.0.1.256'],
  ['spaces around', ' 10.0.1.1 '],
  ['space inside', '10.0. 1.1'],
  ['three octets', '10.0.1'],
  ['five octets', '10.0.1.1.1'],
  ['CIDR', '10.0.1.1/32'],
  ['empty', ''],
  ['hostname', 'example.com'],
  ['negative', '-10.0.1.1'],
  ['hex', '0x0a.0.1.1'],
  ['unicode digits', '１0.0.1.1'],
  ['semicolon command', '10.0.1.1;reload'],
];

for (const [what, value] of badGlobalIps) {
  test(`global_ip rejected: ${what}`, () => {
    const good = container({ name: 'good', labels: { global_ip: '10.0.1.2' }, addresses: { mytenant: '192.168.1.2' } });
    const intent = buildIntent(state(undefined, [container({ labels: { global_ip: value } }), good]), seedSettings());
    assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => f.container), ['good'], 'the other container still renders');
    assert.equal(intent.rejections.length, 1);
    assert.equal(intent.rejections[0]!.kind, 'container');
    assert.equal(intent.rejections[0]!.object, 'web');
    assert.equal(intent.rejections[0]!.code, 'badGlobalIp');
    assert.match(intent.rejections[0]!.reason, /is not a plain dotted-quad IPv4 address/);
    assert.ok(!intent.rejections[0]!.reason.includes('\n'), 'the reason shows the value quoted, on one line');
  });
}

test('a global IP claimed twice goes to the container created first; the other names it', () => {
  const older = container({ name: 'older', created: '2026-01-01T00:00:00Z', addresses: { mytenant: '192.168.1.5' } });
  const newer = container({ name: 'newer', created: '2026-02-01T00:00:00Z', addresses: { mytenant: '192.168.1.3' } });
  for (const order of [[older, newer], [newer, older]]) {
    const intent = buildIntent(state(undefined, order), seedSettings());
    assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => f.container), ['older']);
    assert.equal(intent.rejections[0]!.object, 'newer');
    assert.match(intent.rejections[0]!.reason, /global IP 10\.0\.1\.1 is already claimed by container "older"/);
  }
});

test('a global IP is claimed per router: the same address on two routers is two floating IPs, twice on one is refused', () => {
  const settings = twoRouterSettings();
  const networks = [
    network({ name: 'one', labels: { 'translator.router': 'edge1' } }),
    network({ name: 'two', parent: 'eth1.11', labels: { 'translator.router': 'edge2' }, subnet: '10.20.0.0/24', gateway: '10.20.0.254' }),
  ];
  const containers = [
    container({ name: 'a', created: '2026-01-01T00:00:00Z', addresses: { one: '192.168.1.1' } }),
    container({ name: 'b', created: '2026-01-02T00:00:00Z', addresses: { two: '10.20.0.1' } }),
    container({ name: 'c', created: '2026-01-03T00:00:00Z', addresses: { two: '10.20.0.2' } }),
  ];
  const intent = buildIntent(state(networks, containers), settings);
  assert.deepEqual(intent.routers.map((r) => r.floatingIps.map((f) => `${f.container} ${f.global}`)), [['a 10.0.1.1'], ['b 10.0.1.1']]);
  assert.equal(intent.rejections.length, 1);
  assert.equal(intent.rejections[0]!.object, 'c');
  assert.equal(intent.rejections[0]!.router, 'edge2');
  assert.match(intent.rejections[0]!.reason, /global IP 10\.0\.1\.1 is already claimed by container "b"/);
});

test('a global IP outside the configured pools is rejected; inside is kept', async () => {
  const { settingsSchemas } = await import('../../../src/settings/schema.js');
  const settings = settingsSchemas().settingsSchema.parse({
    routers: [{ name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' }],
    pools: ['10.0.1.0/28'],
  });
  const intent = buildIntent(
    state(undefined, [container(), container({ name: 'far', labels: { global_ip: '10.0.1.16' }, addresses: { mytenant: '192.168.1.2' } })]),
    settings,
  );
  assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => f.container), ['web']);
  assert.match(intent.rejections[0]!.reason, /global IP 10\.0\.1\.16 is outside the configured pools \(10\.0\.1\.0\/28\)/);
});

const badNetworks: [string, Partial<DockerNetwork>, RejectionCode, RegExp][] = [
  ['name too long for a VRF', { name: 'a'.repeat(33) }, 'badVrfName', /cannot be a VRF name/],
  ['name with a space', { name: 'my tenant' }, 'badVrfName', /cannot be a VRF name/],
  ['name with a newline', { name: 'x\nip nat outside' }, 'badVrfName', /cannot be a VRF name/],
  ['name starting with a dot', { name: '.hidden' }, 'badVrfName', /cannot be a VRF name/],
  ['parent without VLAN', { parent: 'eth1' }, 'noVlan', /no VLAN: parent "eth1" has no/],
  ['no parent at all', { parent: null }, 'noVlan', /no VLAN: parent \(none\)/],
  ['VLAN 0', { parent: 'eth1.0' }, 'badVlan', /not a number from 1 to 4094/],
  ['VLAN 4095', { parent: 'eth1.4095' }, 'badVlan', /not a number from 1 to 4094/],
  ['VLAN with leading zero', { parent: 'eth1.010' }, 'badVlan', /not a number from 1 to 4094/],
  ['VLAN not a number', { parent: 'eth1.ten' }, 'badVlan', /not a number from 1 to 4094/],
  ['VLAN label out of range', { parent: 'eth1', labels: { 'translator.vlan': '5000' } }, 'badVlan', /label translator\.vlan "5000"/],
  ['VLAN label with words', { parent: 'eth1', labels: { 'translator.vlan': '10 encapsulation' } }, 'badVlan', /label translator\.vlan/],
  ['no IPv4 subnet', { subnet: null }, 'noSubnet', /no IPv4 subnet/],
  ['IPv6 subnet', { subnet: '2001:db8::/64' }, 'noSubnet', /no IPv4 subnet/],
  ['host bits set in the subnet', { subnet: '192.168.1.5/24' }, 'subnetHostBits', /subnet "192\.168\.1\.5\/24" has host bits set: write its network address \(192\.168\.1\.0\/24\)/],
  ['a /0 subnet', { subnet: '0.0.0.0/0', gateway: '192.168.1.254' }, 'subnetEverything', /a \/0 subnet cannot be a tenant/],
  ['a /31', { subnet: '192.168.1.0/31', gateway: '192.168.1.1' }, 'badPrefix', /prefix \/31 leaves no room/],
  ['a /32', { subnet: '192.168.1.1/32', gateway: '192.168.1.1' }, 'badPrefix', /prefix \/32 leaves no room/],
  ['no gateway', { gateway: null }, 'noGateway', /no IPv4 gateway/],
  ['gateway outside the subnet', { gateway: '192.168.2.1' }, 'gatewayOutside', /gateway "192\.168\.2\.1" is not a host address of 192\.168\.1\.0\/24/],
  ['gateway is the network address', { gateway: '192.168.1.0' }, 'gatewayOutside', /not a host address/],
  ['gateway is the broadcast address', { gateway: '192.168.1.255' }, 'gatewayOutside', /not a host address/],
  ['gateway with words', { gateway: '192.168.1.254 secondary' }, 'gatewayOutside', /not a host address/],
  ['gateway in loopback', { subnet: '127.0.0.0/24', gateway: '127.0.0.1' }, 'gatewayNotHost', /gateway 127\.0\.0\.1 is in 127\.0\.0\.0\/8 \(Loopback\): IOS refuses it as an interface address/],
  ['gateway in multicast', { subnet: '224.1.1.0/24', gateway: '224.1.1.1' }, 'gatewayNotHost', /in 224\.0\.0\.0\/4 \(Multicast\)/],
  ['gateway in "this network"', { subnet: '0.1.0.0/16', gateway: '0.1.0.1' }, 'gatewayNotHost', /in 0\.0\.0\.0\/8/],
  ['gateway in class E', { subnet: '240.1.0.0/16', gateway: '240.1.0.1' }, 'gatewayNotHost', /in 240\.0\.0\.0\/4 \(Reserved\)/],
  ['router label naming nobody', { labels: { 'translator.router': 'edge9' } }, 'routerUnknown', /label translator\.router="edge9" names no configured router/],
];

for (const [what, overrides, code, reason] of badNetworks) {
  test(`network rejected: ${what}; its containers are rejected too; other tenants still render`, () => {
    const bad = network({ ...overrides, name: overrides.name ?? 'bad' });
    const good = network({ name: 'good', parent: 'eth1.20', subnet: '192.168.2.0/24', gateway: '192.168.2.1' });
    const intent = buildIntent(
      state([bad, good], [container({ addresses: { [bad.name]: '192.168.1.1' } }), container({ name: 'ok', labels: { global_ip: '10.0.1.2' }, addresses: { good: '192.168.2.5' } })]),
      seedSettings(),
    );
    assert.deepEqual(intent.routers[0]!.tenants.map((t) => t.vrf), ['good']);
    assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => f.container), ['ok']);
    const networkRejection = intent.rejections.find((r) => r.kind === 'network');
    assert.equal(networkRejection?.object, bad.name);
    assert.equal(networkRejection!.code, code);
    assert.match(networkRejection!.reason, reason);
    const containerRejection = intent.rejections.find((r) => r.kind === 'container');
    assert.equal(containerRejection?.object, 'web');
    assert.equal(containerRejection!.code, 'networkRejected');
    assert.match(containerRejection!.reason, /its network ".*" was rejected/);
  });
}

test('two networks on one VLAN of one router: the one created first keeps it', () => {
  const first = network({ name: 'first', created: '2026-01-01T00:00:00Z' });
  const second = network({ name: 'second', created: '2026-03-01T00:00:00Z', parent: 'eth2.10' });
  for (const order of [[first, second], [second, first]]) {
    const intent = buildIntent(state(order, []), seedSettings());
    assert.deepEqual(intent.routers[0]!.tenants.map((t) => t.vrf), ['first']);
    assert.equal(intent.rejections[0]!.object, 'second');
    assert.match(intent.rejections[0]!.reason, /VLAN 10 on edge1 is already used by network "first"/);
  }
});

const badContainers: [string, Partial<DockerContainer>, RejectionCode, RegExp][] = [
  ['no address in the network', { addresses: { mytenant: '' } }, 'noAddress', /no IPv4 address in network "mytenant"/],
  ['on no tenant network', { addresses: {} }, 'noTenantNetwork', /on no macvlan network that became a tenant/],
  ['address outside the tenant subnet', { addresses: { mytenant: '10.9.9.9' } }, 'localOutside', /not inside the tenant subnet 192\.168\.1\.0\/24/],
];

for (const [what, overrides, code, reason] of badContainers) {
  test(`container rejected: ${what}`, () => {
    const intent = buildIntent(state(undefined, [container(overrides)]), seedSettings());
    assert.deepEqual(intent.routers[0]!.floatingIps, []);
    assert.equal(intent.rejections[0]!.object, 'web');
    assert.equal(intent.rejections[0]!.code, code);
    assert.match(intent.rejections[0]!.reason, reason);
  });
}

test('a container on two tenant networks is ambiguous and rejected', () => {
  const intent = buildIntent(
    state(
      [network(), network({ name: 'other', parent: 'eth1.20', subnet: '192.168.2.0/24', gateway: '192.168.2.1' })],
      [container({ addresses: { mytenant: '192.168.1.1', other: '192.168.2.1' } })],
    ),
    seedSettings(),
  );
  assert.match(intent.rejections[0]!.reason, /several tenant networks \(mytenant, other\)/);
});

test('non-macvlan networks are ignored, not rejected', () => {
  const intent = buildIntent(state([network({ driver: 'bridge', parent: null })], []), seedSettings());
  assert.deepEqual(intent.routers[0]!.tenants, []);
  assert.deepEqual(intent.rejections, []);
});
