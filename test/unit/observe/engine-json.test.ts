// The pure mapping from Docker Engine API answers to DockerState, on answers recorded from a
// real dockerd 20.10 (API 1.41): see fixtures/README.md for the commands that made them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  containersNeedingPreciseCreation,
  normalizeCreated,
  toDockerState,
  type ContainerJson,
  type NetworkJson,
} from '../../../src/observe/engine-json.js';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

const networks = fixture<NetworkJson[]>('networks.json');
const containers = fixture<ContainerJson[]>('containers-all.json');
const inspectWeb = fixture<{ Id: string; Created: string }>('container-inspect-web.json');

const idOf = (name: string) => networks.find((n) => n.Name === name)!.Id;
const containerIdOf = (name: string) => containers.find((c) => c.Names.includes(`/${name}`))!.Id;
const clone = <T>(value: T): T => structuredClone(value);

test('every macvlan network and nothing else, sorted by name', () => {
  const state = toDockerState(networks, containers);
  // bridge, host, null and the config-only network are not macvlan
  assert.deepEqual(state.networks.map((n) => n.name), ['dualstack', 'fromcfg', 'mytenant', 'other']);
});

test('a network carries subnet, gateway, parent, labels and its exact creation time', () => {
  const state = toDockerState(networks, containers);
  assert.deepEqual(state.networks.find((n) => n.name === 'mytenant'), {
    id: idOf('mytenant'),
    name: 'mytenant',
    driver: 'macvlan',
    subnet: '192.168.1.0/24',
    gateway: '192.168.1.254',
    parent: 'eth1.10',
    labels: {},
    created: '2026-11-29T15:37:39.624418166Z',
  });
  const other = state.networks.find((n) => n.name === 'other')!;
  assert.deepEqual(other.labels, { 'translator.vlan': '20' });
  assert.equal(other.parent, 'eth1.20');
});

test('a --config-from network has the config network\'s subnet, parent and labels', () => {
  const fromcfg = toDockerState(networks, containers).networks.find((n) => n.name === 'fromcfg')!;
  assert.equal(fromcfg.subnet, '172.30.0.0/24');
  assert.equal(fromcfg.gateway, '172.30.0.1');
  assert.equal(fromcfg.parent, 'eth1.30');
  assert.deepEqual(fromcfg.labels, { 'translator.router': 'edge2' });
});

test('the first IPv4 subnet is the tenant, whatever the IPv6 ones around it', () => {
  const dual = toDockerState(networks, containers).networks.find((n) => n.name === 'dualstack')!;
  assert.equal(dual.subnet, '172.31.40.0/24');
  assert.equal(dual.gateway, null, 'dockerd recorded no gateway for this network');

  const ipv6First = clone(networks).filter((n) => n.Name === 'dualstack');
  ipv6First[0]!.IPAM!.Config = [
    { Subnet: '2001:db8:40::/64', Gateway: '2001:db8:40::1' },
    { Subnet: '172.31.40.0/24', Gateway: '172.31.40.1' },
    { Subnet: '172.31.41.0/24', Gateway: '172.31.41.1' },
  ];
  const [network] = toDockerState(ipv6First, []).networks;
  assert.equal(network!.subnet, '172.31.40.0/24');
  assert.equal(network!.gateway, '172.31.40.1');
});

test('only running containers attached to a macvlan network, sorted by name', () => {
  const names = toDockerState(networks, containers).containers.map((c) => c.name);
  // "stopped" has exited, "onbridge" is only on a bridge network
  assert.deepEqual(names, ['cfg', 'trusting_grothendieck', 'v6', 'web']);
});

test('the seed container: name without slash, labels, address, creation time', () => {
  const seed = toDockerState(networks, containers).containers.find((c) => c.name === 'trusting_grothendieck');
  assert.deepEqual(seed, {
    id: containerIdOf('trusting_grothendieck'),
    name: 'trusting_grothendieck',
    created: '2026-11-29T15:37:39.000000000Z', // the list's whole seconds, fixed width
    running: true,
    labels: { global_ip: '10.0.1.1' },
    addresses: { mytenant: '192.168.1.1' },
  });
});

test('a container on two macvlan networks has an address in each, keys sorted', () => {
  const web = toDockerState(networks, containers).containers.find((c) => c.name === 'web')!;
  assert.deepEqual(web.addresses, { mytenant: '192.168.1.2', other: '10.20.0.5' });
  assert.deepEqual(Object.keys(web.addresses), ['mytenant', 'other']);
  assert.deepEqual(web.labels, { global_ip: '10.0.1.2', team: 'blue' });
});

test('an endpoint without an IPv4 address is kept as "" so intent can reject it by name', () => {
  const edited = clone(containers);
  const web = edited.find((c) => c.Names.includes('/web'))!;
  web.NetworkSettings!.Networks!.other!.IPAddress = '';
  const mapped = toDockerState(networks, edited).containers.find((c) => c.name === 'web')!;
  assert.deepEqual(mapped.addresses, { mytenant: '192.168.1.2', other: '' });
});

test('endpoints on non-macvlan networks are left out of the addresses', () => {
  const edited = clone(containers);
  const web = edited.find((c) => c.Names.includes('/web'))!;
  web.NetworkSettings!.Networks!.plainbridge = { NetworkID: idOf('plainbridge'), IPAddress: '172.17.0.9' };
  const mapped = toDockerState(networks, edited).containers.find((c) => c.name === 'web')!;
  assert.deepEqual(Object.keys(mapped.addresses), ['mytenant', 'other']);
});

test('a container is named by its own name, not a legacy link alias', () => {
  const edited = clone(containers);
  edited.find((c) => c.Names.includes('/web'))!.Names = ['/proxy/web-alias', '/web'];
  assert.ok(toDockerState(networks, edited).containers.some((c) => c.name === 'web'));
});

test('null maps from the engine (labels, options, IPAM, networks) are read as empty', () => {
  const net: NetworkJson = { Id: 'n1', Name: 'bare', Driver: 'macvlan', Created: '2026-01-01T00:00:00Z', IPAM: null, Options: null, Labels: null };
  const attached: ContainerJson = {
    Id: 'c1', Names: ['/c1'], Created: 1767225600, State: 'running', Labels: null,
    NetworkSettings: { Networks: { bare: { NetworkID: 'n1', IPAddress: '10.0.0.2' } } },
  };
  const detached: ContainerJson = { Id: 'c2', Names: ['/c2'], Created: 1767225600, State: 'running', NetworkSettings: { Networks: null } };
  const state = toDockerState([net], [attached, detached]);
  assert.deepEqual(state.networks[0], {
    id: 'n1', name: 'bare', driver: 'macvlan', subnet: null, gateway: null, parent: null, labels: {},
    created: '2026-01-01T00:00:00.000000000Z',
  });
  assert.deepEqual(state.containers.map((c) => [c.name, c.labels, c.addresses]), [['c1', {}, { bare: '10.0.0.2' }]]);
});

test('the result is plain data and does not depend on the order Docker lists things in', () => {
  const state = toDockerState(networks, containers);
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  const reversed = toDockerState([...networks].reverse(), [...containers].reverse());
  assert.deepEqual(reversed, state);
});

test('only containers sharing a creation second with another attached one need an inspect', () => {
  // cfg and v6 were created in the same second; web and the seed container each alone in theirs;
  // onbridge shares web's second but is not on a macvlan network, and "stopped" is not running.
  assert.deepEqual(
    containersNeedingPreciseCreation(networks, containers),
    [containerIdOf('cfg'), containerIdOf('v6')].sort(),
  );
});

test('an inspected creation time replaces the list\'s whole seconds', () => {
  const precise = new Map([[inspectWeb.Id, inspectWeb.Created]]);
  const web = toDockerState(networks, containers, precise).containers.find((c) => c.name === 'web')!;
  assert.equal(inspectWeb.Created, '2026-11-29T15:37:40.0841397Z');
  assert.equal(web.created, '2026-11-29T15:37:40.084139700Z');
});

test('creation times are fixed-width UTC, so string order is time order', () => {
  assert.equal(normalizeCreated('2026-11-29T15:37:39.6244Z'), '2026-11-29T15:37:39.624400000Z');
  assert.equal(normalizeCreated('2026-11-29T15:37:39Z'), '2026-11-29T15:37:39.000000000Z');
  assert.equal(normalizeCreated('2026-11-29T16:37:39.5+01:00'), '2026-11-29T15:37:39.500000000Z');
  assert.equal(normalizeCreated(1795966659), '2026-11-29T15:37:39.000000000Z');
  // The engine trims trailing zeros: raw strings would sort .5Z after .123456789Z.
  const raw = ['2026-11-29T15:37:39.5Z', '2026-11-29T15:37:39.123456789Z', '2026-11-29T15:37:39.05Z'];
  assert.deepEqual(raw.map(normalizeCreated).sort(), [
    '2026-11-29T15:37:39.050000000Z',
    '2026-11-29T15:37:39.123456789Z',
    '2026-11-29T15:37:39.500000000Z',
  ]);
  assert.throws(() => normalizeCreated('yesterday'), /unreadable creation time: "yesterday"/);
});
