// translator watch (the daemon, with the real deploy step to the lab router) reading a real
// three-manager private swarm as translator.yaml's docker.swarm lists it, driven with the docker
// CLI as a user would: a service created, its task replaced (start-first), its node drained, a
// replicated service with one global IP and a network whose nodes disagree on the VLAN (both
// rejected), and the manager translator talks to, which also runs the task, going away. Each
// step is checked where it ends: the NAT in the router's running-config, and what Git holds.
// One swarm for the whole file.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Rejection } from '../../src/intent/types.js';
import type { DockerState } from '../../src/observe/types.js';
import { git } from '../helpers/git.js';
import { createService as create, privateSwarm, type PrivateSwarm, type SwarmNode } from '../helpers/swarm.js';
import { startWatch } from '../unit/watch/harness.js';
import { watchWorld } from './watch-helpers.js';

/** Each node allocates from its own --ip-range (moby/moby#49921): an address tells the node. */
const RANGES = { sw1: 16, sw2: 32, sw3: 48 } as const;
const nodeOf = (address: string | undefined) =>
  Object.entries(RANGES).find(([, first]) => { const last = Number(address?.split('.')[3]); return last >= first && last < first + 16; })?.[0];

interface StateFile { rejections: Rejection[]; docker: DockerState }

/** A service on the tenant network. */
const createService = (swarm: Pick<PrivateSwarm, 'docker' | 'leader'>, name: string, ...args: string[]) => create(swarm, name, '--network', 'name=mytenant', ...args);

test('watch follows a swarm through its managers and nodes onto the router', { timeout: 900_000 }, async (t) => {
  const swarm = await privateSwarm(t, { managers: 3, workers: 0 });
  if (!swarm) return;
  const [sw1, sw2, sw3] = swarm.nodes as [SwarmNode, SwarmNode, SwarmNode];
  await swarm.configOnly('mt-conf', {
    subnet: '192.168.10.0/24',
    gateway: '192.168.10.254',
    parent: 'eth1.10',
    ipRanges: Object.fromEntries(Object.entries(RANGES).map(([node, first]) => [node, `192.168.10.${first}/28`])),
  });
  await swarm.docker('network', 'create', '-d', 'macvlan', '--scope', 'swarm', '--config-from', 'mt-conf', 'mytenant');
  const hosts = swarm.nodes.map((node) => JSON.stringify(node.host)).join(', ');
  const { lab, repo, env } = await watchWorld(t, 'watch-swarm', [
    'watch:', '  deploy: { policy: auto }',
    'docker:', '  swarm:', `    managers: [${hosts}]`, `    nodes: [${hosts}]`, '  taskPollSeconds: 2',
  ]);
  const watch = await startWatch({ repo, deployer: 'gitops', env });
  t.after(() => watch.stop());

  /** The local address of a global IP's static NAT on the router, if any. */
  const natOf = (global: string) => new RegExp(`^ip nat inside source static (\\S+) ${global.replaceAll('.', '\\.')} vrf mytenant$`, 'm').exec(lab.runningConfig())?.[1];
  const waitFor = <T>(what: string, condition: () => Promise<T | undefined | false>) => swarm.waitFor(what, condition, 180_000);
  const stateAt = (sha: string) => JSON.parse(git(repo, 'show', `${sha}:routers/edge1/state.json`)) as StateFile;
  const history = () => git(repo, 'rev-list', 'HEAD', '--', 'routers/edge1/state.json').trim().split('\n').filter(Boolean);
  let sw1Up = true;
  /** Only `node` takes new tasks (the others paused): where Swarm puts a task is then known. */
  const onlyOn = async (node: SwarmNode | null) => {
    for (const other of swarm.nodes) await swarm.docker('node', 'update', '--availability', node === null || other === node ? 'active' : 'pause', other.name);
  };
  /** The address `node`'s engine gave the container of the service's task that Swarm means to run (a predecessor may still be stopping). */
  const addressOn = async (node: SwarmNode, service: string) => {
    const task = await waitFor(`one task of ${service} meant to run`, async () => {
      const tasks = (await (sw1Up ? sw1 : sw2).docker('service', 'ps', '-q', '--filter', 'desired-state=running', service)).split('\n');
      return tasks.length === 1 && tasks[0];
    });
    const id = await node.docker('ps', '-q', '--filter', `label=com.docker.swarm.task.id=${task}`);
    return node.docker('inspect', '-f', '{{(index .NetworkSettings.Networks "mytenant").IPAddress}}', id);
  };

  await t.test('docker service create → the static NAT of its task\'s address, committed and on the router', async () => {
    await onlyOn(sw2);
    await createService(swarm, 'web', '--label', 'global_ip=10.0.1.1');
    const local = await waitFor('web\'s NAT on the router', async () => natOf('10.0.1.1'));
    await onlyOn(null);
    assert.equal(local, await addressOn(sw2, 'web'), 'the address sw2\'s engine gave the task');
    assert.equal(nodeOf(local), 'sw2');
    assert.match(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), new RegExp(`^ip nat inside source static ${local} 10\\.0\\.1\\.1 vrf mytenant$`, 'm'));
  });

  await t.test('a task being replaced (start-first, both running a moment): the NAT moves to the successor, never rejected', async () => {
    const before = natOf('10.0.1.1')!;
    const commits = history().length;
    await onlyOn(sw2);
    await swarm.docker('service', 'update', '-d', '--update-order', 'start-first', '--force', 'web');
    const after = await waitFor('web\'s NAT on the successor\'s address', async () => { const now = natOf('10.0.1.1'); return now !== before && nodeOf(now) === 'sw2' && now; });
    await onlyOn(null);
    assert.equal(after, await addressOn(sw2, 'web'));
    const since = history().slice(0, history().length - commits);
    assert.ok(since.length > 0);
    for (const sha of since) assert.deepEqual(stateAt(sha).rejections.filter((r) => r.object.startsWith('web')), [], `no rejection of web in ${sha}`);
  });

  await t.test('its node drained: the task moves and the NAT\'s local address follows it', async () => {
    await swarm.docker('node', 'update', '--availability', 'pause', sw3.name);
    await swarm.docker('node', 'update', '--availability', 'drain', sw2.name);
    const moved = await waitFor('web\'s NAT on sw1', async () => nodeOf(natOf('10.0.1.1')) === 'sw1' && natOf('10.0.1.1'));
    await onlyOn(null);
    assert.equal(moved, await addressOn(sw1, 'web'));
  });

  await t.test('one global IP on a service of two replicas, and a network whose nodes disagree on the VLAN: rejected with their reasons, committed; nothing on the router', async () => {
    await createService(swarm, 'api', '--replicas', '2', '--label', 'global_ip=10.0.1.2');
    await swarm.configOnly('split-conf', { subnet: '192.168.20.0/24', gateway: '192.168.20.254', parent: 'eth1.20', parents: { sw3: 'ens5.21' } });
    await swarm.docker('network', 'create', '-d', 'macvlan', '--scope', 'swarm', '--config-from', 'split-conf', 'split');
    const [api, split] = await waitFor('api and split rejected in the committed state', async () => {
      const { rejections } = stateAt('HEAD');
      const both = ['api', 'split'].map((object) => rejections.find((r) => r.object === object));
      return both.every(Boolean) && both;
    });
    assert.equal(api!.kind, 'container');
    assert.match(api!.reason, /^the service asks for 2 tasks \(running: .*\) but has one global IP "10\.0\.1\.2": a floating IP maps to one address/);
    assert.equal(split!.kind, 'network');
    assert.match(split!.reason, /^the nodes' config-only networks disagree on the VLAN \("sw1" \(parent "eth1\.20"\), "sw2" \(parent "eth1\.20"\): VLAN 20; "sw3" \(parent "ens5\.21"\): VLAN 21\)/);
    assert.equal(natOf('10.0.1.2'), undefined);
    assert.doesNotMatch(lab.runningConfig(), /vrf definition split|192\.168\.20\./);
    await swarm.docker('service', 'rm', 'api');
    await swarm.docker('network', 'rm', 'split');
  });

  await t.test('the manager translator reads, running the task, goes away: nothing withdrawn while it is only silent; the NAT follows once Swarm reschedules; the next manager serves', async () => {
    const onSw1 = natOf('10.0.1.1')!;
    assert.equal(nodeOf(onSw1), 'sw1');
    await sw1.stopDockerd();
    sw1Up = false;
    const moved = await waitFor('web\'s NAT off sw1 (Swarm marked it down and rescheduled)', async () => { const now = natOf('10.0.1.1'); return now !== undefined && nodeOf(now) !== 'sw1' && now; });
    const node = swarm.node(nodeOf(moved)!);
    assert.equal(moved, await addressOn(node, 'web'));
    // While sw1 was only silent, a commit kept web at its address there, marked stale, and said so.
    const silent = history().find((sha) => stateAt(sha).docker.containers.some((c) => c.name === 'web.1' && c.stale === true));
    assert.ok(silent, 'a commit while sw1 did not answer');
    assert.match(git(repo, 'show', `${silent}:routers/edge1/intended.cfg`), new RegExp(`^ip nat inside source static ${onSw1} 10\\.0\\.1\\.1 vrf mytenant$`, 'm'));
    assert.match(git(repo, 'log', '-1', '--format=%B', silent), /did not answer \(.+\): its last known .* kept \(stale\)/);
    // A service created through another manager reaches the router: reads and events go on without sw1.
    await createService({ ...swarm, docker: (...args) => sw2.docker(...args) }, 'after', '--label', 'global_ip=10.0.1.3');
    await waitFor('after\'s NAT on the router', async () => natOf('10.0.1.3'));
  });
});
