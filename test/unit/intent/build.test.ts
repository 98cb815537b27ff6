import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIntent } from '../../../src/intent/build.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import { container, network, seedSettings, state } from './fixtures.js';

test('the seed example becomes one tenant and one floating IP', () => {
  const intent = buildIntent(state(), seedSettings());
  assert.deepEqual(intent.rejections, []);
  const [router] = intent.routers;
  assert.equal(router!.router, 'edge1');
  assert.deepEqual(router!.tenants, [
    {
      vrf: 'mytenant',
      network: 'mytenant',
      networkId: 'id-mytenant',
      vlan: 10,
      subinterface: 'GigabitEthernet2.10',
      subnet: '192.168.1.0',
      prefixLength: 24,
      mask: '255.255.255.0',
      wildcard: '0.0.0.255',
      gateway: '192.168.1.254',
      acl: 'TRANSLATOR-NAT-mytenant',
    },
  ]);
  assert.deepEqual(router!.floatingIps, [
    { vrf: 'mytenant', local: '192.168.1.1', global: '10.0.1.1', container: 'web', containerId: 'id-web' },
  ]);
  assert.equal(router!.egressRouteMap, 'TRANSLATOR-EGRESS');
});

test('the real prefix gives the mask, not a hard-coded /24', () => {
  const intent = buildIntent(state([network({ subnet: '172.16.0.0/22', gateway: '172.16.3.254' })], []), seedSettings());
  const tenant = intent.routers[0]!.tenants[0]!;
  assert.equal(tenant.mask, '255.255.252.0');
  assert.equal(tenant.wildcard, '0.0.3.255');
});

test('a translator.vlan label gives the VLAN when the parent has none', () => {
  const intent = buildIntent(state([network({ parent: 'eth1', labels: { 'translator.vlan': '300' } })], []), seedSettings());
  assert.equal(intent.routers[0]!.tenants[0]!.vlan, 300);
  assert.equal(intent.routers[0]!.tenants[0]!.subinterface, 'GigabitEthernet2.300');
});

test('a stopped container holds no floating IP; an unlabelled one is not ours and not a rejection', () => {
  const intent = buildIntent(
    state(undefined, [container({ running: false }), container({ name: 'db', labels: {}, addresses: { mytenant: '192.168.1.2' } })]),
    seedSettings(),
  );
  assert.deepEqual(intent.routers[0]!.floatingIps, []);
  assert.deepEqual(intent.rejections, []);
});

test('output order does not depend on Docker listing order', () => {
  const networks = [network({ name: 'b', parent: 'eth1.20' }), network({ name: 'a', parent: 'eth1.30', subnet: '192.168.2.0/24', gateway: '192.168.2.1' })];
  const containers = [
    container({ name: 'x', labels: { global_ip: '10.0.1.9' }, addresses: { b: '192.168.1.10' } }),
    container({ name: 'y', labels: { global_ip: '10.0.1.8' }, addresses: { b: '192.168.1.9' } }),
  ];
  const one = buildIntent(state(networks, containers), seedSettings());
  const two = buildIntent(state([...networks].reverse(), [...containers].reverse()), seedSettings());
  assert.deepEqual(one, two);
  assert.deepEqual(one.routers[0]!.tenants.map((t) => t.vrf), ['a', 'b']);
  assert.deepEqual(one.routers[0]!.floatingIps.map((f) => f.local), ['192.168.1.9', '192.168.1.10'], 'numeric, not text order');
});

test('several routers: a network picks its router by label; without one it is rejected', () => {
  const settings = settingsSchemas().settingsSchema.parse({
    routers: [
      { name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' },
      { name: 'edge2', inside: 'TenGigabitEthernet0/0/1', outside: 'TenGigabitEthernet0/0/0' },
    ],
  });
  const intent = buildIntent(
    state(
      [network({ name: 'one', labels: { 'translator.router': 'edge2' } }), network({ name: 'two', parent: 'eth1.11' })],
      [container({ addresses: { one: '192.168.1.1' } })],
    ),
    settings,
  );
  assert.equal(intent.routers[0]!.tenants.length, 0);
  assert.equal(intent.routers[1]!.tenants[0]!.subinterface, 'TenGigabitEthernet0/0/1.10');
  assert.equal(intent.routers[1]!.floatingIps[0]!.global, '10.0.1.1');
  assert.match(intent.rejections[0]!.reason, /2 routers are configured \(edge1, edge2\): choose one with the network label translator\.router=NAME/);
});

test('the floating-IP label key is configurable', () => {
  const settings = settingsSchemas().settingsSchema.parse({
    routers: [{ name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' }],
    labels: { globalIp: 'example.com/public-ip' },
  });
  const intent = buildIntent(state(undefined, [container({ labels: { 'example.com/public-ip': '10.0.1.7' } })]), settings);
  assert.equal(intent.routers[0]!.floatingIps[0]!.global, '10.0.1.7');
});

test('floating IPs: by VRF in text order, then numeric local address, a shared local address in creation order', () => {
  const vrfs = ['b', 'a', 'B', 'a-b', 'a_b', 'ab'];
  const networks = vrfs.map((name, i) => network({ name, parent: `eth1.${i + 10}`, subnet: `10.${i}.0.0/16`, gateway: `10.${i}.255.254` }));
  const containers = vrfs.flatMap((name, i) =>
    ['10', '9', '200', '2.1', '10'].map((host, j) =>
      container({
        name: `${name}${j}`,
        id: `id-${name}${j}`,
        created: `2026-01-01T00:00:0${9 - j}.000Z`,
        labels: { global_ip: `198.51.${i}.${j + 1}` },
        addresses: { [name]: `10.${i}.${host.includes('.') ? host : `0.${host}`}` },
      }),
    ),
  );
  const intent = buildIntent(state(networks, [...containers].reverse()), seedSettings());
  assert.deepEqual(intent.rejections, []);
  const order = intent.routers[0]!.floatingIps.map((f) => `${f.vrf} ${f.local} ${f.container}`);
  const expected = [...vrfs].sort().flatMap((name) => {
    const i = vrfs.indexOf(name);
    return [`0.9 ${name}1`, `0.10 ${name}4`, `0.10 ${name}0`, `0.200 ${name}2`, `2.1 ${name}3`].map((rest) => `${name} 10.${i}.${rest}`);
  });
  assert.deepEqual(order, expected);
});
