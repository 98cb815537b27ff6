// Several standalone engines merged into one state (src/observe/merge.ts): the rules, one by one,
// on small states as the engine source reads them, then through intent.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildIntent } from '../../../src/intent/build.js';
import { mergeHosts, type HostState } from '../../../src/observe/merge.js';
import type { DockerContainer, DockerNetwork, DockerState } from '../../../src/observe/types.js';
import { settingsSchemas } from '../../../src/settings/schema.js';

const LABELS = { globalIp: 'global_ip', vlan: 'translator.vlan', router: 'translator.router' };
const [A, B] = ['tcp://a:2376', 'tcp://b:2376'];

function network(name: string, vlan: number, subnet: string, created: string, labels: Record<string, string> = {}): DockerNetwork {
  const [base] = subnet.split('/');
  const gateway = `${base!.split('.').slice(0, 3).join('.')}.254`;
  return { id: `${name}-${created}`, name, driver: 'macvlan', subnet, gateway, parent: `eth1.${vlan}`, labels, created: `2026-01-01T00:00:0${created}.000000000Z` };
}

function container(name: string, addresses: Record<string, string>, created: string, global?: string): DockerContainer {
  return {
    id: `${name}-${created}`,
    name,
    created: `2026-01-01T00:00:0${created}.000000000Z`,
    running: true,
    labels: global === undefined ? {} : { global_ip: global },
    addresses,
  };
}

const host = (name: string, networks: DockerNetwork[], containers: DockerContainer[], stale = false): HostState => ({
  host: name,
  state: { networks, containers },
  stale,
});

const reasonOf = (state: DockerState, object: string) => state.sourceRejections!.filter((r) => r.object === object).map((r) => r.reason);

test('one name, one VLAN, one subnet on two hosts is one tenant listing both hosts', () => {
  const state = mergeHosts(
    [
      host(A, [network('mytenant', 10, '192.168.1.0/24', '1')], [container('web', { mytenant: '192.168.1.1' }, '3', '10.0.1.1')]),
      host(B, [network('mytenant', 10, '192.168.1.0/24', '2')], [container('api', { mytenant: '192.168.1.2' }, '4', '10.0.1.2')]),
    ],
    LABELS,
  );
  assert.deepEqual(state.networks, [{ ...network('mytenant', 10, '192.168.1.0/24', '1'), hosts: [A, B] }]);
  assert.deepEqual(state.containers.map((c) => [c.name, c.host]), [['api', B], ['web', A]]);
  assert.deepEqual(state.sourceRejections, []);
  assert.deepEqual(state.unreachable, []);
});

test('one name with another VLAN on a later host is rejected there, with its containers, naming both hosts', () => {
  const state = mergeHosts(
    [
      host(A, [network('mytenant', 10, '192.168.1.0/24', '1')], [container('web', { mytenant: '192.168.1.1' }, '3', '10.0.1.1')]),
      host(B, [network('mytenant', 20, '192.168.1.0/24', '2')], [
        container('api', { mytenant: '192.168.1.2' }, '4', '10.0.1.2'),
        container('plain', { mytenant: '192.168.1.3' }, '5'),
      ]),
    ],
    LABELS,
  );
  assert.deepEqual(reasonOf(state, 'mytenant'), [
    `on ${B} the network has VLAN 20, subnet 192.168.1.0/24, gateway 192.168.1.254, but on ${A} (seen first) VLAN 10, subnet 192.168.1.0/24, gateway 192.168.1.254: one network name is one tenant`,
  ]);
  assert.deepEqual(reasonOf(state, 'api'), [`its network "mytenant" on ${B} was rejected`]);
  // The unlabelled container asks for nothing: dropped without a word. The tenant is A's.
  assert.deepEqual(state.containers.map((c) => c.name), ['web']);
  assert.deepEqual(state.networks.map((n) => [n.name, n.hosts]), [['mytenant', [A]]]);
});

test('one name with another subnet, or another router, is the same conflict', () => {
  const subnet = mergeHosts([host(A, [network('t', 10, '192.168.1.0/24', '1')], []), host(B, [network('t', 10, '192.168.2.0/24', '2')], [])], LABELS);
  assert.match(reasonOf(subnet, 't')[0]!, /subnet 192\.168\.2\.0\/24.*subnet 192\.168\.1\.0\/24/);
  const router = mergeHosts(
    [host(A, [network('t', 10, '192.168.1.0/24', '1', { 'translator.router': 'edge1' })], []), host(B, [network('t', 10, '192.168.1.0/24', '2', { 'translator.router': 'edge2' })], [])],
    LABELS,
  );
  assert.match(reasonOf(router, 't')[0]!, /router "edge2".*router "edge1"/);
});

test('one VLAN carrying another subnet on another host is rejected; the creation time decides, not the host order', () => {
  const state = mergeHosts(
    [host(A, [network('late', 10, '192.168.2.0/24', '5')], []), host(B, [network('early', 10, '192.168.1.0/24', '1')], [])],
    LABELS,
  );
  assert.deepEqual(reasonOf(state, 'late'), [
    `on ${A} VLAN 10 carries 192.168.2.0/24, but on ${B} network "early" (seen first) puts 192.168.1.0/24 on it: one VLAN is one subnet`,
  ]);
  assert.deepEqual(state.networks.map((n) => n.name), ['early']);
});

test('what is no conflict between hosts is left to intent: another router\'s VLAN, one host\'s own clashes', () => {
  const routers = mergeHosts(
    [
      host(A, [network('x', 10, '192.168.1.0/24', '1', { 'translator.router': 'edge1' })], []),
      host(B, [network('y', 10, '192.168.2.0/24', '2', { 'translator.router': 'edge2' })], []),
    ],
    LABELS,
  );
  assert.deepEqual([routers.networks.length, routers.sourceRejections], [2, []]);
  // Two names on one VLAN with one subnet: intent's "VLAN already used" rule, per router.
  const sameSubnet = mergeHosts([host(A, [network('x', 10, '192.168.1.0/24', '1')], []), host(B, [network('y', 10, '192.168.1.0/24', '2')], [])], LABELS);
  assert.deepEqual(sameSubnet.sourceRejections, []);
  // One global IP twice on one host: intent's "already claimed" rule.
  const oneHost = mergeHosts(
    [host(A, [network('t', 10, '192.168.1.0/24', '1')], [container('a', { t: '192.168.1.1' }, '2', '10.0.1.1'), container('b', { t: '192.168.1.2' }, '3', '10.0.1.1')])],
    LABELS,
  );
  assert.deepEqual(oneHost.sourceRejections, []);
});

test('one global IP claimed on two hosts goes to the container created first, the other names its host', () => {
  const state = mergeHosts(
    [
      host(A, [network('t', 10, '192.168.1.0/24', '1')], [container('late', { t: '192.168.1.9' }, '5', '10.0.1.1')]),
      host(B, [network('t', 10, '192.168.1.0/24', '2')], [container('early', { t: '192.168.1.2' }, '3', '10.0.1.1')]),
    ],
    LABELS,
  );
  assert.deepEqual(reasonOf(state, 'late'), [`global IP 10.0.1.1 is already claimed by container "early" on ${B} (created earlier)`]);
  assert.deepEqual(state.containers.map((c) => c.name), ['early']);
});

test('one address in one tenant on two hosts (two IPAMs) goes to the container created first', () => {
  const state = mergeHosts(
    [
      host(A, [network('t', 10, '192.168.1.0/24', '1')], [container('first', { t: '192.168.1.1' }, '3', '10.0.1.1')]),
      host(B, [network('t', 10, '192.168.1.0/24', '2')], [container('second', { t: '192.168.1.1' }, '4', '10.0.1.2')]),
    ],
    LABELS,
  );
  assert.match(reasonOf(state, 'second')[0]!, new RegExp(`^its address 192\\.168\\.1\\.1 in network "t" is also held by "first" on ${A} \\(created earlier\\)`));
});

test('a host that did not answer keeps its last known objects, marked stale; a network is stale only when all its hosts are', () => {
  const state = mergeHosts(
    [
      host(A, [network('shared', 10, '192.168.1.0/24', '1')], [container('web', { shared: '192.168.1.1' }, '3', '10.0.1.1')]),
      host(B, [network('shared', 10, '192.168.1.0/24', '2'), network('own', 20, '192.168.2.0/24', '2')], [container('api', { own: '192.168.2.1' }, '4', '10.0.1.2')], true),
    ],
    LABELS,
  );
  assert.deepEqual(state.unreachable, [B]);
  assert.equal(state.whyUnreachable, undefined, 'no reason given, none said');
  assert.deepEqual(state.networks.map((n) => [n.name, n.hosts, n.stale]), [['own', [B], true], ['shared', [A, B], undefined]]);
  assert.deepEqual(state.containers.map((c) => [c.name, c.host, c.stale]), [['api', B, true], ['web', A, undefined]]);
  // Stale objects keep their place in every rule: a newcomer cannot take their global IP.
  const newcomer = mergeHosts(
    [
      host(A, [network('own', 20, '192.168.2.0/24', '2')], [container('thief', { own: '192.168.2.7' }, '9', '10.0.1.2')]),
      host(B, [network('own', 20, '192.168.2.0/24', '2')], [container('api', { own: '192.168.2.1' }, '4', '10.0.1.2')], true),
    ],
    LABELS,
  );
  assert.deepEqual(reasonOf(newcomer, 'thief'), [`global IP 10.0.1.2 is already claimed by container "api" on ${B} (created earlier)`]);
});

test('intent reports the merge\'s rejections with its own and builds the rest', () => {
  const state = mergeHosts(
    [
      host(A, [network('mytenant', 10, '192.168.1.0/24', '1')], [container('web', { mytenant: '192.168.1.1' }, '3', '10.0.1.1')]),
      host(B, [network('mytenant', 20, '192.168.1.0/24', '2')], [container('api', { mytenant: '192.168.1.2' }, '4', '10.0.1.2')]),
    ],
    LABELS,
  );
  const intent = buildIntent(state, settingsSchemas().settingsSchema.parse({ routers: [{ name: 'edge1', inside: 'Gi2', outside: 'Gi1' }] }));
  assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => [f.container, f.local, f.global]), [['web', '192.168.1.1', '10.0.1.1']]);
  assert.deepEqual(intent.rejections.map((r) => [r.kind, r.object]), [['container', 'api'], ['network', 'mytenant']]);
});
