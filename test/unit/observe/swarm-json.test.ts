// The pure Swarm mapping (src/observe/swarm-json.ts) on answers recorded from a real private
// swarm of three dockerd 20.10 nodes (test/fixtures/swarm/README.md says how they were made).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { buildIntent } from '../../../src/intent/build.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import {
  isManager,
  isWorker,
  toSwarmState,
  type InfoJson,
  type NodeFacts,
  type NodeJson,
  type SwarmAnswers,
  type TaskJson,
} from '../../../src/observe/swarm-json.js';
import type { DockerContainer, DockerState } from '../../../src/observe/types.js';

const LABELS = { globalIp: 'global_ip', vlan: 'translator.vlan', router: 'translator.router' };
const NODES = ['sw1', 'sw2', 'sw3'];
const EMPTY: DockerState = { networks: [], containers: [] };

function fixture<T>(scenario: string, name: string): T {
  return JSON.parse(readFileSync(new URL(`../../fixtures/swarm/${scenario}/${name}.json`, import.meta.url), 'utf8')) as T;
}

/** The manager's answers plus the facts of the nodes whose engines answered (default: every recorded one). */
function answers(scenario: string, nodes = NODES): SwarmAnswers {
  const facts = new Map<string, NodeFacts>();
  for (const node of nodes) {
    if (!existsSync(new URL(`../../fixtures/swarm/${scenario}/${node}-info.json`, import.meta.url))) continue;
    facts.set(nodeId(scenario, node), { networks: fixture(scenario, `${node}-networks`), containers: fixture(scenario, `${node}-containers`) });
  }
  return {
    nodes: fixture(scenario, 'nodes'),
    networks: fixture(scenario, 'networks'),
    services: fixture(scenario, 'services'),
    tasks: fixture(scenario, 'tasks'),
    facts,
  };
}

function nodeId(scenario: string, node: string): string {
  return fixture<InfoJson>(scenario, `${node}-info`).Swarm!.NodeID!;
}

function read(input: SwarmAnswers, lastKnown = EMPTY, unreachable: string[] = []): DockerState {
  return toSwarmState(input, { labels: LABELS, lastKnown, unreachable });
}

const byName = (state: DockerState, name: string) => state.containers.find((c) => c.name === name);
const rejection = (state: DockerState, object: string) => state.sourceRejections?.find((r) => r.object === object)?.reason;
/** What `node`'s engine recorded as the address of `task`'s container in `network`. */
const recordedAddress = (scenario: string, node: string, task: TaskJson, network: string) =>
  fixture<{ Labels: Record<string, string>; NetworkSettings: { Networks: Record<string, { IPAddress: string }> } }[]>(scenario, `${node}-containers`)
    .find((c) => c.Labels['com.docker.swarm.task.id'] === task.ID)!.NetworkSettings.Networks[network]!.IPAddress;
const nodeOf = (scenario: string, task: TaskJson) => fixture<NodeJson[]>(scenario, 'nodes').find((n) => n.ID === task.NodeID)!.Description!.Hostname!;
/** The tasks of `service` as the manager recorded them. */
const taskIds = (scenario: string, service: string) => {
  const id = fixture<{ ID: string; Spec: { Name: string } }[]>(scenario, 'services').find((s) => s.Spec.Name === service)!.ID;
  return fixture<TaskJson[]>(scenario, 'tasks').filter((t) => t.ServiceID === id);
};

test('the manager tells itself apart from a worker by /info', () => {
  assert.equal(isManager(fixture('steady', 'sw1-info')), true);
  assert.equal(isManager(fixture('steady', 'sw2-info')), false);
  assert.equal(isManager({ Swarm: { LocalNodeState: 'inactive', ControlAvailable: false } }), false);
  assert.equal(isManager({}), false);
  assert.deepEqual([isWorker(fixture('steady', 'sw2-info')), isWorker(fixture('steady', 'sw1-info')), isWorker({})], [true, false, false]);
});

test('a swarm network is one tenant when every node\'s config-only network agrees, parents named differently or not', () => {
  const state = read(answers('steady'));
  const mytenant = state.networks.find((n) => n.name === 'mytenant')!;
  // sw2's parent is ens5.10, the others' eth1.10: one VLAN, so one tenant; the parent shown is the first node's.
  assert.deepEqual(
    { ...mytenant, created: undefined },
    {
      id: fixture<{ Name: string; Id: string }[]>('steady', 'networks').find((n) => n.Name === 'mytenant')!.Id,
      name: 'mytenant',
      driver: 'macvlan',
      subnet: '192.168.10.0/24',
      gateway: '192.168.10.254',
      parent: 'eth1.10',
      labels: {},
      created: undefined,
      hosts: ['sw1', 'sw2', 'sw3'],
    },
  );
  assert.match(mytenant.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);
  // The VLAN label on the config-only networks is the network's label.
  assert.deepEqual(state.networks.find((n) => n.name === 'dupnet')!.labels, { 'translator.vlan': '30' });
  assert.deepEqual(state.networks.map((n) => n.name), ['dupnet', 'mytenant']);
});

test('a network whose nodes disagree on the VLAN is rejected, naming the nodes and their parents', () => {
  const state = read(answers('steady'));
  assert.equal(
    rejection(state, 'split'),
    'the nodes\' config-only networks disagree on the VLAN ("sw1" (parent "eth1.20"), "sw2" (parent "eth1.20"): VLAN 20; ' +
      '"sw3" (parent "eth1.21"): VLAN 21): parents may be named differently but must carry one VLAN, subnet and gateway',
  );
  // Its task is still in the state, so that intent says why it gets no floating IP.
  assert.deepEqual(byName(state, 'splitsvc.1')!.addresses, { split: '192.168.20.1' });
  const intent = buildIntent(state, settingsSchemas().settingsSchema.parse({ routers: [{ name: 'edge1', inside: 'Gi2', outside: 'Gi1' }] }));
  assert.deepEqual(
    intent.rejections.filter((r) => r.object === 'split' || r.object === 'splitsvc.1').map((r) => [r.kind, r.object, r.reason.slice(0, 40)]),
    [
      ['container', 'splitsvc.1', 'its network "split" was rejected'],
      ['network', 'split', 'the nodes\' config-only networks disagree'],
    ],
  );
});

test('a running task carries its address from its node\'s engine, its labels, node and service', () => {
  const state = read(answers('steady'));
  const [task] = taskIds('steady', 'web').filter((t) => t.DesiredState === 'running');
  assert.equal(nodeOf('steady', task!), 'sw2');
  assert.deepEqual(byName(state, 'web.1'), {
    id: task!.ID,
    name: 'web.1',
    created: `${task!.CreatedAt.slice(0, -1).padEnd(29, '0')}Z`,
    running: true,
    labels: { global_ip: '10.0.1.1' },
    addresses: { mytenant: recordedAddress('steady', 'sw2', task!, 'mytenant') },
    host: 'sw2',
    service: 'web',
  });
  assert.match(state.containers.find((c) => c.name === 'web.1')!.addresses.mytenant!, /^192\.168\.10\.(3[2-9]|4[0-7])$/, "inside sw2's --ip-range");
  // Unlabelled services are in the state (intent skips them); each replica by its slot.
  assert.deepEqual(
    state.containers.filter((c) => c.service === 'plain').map((c) => c.name),
    ['plain.1', 'plain.2'],
  );
});

test('one global IP on a service that runs several tasks is rejected with the service and its tasks', () => {
  const state = read(answers('steady'));
  assert.match(
    rejection(state, 'api')!,
    /^the service asks for 3 tasks \(running: api\.1 on sw\d, api\.2 on sw\d, api\.3 on sw\d\) but has one global IP "10\.0\.1\.2": a floating IP maps to one address \(run it with --replicas 1\)$/,
  );
  assert.equal(rejection(state, 'gl'), 'the service runs one task per node (--mode global) but has one global IP "10.0.1.9": a floating IP maps to one address');
  assert.equal(rejection(state, 'both'), 'service label global_ip="10.0.1.3" and container label global_ip="10.0.1.4" disagree');
  assert.equal(state.containers.some((c) => ['api', 'gl', 'both'].includes(c.service!)), false);
});

test('one address on two nodes (each allocates on its own) goes to the task created first', () => {
  const state = read(answers('steady'));
  assert.deepEqual(byName(state, 'dupa.1')!.addresses, { dupnet: '192.168.30.1' });
  assert.equal(byName(state, 'dupb.1'), undefined);
  assert.equal(
    rejection(state, 'dupb.1'),
    'its address 192.168.30.1 in network "dupnet" is also held by "dupa.1" on sw2 (created earlier): each engine allocates addresses on its own, so give each one its own --ip-range',
  );
});

test('a task being replaced yields to its successor: the newest running task of the slot holds the NAT', () => {
  // Recorded during `service update --update-order start-first`: the old task is told to stop
  // (DesiredState shutdown) but still runs through its grace period next to the new one.
  const recorded = answers('replacing');
  const [old, successor] = ['shutdown', 'running'].map((desired) => taskIds('replacing', 'slow').find((t) => t.DesiredState === desired)!);
  assert.equal(old!.Status.State, 'running');
  assert.deepEqual([byName(read(recorded), 'slow.1')!.id, byName(read(recorded), 'slow.1')!.host], [successor!.ID, 'sw2']);
  // A moment earlier both were meant to run: the newer still holds it, and no "several tasks" rejection.
  const bothMeantToRun = { ...recorded, tasks: recorded.tasks.map((t) => (t.ID === old!.ID ? { ...t, DesiredState: 'running' } : t)) };
  const state = read(bothMeantToRun);
  assert.equal(byName(state, 'slow.1')!.id, successor!.ID);
  assert.equal(rejection(state, 'slow'), undefined);
});

test('a task whose container already runs on its node holds its NAT before the manager has heard that it runs', () => {
  // The node reports the state a moment after its engine's `container start` event; no event
  // tells when the manager has it. Meant to run, running on its node: it runs.
  const recorded = answers('steady');
  const [web] = taskIds('steady', 'web');
  const starting = { ...recorded, tasks: recorded.tasks.map((t) => (t.ID === web!.ID ? { ...t, Status: { ...t.Status, State: 'starting' } } : t)) };
  assert.deepEqual(byName(read(starting), 'web.1'), byName(read(recorded), 'web.1'));
  // Not running on its node either: nothing to map yet.
  const withoutIt = (f: NodeFacts): NodeFacts => ({ ...f, containers: f.containers.filter((c) => c.Labels?.['com.docker.swarm.task.id'] !== web!.ID) });
  const notStarted = { ...starting, facts: new Map([...starting.facts].map(([id, f]) => [id, withoutIt(f)])) };
  assert.equal(byName(read(notStarted), 'web.1'), undefined);
});

test('a drained node\'s tasks: their NAT follows them where Swarm reschedules them', () => {
  const before = byName(read(answers('steady')), 'web.1')!;
  const after = byName(read(answers('drain')), 'web.1')!;
  const [successor] = taskIds('drain', 'web').filter((t) => t.DesiredState === 'running');
  const where = nodeOf('drain', successor!);
  assert.equal(before.host, 'sw2');
  assert.notEqual(where, 'sw2');
  assert.deepEqual([after.id, after.host, after.addresses], [successor!.ID, where, { mytenant: recordedAddress('drain', where, successor!, 'mytenant') }]);
  assert.notEqual(after.addresses.mytenant, before.addresses.mytenant);
  // slow's old task still runs through its grace period but is meant to stop; its successor is not running yet.
  assert.equal(byName(read(answers('drain')), 'slow.1'), undefined);
});

test('a node that went down: Swarm says its tasks stop, so they go, whatever was known of them', () => {
  const recorded = answers('node-down', ['sw1', 'sw2']);
  const sw3 = fixture<NodeJson[]>('node-down', 'nodes').find((n) => n.Description?.Hostname === 'sw3')!.ID;
  // dupb was pinned to sw3: its task there is still "running" as last reported, but meant to stop.
  const [onSw3] = taskIds('node-down', 'dupb').filter((t) => t.NodeID === sw3 && t.Status.State === 'running');
  assert.equal(onSw3!.DesiredState, 'shutdown');
  const lastKnown: DockerState = { networks: [], containers: [{ ...before(onSw3!), name: 'dupb.1', host: 'sw3', addresses: { dupnet: '192.168.30.1' } }] };
  const state = read(recorded, lastKnown, ['sw3']);
  assert.equal(byName(state, 'dupb.1'), undefined);
  assert.equal(rejection(state, 'dupb.1'), undefined);
  assert.deepEqual(state.unreachable, ['sw3']);
});

test('a node merely unreachable withdraws nothing: its running tasks keep their last known address, stale', () => {
  const recorded = answers('steady', ['sw1', 'sw3']); // sw2's engine does not answer; Swarm says its tasks run
  const [web] = taskIds('steady', 'web');
  const kept = read(recorded, { networks: [], containers: [{ ...before(web!), host: 'sw2' }] }, ['sw2']);
  assert.deepEqual(byName(kept, 'web.1'), { ...byName(read(answers('steady')), 'web.1'), addresses: { mytenant: '192.168.10.99' }, stale: true });
  assert.deepEqual(kept.unreachable, ['sw2']);
  // Nothing known of it: rejected with the reason, not silently dropped.
  const unknown = read(recorded, EMPTY, ['sw2']);
  assert.equal(byName(unknown, 'web.1'), undefined);
  assert.equal(
    rejection(unknown, 'web.1'),
    'its address in network "mytenant" is unknown: only node "sw2"\'s own engine knows it, and none of docker.swarm.nodes answered for that node',
  );
  // The networks still agree among the nodes that answered.
  assert.deepEqual(unknown.networks.find((n) => n.name === 'mytenant')!.hosts, ['sw1', 'sw3']);
});

test('a network no node engine shows: its last known facts, stale, else a rejection naming what was read', () => {
  const recorded = { ...answers('steady'), facts: new Map() };
  const none = read(recorded);
  assert.equal(rejection(none, 'mytenant'), 'no node whose engine translator reads holds its config-only network "mt-conf" (read: none)');
  const known = read(answers('steady')).networks.find((n) => n.name === 'mytenant')!;
  const stale = read(recorded, { networks: [known], containers: [] });
  assert.deepEqual(stale.networks.find((n) => n.name === 'mytenant'), { ...known, stale: true });
});

test('a swarm-scoped macvlan network without --config-from is rejected with what to do', () => {
  const recorded = answers('steady');
  const networks = recorded.networks.map((n) => (n.Name === 'mytenant' ? { ...n, ConfigFrom: { Network: '' } } : n));
  assert.match(rejection(read({ ...recorded, networks }), 'mytenant')!, /create it with --config-from$/);
});

test('nodes sharing a hostname are told apart by their id', () => {
  const recorded = answers('steady');
  const nodes = recorded.nodes.map((n) => ({ ...n, Description: { Hostname: 'vm' } }));
  const web = byName(read({ ...recorded, nodes }), 'web.1')!;
  assert.match(web.host!, /^vm\/[a-z0-9]{12}$/);
});

test('the state is plain data, in a fixed order', () => {
  const state = read(answers('steady'));
  assert.deepEqual(JSON.parse(JSON.stringify(state)), state);
  const shuffled = answers('steady');
  const again = read({ ...shuffled, tasks: [...shuffled.tasks].reverse(), services: [...shuffled.services].reverse(), networks: [...shuffled.networks].reverse() });
  assert.deepEqual(again, state);
});

/** A container as a recorded state.json would hold it for `task`. */
function before(task: TaskJson): DockerContainer {
  return { id: task.ID, name: 'web.1', created: task.CreatedAt, running: true, labels: { global_ip: '10.0.1.1' }, addresses: { mytenant: '192.168.10.99' }, service: 'web' };
}
