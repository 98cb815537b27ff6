// The Swarm source against a real private swarm of three dockerds (test/helpers/swarm.ts), driven
// with the docker CLI as a user would: services created, scaled, removed; a node drained; a
// service and a network that cannot be right; events; a node engine out of reach; a manager gone.
// One swarm for the whole file (starting one costs seconds of a shared machine).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import { buildIntent } from '../../src/intent/build.js';
import { DetectingSource } from '../../src/observe/detecting-source.js';
import type { SourceEvent, Subscription } from '../../src/observe/source.js';
import { SwarmSource } from '../../src/observe/swarm-source.js';
import type { DockerState } from '../../src/observe/types.js';
import { settingsSchemas } from '../../src/settings/schema.js';
import { systemClock } from '../../src/ops/clock.js';
import { createService, privateSwarm, type SwarmNode } from '../helpers/swarm.js';

const settings = settingsSchemas().settingsSchema.parse({ routers: [{ name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' }] });
const WATCH = { retryInitialMs: 200, retryMaxMs: 2000, clock: systemClock, log: pino({ level: 'silent' }) };

const container = (state: DockerState, name: string) => state.containers.find((c) => c.name === name);
const rejection = (state: DockerState, object: string) => state.sourceRejections?.find((r) => r.object === object)?.reason;

test('a Swarm read through its manager and its nodes\' engines', { timeout: 600_000 }, async (t) => {
  // Three managers, so that one can go away (the raft keeps its quorum) and one can be a worker for a while.
  const swarm = await privateSwarm(t, { managers: 3, workers: 0 });
  if (!swarm) return;
  const [sw1, sw2, sw3] = swarm.nodes as [SwarmNode, SwarmNode, SwarmNode];
  const hosts = swarm.nodes.map((node) => node.host);
  const source = new SwarmSource({ managers: hosts, nodes: hosts, labels: settings.labels });
  /** Reads until `check` holds (the swarm converges in its own time), returning that state. */
  const readUntil = (what: string, check: (state: DockerState) => boolean, from = source) =>
    swarm.waitFor(what, async () => {
      const state = await from.read();
      return check(state) ? state : undefined;
    });

  await swarm.configOnly('mt-conf', {
    subnet: '192.168.10.0/24',
    gateway: '192.168.10.254',
    parent: 'eth1.10',
    parents: { sw2: 'ens5.10' }, // named differently, the same VLAN
    ipRanges: { sw1: '192.168.10.16/28', sw2: '192.168.10.32/28', sw3: '192.168.10.48/28' },
  });
  await swarm.docker('network', 'create', '-d', 'macvlan', '--scope', 'swarm', '--config-from', 'mt-conf', 'mytenant');

  await t.test('a service created, scaled and removed is seen in the state, with its task\'s address', async () => {
    await createService(swarm, 'web', '--network', 'name=mytenant', '--container-label', 'global_ip=10.0.1.1', '--constraint', 'node.hostname==sw2');
    const created = await readUntil('web running', (state) => container(state, 'web.1') !== undefined);
    assert.deepEqual(created.networks.map((n) => [n.name, n.subnet, n.gateway, n.parent, n.hosts]), [
      ['mytenant', '192.168.10.0/24', '192.168.10.254', 'eth1.10', ['sw1', 'sw2', 'sw3']],
    ]);
    const web = container(created, 'web.1')!;
    const inspected = await sw2.docker('ps', '--filter', 'label=com.docker.swarm.service.name=web', '--format', '{{.ID}}');
    const address = await sw2.docker('inspect', '-f', '{{(index .NetworkSettings.Networks "mytenant").IPAddress}}', inspected);
    assert.deepEqual([web.host, web.service, web.labels, web.addresses], ['sw2', 'web', { global_ip: '10.0.1.1' }, { mytenant: address }]);
    assert.match(address, /^192\.168\.10\.(3[2-9]|4[0-7])$/, "from sw2's --ip-range");
    const intent = buildIntent(created, settings);
    assert.deepEqual(intent.routers[0]!.tenants.map((tenant) => [tenant.vrf, tenant.vlan]), [['mytenant', 10]]);
    assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => [f.local, f.global, f.container]), [[address, '10.0.1.1', 'web.1']]);

    await createService(swarm, 'plain', '--network', 'name=mytenant');
    await swarm.docker('service', 'scale', '-d', 'plain=3');
    const scaled = await readUntil('plain scaled to 3', (state) => state.containers.filter((c) => c.service === 'plain').length === 3);
    assert.deepEqual(scaled.containers.filter((c) => c.service === 'plain').map((c) => c.name), ['plain.1', 'plain.2', 'plain.3']);
    await swarm.docker('service', 'scale', '-d', 'plain=1');
    await readUntil('plain scaled to 1', (state) => state.containers.filter((c) => c.service === 'plain').length === 1);
    await swarm.docker('service', 'rm', 'plain');
    const removed = await readUntil('plain removed', (state) => !state.containers.some((c) => c.service === 'plain'));
    assert.ok(container(removed, 'web.1'));
  });

  await t.test('a drained node\'s task moves, and the static NAT\'s local address follows it', async () => {
    // Free to move (the update replaces the task), then its node drained.
    await swarm.docker('service', 'update', '-d', '--constraint-rm', 'node.hostname==sw2', 'web');
    await swarm.waitFor('one task of web meant to run, running', async () =>
      /^Running [^\n]*$/.test(await swarm.docker('service', 'ps', 'web', '--filter', 'desired-state=running', '--format', '{{.CurrentState}}')),
    );
    const before = await readUntil('web running', (state) => container(state, 'web.1') !== undefined).then((state) => container(state, 'web.1')!);
    const on = before.host!;
    await swarm.docker('node', 'update', '--availability', 'drain', on);
    const after = await readUntil('web moved off the drained node', (state) => (container(state, 'web.1')?.host ?? on) !== on);
    const moved = container(after, 'web.1')!;
    assert.notEqual(moved.addresses.mytenant, undefined);
    const [floating] = buildIntent(after, settings).routers[0]!.floatingIps;
    assert.deepEqual([floating!.local, floating!.global], [moved.addresses.mytenant, '10.0.1.1']);
    assert.notEqual(moved.id, before.id);
    await swarm.docker('node', 'update', '--availability', 'active', on);
  });

  await t.test('one global IP on a service with several replicas is rejected with its reason', async () => {
    await createService(swarm, 'api', '--replicas', '2', '--network', 'name=mytenant', '--label', 'global_ip=10.0.1.2');
    const state = await readUntil('api rejected with 2 running tasks', (s) => /running: api\.1 on sw\d, api\.2 on sw\d/.test(rejection(s, 'api') ?? ''));
    assert.match(rejection(state, 'api')!, /^the service asks for 2 tasks \(running: .*\) but has one global IP "10\.0\.1\.2": a floating IP maps to one address/);
    assert.equal(state.containers.some((c) => c.service === 'api'), false);
    const intent = buildIntent(state, settings);
    assert.deepEqual(intent.rejections.filter((r) => r.object === 'api').map((r) => r.kind), ['container']);
    await swarm.docker('service', 'rm', 'api');
  });

  await t.test('a network whose nodes disagree on the VLAN is rejected, naming the nodes', async () => {
    await swarm.configOnly('split-conf', { subnet: '192.168.20.0/24', gateway: '192.168.20.254', parent: 'eth1.20', parents: { sw3: 'eth1.21' } });
    await swarm.docker('network', 'create', '-d', 'macvlan', '--scope', 'swarm', '--config-from', 'split-conf', 'split');
    const state = await source.read();
    assert.equal(
      rejection(state, 'split'),
      'the nodes\' config-only networks disagree on the VLAN ("sw1" (parent "eth1.20"), "sw2" (parent "eth1.20"): VLAN 20; ' +
        '"sw3" (parent "eth1.21"): VLAN 21): parents may be named differently but must carry one VLAN, subnet and gateway',
    );
    assert.deepEqual(state.networks.map((n) => n.name), ['mytenant']);
    await swarm.docker('network', 'rm', 'split');
  });

  await t.test('the manager tells of services and nodes, the nodes of their tasks, the listing of what runs', async () => {
    const events: SourceEvent[] = [];
    let connected = 0;
    const subscription = new SwarmSource({ managers: [sw1.host], nodes: [sw3.host], labels: settings.labels, pollMs: 500 }).watch(
      { onEvent: (event) => events.push(event), onConnected: () => (connected += 1), onDisconnected: () => undefined },
      WATCH,
    );
    t.after(() => subscription.stop());
    await swarm.waitFor('both streams open', async () => subscription.connected);
    await createService(swarm, 'ev', '--network', 'name=mytenant', '--constraint', 'node.hostname==sw3');
    const seen = (type: string, action: string, host: string) => events.some((e) => e.type === type && e.action === action && e.host === host);
    await swarm.waitFor('service create from the manager, container start from sw3, a task change from the listing', async () =>
      seen('service', 'create', sw1.host) && seen('container', 'start', sw3.host) && seen('task', 'change', 'swarm'),
    );
    // (The manager's engine may meanwhile tell of its own old task containers being removed.)
    const onManager = events.filter((e) => e.type === 'container' && e.host === sw1.host);
    assert.equal(onManager.some((e) => e.action === 'start'), false, `the task ran on sw3, not on the manager: ${JSON.stringify(onManager)}`);
    await swarm.docker('service', 'rm', 'ev');
    await swarm.waitFor('service remove', async () => seen('service', 'remove', sw1.host));
    assert.ok(connected >= 2);
  });

  await t.test('a node engine translator cannot reach: Swarm says its task runs, so its last known address stays (stale)', async () => {
    const live = await source.read();
    const web = container(live, 'web.1')!;
    const silent = swarm.nodes.map((node) => (node.name === web.host ? `unix:///nonexistent/${node.name}.sock` : node.host));
    const cut = new SwarmSource({ managers: hosts.filter((h) => silent.includes(h)), nodes: silent, labels: settings.labels, lastKnown: async () => live });
    const state = await cut.read();
    assert.deepEqual(container(state, 'web.1'), { ...web, stale: true });
    assert.deepEqual(state.unreachable, [`unix:///nonexistent/${web.host}.sock`]);
    const unknown = await new SwarmSource({ managers: hosts.filter((h) => silent.includes(h)), nodes: silent, labels: settings.labels }).read();
    assert.match(rejection(unknown, 'web.1')!, /^its address in network "mytenant" is unknown: only node "sw\d"'s own engine knows it/);
  });

  /**
   * `docker node promote|demote`, again while swarmkit answers "update out of sequence": the node
   * object changed between the CLI's read and its update (a role change is followed by updates of
   * the node's own), and swarmkit leaves the retry to its clients (moby/swarmkit#1379). Any other
   * error fails at once.
   */
  const changeRole = async (verb: 'promote' | 'demote', node: string) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await swarm.docker('node', verb, node);
      } catch (error) {
        if (attempt >= 20 || !/update out of sequence/.test((error as Error).message)) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };

  await t.test('one host: a manager is read as its swarm, a worker is refused with the reason', async () => {
    const detected = await new DetectingSource(sw1.host, { labels: settings.labels }).read();
    assert.deepEqual(detected.networks.map((n) => n.hosts), [['sw1']], 'no node engines given: only the manager\'s own config is known');
    await changeRole('demote', 'sw3');
    await swarm.waitFor('sw3 a worker', async () => (await sw3.docker('info', '--format', '{{.Swarm.ControlAvailable}}')) === 'false');
    await assert.rejects(new DetectingSource(sw3.host, { labels: settings.labels }).read(), /is a Swarm worker: only a manager knows the whole swarm/);
    await changeRole('promote', 'sw3');
    await swarm.waitFor('sw3 a manager again', async () => (await sw3.docker('info', '--format', '{{.Swarm.ControlAvailable}}')) === 'true');
  });

  await t.test('the manager goes away: reads and events go on through the next manager', async () => {
    const events: SourceEvent[] = [];
    const lost: string[] = [];
    const subscription: Subscription = source.watch({ onEvent: (e) => events.push(e), onConnected: () => undefined, onDisconnected: (r) => lost.push(r) }, WATCH);
    t.after(() => subscription.stop());
    await swarm.waitFor('streams open', async () => subscription.connected);
    await sw1.stopDockerd();
    const state = await readUntil('a read through another manager', (s) => container(s, 'web.1') !== undefined);
    assert.ok(state.networks.some((n) => n.name === 'mytenant'));
    assert.ok(lost.some((reason) => reason.startsWith(sw1.host)), 'the lost stream is reported');
    await createService({ ...swarm, docker: (...args) => sw2.docker(...args) }, 'after', '--network', 'name=mytenant');
    await swarm.waitFor('service create heard from another manager', async () =>
      events.some((e) => e.type === 'service' && e.action === 'create' && e.host !== sw1.host),
    );
  });
});
