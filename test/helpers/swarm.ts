/**
 * A private Docker Swarm for tests (recipe: ../shared/TESTING.md, "A Docker Swarm of several
 * private engines"): 2-3 dockerds, each in its own network namespace and with its own hostname
 * (Swarm names nodes by it), joined over veth links to a bridge in the first node's namespace.
 *
 *   test('swarm', async (t) => {
 *     const swarm = await privateSwarm(t, { managers: 1, workers: 2 });   // undefined = skipped
 *     if (!swarm) return;
 *     await swarm.configOnly('mt-conf', { subnet: '192.168.10.0/24', gateway: '192.168.10.254', parent: 'eth1.10' });
 *     await swarm.docker('network', 'create', '-d', 'macvlan', '--scope', 'swarm', '--config-from', 'mt-conf', 'mytenant');
 *     ...
 *   });
 *
 * One swarm per test FILE: starting one costs a few seconds of a shared machine. Everything
 * (dockerds, containers, netns, mounts, dirs) is torn down when `t` ends; every wait is bounded.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { TestContext } from 'node:test';
import { canRun, engineAt, startEngine, stopDockerd, tool, type EngineLocation, type PrivateEngine } from './docker-engine.js';

const run = promisify(execFile);

/** The link between the nodes: 10.98.0.<index+1>/24, bridged in the first node's namespace. */
const SUBNET_PREFIX = '10.98.0.';
const BRIDGE = 'swbr0';

export interface SwarmNode extends PrivateEngine {
  /** Hostname, and so the Swarm node's name: `sw1`, `sw2`, … */
  readonly name: string;
  /** Address the node advertises to the swarm. */
  readonly address: string;
  readonly role: 'manager' | 'worker';
  /** Swarm's id for the node (after joining). */
  readonly nodeId: string;
  /** Stops this node's dockerd (its socket disappears): the node is unreachable, then Swarm marks it down. */
  stopDockerd(): Promise<void>;
}

export interface PrivateSwarm {
  readonly nodes: readonly SwarmNode[];
  /** The node that created the swarm (a manager). */
  readonly leader: SwarmNode;
  node(name: string): SwarmNode;
  /** The docker CLI against the leader. */
  docker(...args: string[]): Promise<string>;
  /**
   * A config-only network on each node (as Swarm requires for macvlan), with that node's parent
   * link created first; `parents` overrides the parent per node name.
   */
  configOnly(
    name: string,
    config: { subnet: string; gateway: string; parent: string; parents?: Record<string, string>; ipRanges?: Record<string, string>; labels?: Record<string, string> },
  ): Promise<void>;
  /** Polls `condition` every 200 ms until it holds; fails with `what` after `ms`. */
  waitFor<T>(what: string, condition: () => Promise<T | undefined | false>, ms?: number): Promise<T>;
}

export interface SwarmShape {
  managers: number;
  workers: number;
}

/**
 * A fresh swarm for `t`, torn down when it ends. Returns undefined after `t.skip(reason)` when
 * the machine cannot run private engines, outside CI; in CI (env CI set) that throws.
 */
export async function privateSwarm(t: TestContext, shape: SwarmShape): Promise<PrivateSwarm | undefined> {
  if (!canRun(t, 'private Docker swarm')) return undefined;
  const swarm = await startSwarm(shape);
  t.after(() => swarm.stop());
  return swarm;
}

/** A fresh swarm owned by the caller (the benchmarks), who calls `stop()`; a failed start tears down what it started. */
export async function startSwarm(shape: SwarmShape): Promise<PrivateSwarm & { stop(): Promise<void> }> {
  const count = shape.managers + shape.workers;
  if (shape.managers < 1 || count < 2 || count > 3) throw new Error('a private swarm has 1-3 managers and 2-3 nodes');
  const started: (EngineLocation & { stop(): Promise<void> })[] = [];
  const stop = async () => {
    for (const engine of started.reverse()) await engine.stop();
  };
  try {
    // One at a time: each start imports the image; in parallel they would only fight for the CPUs.
    for (let index = 0; index < count; index++) {
      started.push(await startEngine({ name: `sw${index + 1}`, hostname: `sw${index + 1}` }));
    }
    return { ...(await join(started, shape)), stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The started engines linked and joined into one swarm: the first creates it, the first `managers` join as managers. */
async function join(started: readonly (EngineLocation & { stop(): Promise<void> })[], shape: SwarmShape): Promise<PrivateSwarm> {
  const count = started.length;
  const engines = started.map((location) => ({ location, engine: engineAt(location) }));
  await link(engines.map(({ engine }) => engine));
  const nodes: SwarmNode[] = [];
  const leader = engines[0]!.engine;
  await leader.docker('swarm', 'init', '--advertise-addr', address(0), '--listen-addr', `${address(0)}:2377`, '--dispatcher-heartbeat', '2s');
  const tokens = {
    manager: await leader.docker('swarm', 'join-token', '-q', 'manager'),
    worker: await leader.docker('swarm', 'join-token', '-q', 'worker'),
  };
  for (const [index, { location, engine }] of engines.entries()) {
    const role = index < shape.managers ? 'manager' : 'worker';
    if (index > 0) await engine.docker('swarm', 'join', '--token', tokens[role], '--advertise-addr', address(index), `${address(0)}:2377`);
    const nodeId = await engine.docker('info', '--format', '{{.Swarm.NodeID}}');
    nodes.push({ ...engine, name: `sw${index + 1}`, address: address(index), role, nodeId, stopDockerd: () => stopDockerd(location) });
  }
  const swarm: PrivateSwarm = {
    nodes,
    leader: nodes[0]!,
    node(name) {
      const found = nodes.find((node) => node.name === name);
      if (!found) throw new Error(`no swarm node ${name}`);
      return found;
    },
    docker: (...args) => nodes[0]!.docker(...args),
    async configOnly(name, config) {
      for (const node of nodes) {
        const parent = config.parents?.[node.name] ?? config.parent;
        await node.addParent(parent);
        const range = config.ipRanges?.[node.name];
        const labels = Object.entries(config.labels ?? {}).flatMap(([key, value]) => ['--label', `${key}=${value}`]);
        await node.docker('network', 'create', '--config-only', '--subnet', config.subnet, '--gateway', config.gateway,
          ...(range ? ['--ip-range', range] : []), '-o', `parent=${parent}`, ...labels, name);
      }
    },
    waitFor,
  };
  await waitFor('every node ready', async () => {
    const states = (await swarm.docker('node', 'ls', '--format', '{{.Status}}')).split('\n');
    return states.length === count && states.every((state) => state === 'Ready');
  });
  return swarm;
}

/**
 * `docker service create -d` of the local image running `sleep`, with `args` before the image.
 * `--stop-signal KILL`: busybox `sleep` ignores SIGTERM, and each stop (scale, drain, update) would wait 10 s.
 */
export function createService(swarm: Pick<PrivateSwarm, 'docker' | 'leader'>, name: string, ...args: string[]): Promise<string> {
  return swarm.docker('service', 'create', '-d', '--stop-signal', 'KILL', '--name', name, ...args, swarm.leader.image, 'sleep', '36000');
}

function address(index: number): string {
  return `${SUBNET_PREFIX}${index + 1}`;
}

/** A bridge in the first node's namespace holding its address; every other node joins it over a veth pair. */
async function link(engines: PrivateEngine[]): Promise<void> {
  const [first, ...others] = engines;
  await first!.inNetns(tool('ip'), 'link', 'add', BRIDGE, 'type', 'bridge');
  await first!.inNetns(tool('ip'), 'addr', 'add', `${address(0)}/24`, 'dev', BRIDGE);
  await first!.inNetns(tool('ip'), 'link', 'set', BRIDGE, 'up');
  for (const [offset, engine] of others.entries()) {
    const index = offset + 1;
    const [inside, hub] = [`swl${index}`, `swh${index}`];
    await run(tool('ip'), ['link', 'add', inside, 'netns', engine.netns, 'type', 'veth', 'peer', 'name', hub, 'netns', first!.netns]);
    await first!.inNetns(tool('ip'), 'link', 'set', hub, 'master', BRIDGE);
    await first!.inNetns(tool('ip'), 'link', 'set', hub, 'up');
    await engine.inNetns(tool('ip'), 'addr', 'add', `${address(index)}/24`, 'dev', inside);
    await engine.inNetns(tool('ip'), 'link', 'set', inside, 'up');
  }
}

async function waitFor<T>(what: string, condition: () => Promise<T | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() >= deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
