/**
 * Issue 13: `translator watch` reading a 3-node private Docker Swarm (one manager, two workers;
 * test/helpers/swarm.ts), with deploy policy auto to the lab router. 200 services of one task
 * each, on 20 swarm-scoped macvlan tenant networks, each with a floating IP (service label).
 * - the cost of one read as services grow (50 → 200) and as node engines are added (1 → 3), with
 *   the size and time of each request to the manager (tasks, services, networks, nodes) and to a
 *   node engine (its task containers), from which BENCHMARKS.md reasons about thousands;
 * - the daemon's first sync of 150 services (start → all their NATs on the router);
 * - `docker service create` → static NAT on the router, 50 services one at a time (p50, p95);
 * - `docker node update --availability drain` of the node holding those 50 tasks → every NAT's
 *   local address on a node still active;
 * - render and commit of 200 services, and the daemon's memory (RSS now, and its peak).
 * The daemon runs as the real CLI in a child process, so its memory is its own.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab } from '../src/lab/index.js';
import type { ContainerJson } from '../src/observe/engine-json.js';
import { SwarmSource } from '../src/observe/swarm-source.js';
import { TASK_ID_LABEL, toSwarmState, type NodeFacts, type SwarmAnswers } from '../src/observe/swarm-json.js';
import { GitOpsRepo } from '../src/gitops/repo.js';
import { commitRendered, renderState } from '../src/pipeline.js';
import { loadSettings } from '../src/settings/load.js';
import { settingsSchemas } from '../src/settings/schema.js';
import { missingPrerequisites } from '../test/helpers/docker-engine.js';
import { cloneRepo, git, initRepo, tempDir } from '../test/helpers/git.js';
import { createService as create, startSwarm, type PrivateSwarm, type SwarmNode } from '../test/helpers/swarm.js';
import { ENABLE, PASSWORD, ROUTER_CONFIG, startBenchDaemon } from './daemon.js';
import { deploysCounted, freePort, percentile, until } from './watch.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const NETWORKS = 20;
const SERVICES = Number(process.env.BENCH_SWARM_SERVICES ?? 200);
/** Created one at a time at the end, all landing on sw3 (the emptiest node), then drained from it. */
const SAMPLE = Math.min(50, Math.floor(SERVICES / 4));
/** Each node's own --ip-range in every tenant's /24: independent IPAMs must not hand out one address twice. */
const RANGES: Record<string, string> = { sw1: '0/26', sw2: '64/26', sw3: '128/26' };

const network = (n: number) => `net${String(n).padStart(2, '0')}`;
const service = (i: number) => `svc${String(i).padStart(3, '0')}`;
const globalIp = (i: number) => `10.200.${Math.floor(i / 250)}.${(i % 250) + 1}`;

export async function benchSwarm(): Promise<void> {
  const missing = missingPrerequisites();
  if (missing) {
    console.log(`swarm benchmark skipped: ${missing}`);
    return;
  }
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB; load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`${SERVICES} services (1 task each) on ${NETWORKS} tenant networks, 3 nodes (1 manager, 2 workers)`);
  const setupStarted = performance.now();
  const swarm = await startSwarm({ managers: 1, workers: 2 });
  const tmp = tempDir('bench-swarm');
  const lab = await startLab({ port: 0, configText: ROUTER_CONFIG, password: PASSWORD, enableSecret: ENABLE });
  let daemon: ChildProcess | null = null;
  try {
    const [sw1, , sw3] = swarm.nodes as [SwarmNode, SwarmNode, SwarmNode];
    for (let n = 0; n < NETWORKS; n++) {
      await swarm.configOnly(`${network(n)}-conf`, {
        subnet: `10.100.${n}.0/24`,
        gateway: `10.100.${n}.254`,
        parent: `eth1.${100 + n}`,
        ipRanges: Object.fromEntries(Object.entries(RANGES).map(([node, range]) => [node, `10.100.${n}.${range}`])),
      });
      await swarm.docker('network', 'create', '-d', 'macvlan', '--scope', 'swarm', '--config-from', `${network(n)}-conf`, network(n));
    }
    console.log(`setup (3 dockerds, swarm, ${NETWORKS} networks × 3 config-only): ${seconds(performance.now() - setupStarted)}`);

    const source = new SwarmSource({ managers: [sw1.host], nodes: swarm.nodes.map((node) => node.host), labels: settingsSchemas().settingsSchema.parse({}).labels });
    const running = async () => (await source.read()).containers.length;

    // 1. The bulk, with sw3 paused (it takes no new task): spread over sw1 and sw2.
    await swarm.docker('node', 'update', '--availability', 'pause', sw3.name);
    const bulk = SERVICES - SAMPLE;
    const bulkStarted = performance.now();
    console.log('\nread cost as services grow (3 node engines; median of 5 reads):');
    console.log('  services   read     manager: tasks       services     networks   nodes    | node engine: task containers');
    for (let from = 0; from < bulk; from += 50) {
      const to = Math.min(bulk, from + 50);
      await inParallel(8, range(from, to), (i) => createService(swarm, i));
      await until(`${to} tasks running`, async () => (await running()) >= to, 600_000, 1000);
      console.log(`  ${String(to).padStart(8)}   ${await readCost(source)}   ${await requestCosts(swarm)}`);
    }
    console.log(`${bulk} services created 8 at a time and running: ${seconds(performance.now() - bulkStarted)}`);

    // 2. The daemon: its first sync of the bulk.
    const repo = initRepo(join(tmp.dir, 'repo'));
    mkdirSync(join(tmp.dir, 'secrets'), { mode: 0o700 });
    writeFileSync(join(tmp.dir, 'secrets', 'pass'), PASSWORD, { mode: 0o600 });
    writeFileSync(join(repo, 'translator.yaml'), [
      `deploy:\n  lockDir: ${JSON.stringify(join(tmp.dir, 'locks'))}`,
      'watch:\n  deploy: { policy: auto }',
      `docker:\n  swarm:\n    managers: [${JSON.stringify(sw1.host)}]\n    nodes: [${swarm.nodes.map((node) => JSON.stringify(node.host)).join(', ')}]`,
      '',
    ].join('\n'));
    git(repo, 'add', 'translator.yaml');
    git(repo, 'commit', '-q', '-m', 'settings');
    const port = await freePort();
    const daemonStarted = performance.now();
    const started = startBenchDaemon({ root: ROOT, repo, port, lab, passwordFile: join(tmp.dir, 'secrets', 'pass'), enable: ENABLE });
    daemon = started.process;
    const url = `http://127.0.0.1:${port}`;
    await until(`the router holding ${bulk} NATs`, () => Object.keys(routerNats(lab.runningConfig())).length === bulk, 600_000, 100);
    console.log(`\ndaemon (${started.compiled ? 'dist' : 'tsx'}, policy auto, task listing every 10 s): start → ${bulk} NATs on the router: ${seconds(performance.now() - daemonStarted)}`);

    // 3. One at a time: `docker service create` → its NAT on the router. sw3 is the emptiest node: Swarm spreads them there.
    await swarm.docker('node', 'update', '--availability', 'active', sw3.name);
    const latencies: number[] = [];
    const swarmLatencies: number[] = [];
    for (let i = bulk; i < SERVICES; i++) {
      const deploysBefore = await deploysCounted(url);
      const started = performance.now();
      await createService(swarm, i);
      const swarmSays = timeUntil(started, async () => (await tasksMeantToRun(swarm, service(i))).some((task) => task.running), 20);
      await until(`NAT of ${service(i)}`, () => routerNats(lab.runningConfig())[globalIp(i)] !== undefined, 120_000, 5);
      latencies.push(performance.now() - started);
      swarmLatencies.push(await swarmSays);
      await until(`deploy of ${service(i)} recorded`, async () => (await deploysCounted(url)) > deploysBefore, 120_000, 20);
    }
    latencies.sort((a, b) => a - b);
    const onSw3 = (await sw3.docker('ps', '-q', '--filter', 'label=com.docker.swarm.task.id')).split('\n').filter(Boolean).length;
    console.log(`docker service create → static NAT on the router, ${SAMPLE} one at a time (${onSw3} tasks on ${sw3.name} after): ` +
      `p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms`);
    swarmLatencies.sort((a, b) => a - b);
    console.log(`  of which until the manager says the task runs: p50 ${percentile(swarmLatencies, 50).toFixed(0)} ms, p95 ${percentile(swarmLatencies, 95).toFixed(0)} ms`);

    // 4. Drain sw3: every NAT's local address must leave sw3's ranges.
    const sw3Range = (local: string) => Number(local.split('.')[3]) >= 128 && Number(local.split('.')[3]) < 192;
    const before = routerNats(lab.runningConfig());
    const moving = Object.values(before).filter(sw3Range).length;
    const commitsBefore = Number(git(repo, 'rev-list', '--count', 'HEAD').trim());
    const deploysBefore = await deploysCounted(url);
    const drainStarted = performance.now();
    await swarm.docker('node', 'update', '--availability', 'drain', sw3.name);
    const swarmDrained = timeUntil(drainStarted, async () => {
      const tasks = await tasksMeantToRun(swarm);
      return tasks.length === SERVICES && tasks.every((task) => task.running && task.node !== sw3.nodeId);
    }, 100);
    await until('every NAT off sw3', () => {
      const nats = Object.values(routerNats(lab.runningConfig()));
      return nats.length === SERVICES && !nats.some(sw3Range);
    }, 600_000, 50);
    const drained = performance.now() - drainStarted;
    const swarmDrainMs = await swarmDrained;
    await new Promise((resolve) => setTimeout(resolve, 6000)); // let a trailing cycle finish before counting
    console.log(`drain of ${sw3.name} holding ${moving} tasks → every NAT's local address on sw1/sw2: ${seconds(drained)} ` +
      `(${Number(git(repo, 'rev-list', '--count', 'HEAD').trim()) - commitsBefore} commits, ${(await deploysCounted(url)) - deploysBefore} deploys); ` +
      `the manager said every successor ran after ${seconds(swarmDrainMs)}`);

    // 5. Render and commit of the whole state, in this process (a scratch clone), and what the daemon measured.
    const state = await source.read();
    const scratch = cloneRepo(repo, join(tmp.dir, 'scratch'));
    git(scratch, 'config', 'user.name', 'bench');
    git(scratch, 'config', 'user.email', 'bench@translator.invalid');
    const settings = loadSettings({ repo: scratch, env: { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1', IOS_MGMT_IP: lab.host } });
    const withOneLess = { ...state, containers: state.containers.slice(1) }; // a change, so the commit is not empty
    const renderStarted = performance.now();
    const rendered = renderState(withOneLess, settings, scratch, settings.routers.map((r) => r.name));
    const renderMs = performance.now() - renderStarted;
    const commitStarted = performance.now();
    const { commit } = await commitRendered(await GitOpsRepo.open(scratch), rendered, settings);
    const commitMs = performance.now() - commitStarted;
    const metrics = await (await fetch(`${url}/metrics`)).text();
    console.log(`\n${state.containers.length} services: read ${await readCost(source)}, render ${renderMs.toFixed(0)} ms, commit ${commitMs.toFixed(0)} ms (${commit ? 'committed' : 'NOT committed'})`);
    console.log(`daemon, averaged over its cycles: read+render ${histogramMean(metrics, 'translator_render_duration_seconds')}, ` +
      `whole cycle with deploy ${histogramMean(metrics, 'translator_cycle_duration_seconds')}, deploy ${histogramMean(metrics, 'translator_deploy_duration_seconds', '{router="edge1"}')}`);
    console.log(`read cost by node engines read (${state.containers.length} services):`);
    for (let count = 1; count <= 3; count++) {
      const partial = new SwarmSource({ managers: [sw1.host], nodes: swarm.nodes.slice(0, count).map((node) => node.host), labels: settings.labels });
      console.log(`  ${count} node engine${count === 1 ? ' ' : 's'}: ${await readCost(partial)}`);
    }
    console.log(`mapping the answers (swarm-json.ts, pure; the real answers of ${state.containers.length} services copied k times):`);
    const recorded = await answersOf(swarm);
    for (const copies of [1, 5, 25]) {
      const scaled = scaledAnswers(recorded, copies);
      const started = performance.now();
      const mapped = toSwarmState(scaled, { labels: settings.labels, lastKnown: { networks: [], containers: [] }, unreachable: [] });
      console.log(`  ${String(scaled.services.length).padStart(5)} services: ${(performance.now() - started).toFixed(0).padStart(5)} ms (${mapped.containers.length} tasks mapped)`);
    }
    console.log(`daemon memory: RSS ${memoryMb(daemon.pid!, 'VmRSS')} MB now, peak (VmHWM) ${memoryMb(daemon.pid!, 'VmHWM')} MB`);
    console.log(`dockerd memory (RSS): ${await Promise.all(swarm.nodes.map(async (node) => `${node.name} ${memoryMb(Number(readFileSync(join(dirname(socketOf(node)), 'docker.pid'), 'utf8')), 'VmRSS')} MB`)).then((s) => s.join(', '))}`);
    console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  } finally {
    if (daemon && daemon.exitCode === null) {
      daemon.kill('SIGTERM');
      await new Promise((resolve) => daemon!.once('exit', resolve));
    }
    await lab.close();
    await swarm.stop();
    tmp.remove();
  }
}

function createService(swarm: PrivateSwarm, i: number): Promise<string> {
  return create(swarm, service(i), '--network', `name=${network(i % NETWORKS)}`, '--label', `global_ip=${globalIp(i)}`);
}

/** The static NATs in a running-config: global → local. */
function routerNats(config: string): Record<string, string> {
  const nats: Record<string, string> = {};
  for (const [, local, global] of config.matchAll(/^ip nat inside source static (\S+) (\S+) vrf /gm)) nats[global!] = local!;
  return nats;
}

/** Median wall time of 5 whole reads (SwarmSource.read: manager + node engines, mapped). */
async function readCost(source: SwarmSource): Promise<string> {
  const times: number[] = [];
  for (let k = 0; k < 5; k++) {
    const started = performance.now();
    await source.read();
    times.push(performance.now() - started);
  }
  return `${percentile(times.sort((a, b) => a - b), 50).toFixed(0).padStart(4)} ms`;
}

/** Size and time of each request a read makes (one sample each, after the read warmed the engines up). */
async function requestCosts(swarm: PrivateSwarm): Promise<string> {
  const manager = socketOf(swarm.leader);
  const running = encodeURIComponent(JSON.stringify({ 'desired-state': ['running'] }));
  const taskContainers = encodeURIComponent(JSON.stringify({ label: ['com.docker.swarm.task.id'], status: ['running'] }));
  const parts = [];
  for (const path of [`/tasks?filters=${running}`, '/services', '/networks', '/nodes']) parts.push(await timedGet(manager, path));
  const node = await timedGet(socketOf(swarm.node('sw2')), `/containers/json?filters=${taskContainers}`);
  return `${parts.join('  ')} | ${node}`;
}

function socketOf(node: SwarmNode): string {
  return node.host.slice('unix://'.length);
}

/** What SwarmSource.read asks, asked raw: the manager's answers and each node engine's facts. */
async function answersOf(swarm: PrivateSwarm): Promise<SwarmAnswers> {
  const json = async <T>(node: SwarmNode, path: string) => JSON.parse((await get(socketOf(node), path)).toString()) as T;
  const running = encodeURIComponent(JSON.stringify({ 'desired-state': ['running'] }));
  const taskContainers = encodeURIComponent(JSON.stringify({ label: [TASK_ID_LABEL], status: ['running'] }));
  const facts = new Map<string, NodeFacts>();
  for (const node of swarm.nodes) {
    facts.set(node.nodeId, { networks: await json(node, '/networks'), containers: await json(node, `/containers/json?filters=${taskContainers}`) });
  }
  return {
    nodes: await json(swarm.leader, '/nodes'),
    networks: await json(swarm.leader, '/networks'),
    services: await json(swarm.leader, '/services'),
    tasks: await json(swarm.leader, `/tasks?filters=${running}`),
    facts,
  };
}

/** `answers` with every service, task and task container copied `copies` times (new ids, names and addresses). */
function scaledAnswers(answers: SwarmAnswers, copies: number): SwarmAnswers {
  let address = 0;
  const readdressed = (container: ContainerJson, k: number): ContainerJson => {
    const networks = Object.fromEntries(Object.entries(container.NetworkSettings?.Networks ?? {}).map(([name, endpoint]) => {
      address += 1;
      return [name, { ...endpoint, IPAddress: `10.${100 + (address >> 16)}.${(address >> 8) & 255}.${address & 255}` }];
    }));
    const labels = { ...container.Labels, [TASK_ID_LABEL]: `${container.Labels?.[TASK_ID_LABEL]}k${k}` };
    return { ...container, Id: `${container.Id}k${k}`, Labels: labels, NetworkSettings: { Networks: networks } };
  };
  const times = <T>(items: readonly T[], copy: (item: T, k: number) => T) => Array.from({ length: copies }, (_, k) => items.map((item) => copy(item, k))).flat();
  return {
    ...answers,
    services: times(answers.services, (service, k) => ({ ...service, ID: `${service.ID}k${k}`, Spec: { ...service.Spec, Name: `${service.Spec.Name}k${k}` } })),
    tasks: times(answers.tasks, (task, k) => ({ ...task, ID: `${task.ID}k${k}`, ServiceID: `${task.ServiceID}k${k}` })),
    facts: new Map([...answers.facts].map(([id, facts]) => [id, { ...facts, containers: times(facts.containers, readdressed) }])),
  };
}

async function timedGet(socketPath: string, path: string): Promise<string> {
  const started = performance.now();
  const body = await get(socketPath, path);
  return `${(body.length / 1024).toFixed(0).padStart(5)} kB ${(performance.now() - started).toFixed(0).padStart(4)} ms`;
}

function get(socketPath: string, path: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    request({ socketPath, path: `/v1.41${path}` }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks)));
      response.on('error', reject);
    }).on('error', reject).end();
  });
}

/** The manager's tasks meant to run (of one service, if named): where they are and whether it says they run. */
async function tasksMeantToRun(swarm: PrivateSwarm, name?: string): Promise<{ node: string; running: boolean }[]> {
  const filters = encodeURIComponent(JSON.stringify({ 'desired-state': ['running'], ...(name ? { service: [name] } : {}) }));
  const tasks = JSON.parse((await get(socketOf(swarm.leader), `/tasks?filters=${filters}`)).toString()) as { NodeID?: string; Status: { State: string } }[];
  return tasks.map((task) => ({ node: task.NodeID ?? '', running: task.Status.State === 'running' }));
}

/** Milliseconds from `started` until `condition` holds, polled every `everyMs` (for the Swarm's own share of a latency). */
async function timeUntil(started: number, condition: () => Promise<boolean>, everyMs: number): Promise<number> {
  await until('the swarm', condition, 600_000, everyMs);
  return performance.now() - started;
}

function histogramMean(metrics: string, name: string, labels = ''): string {
  const value = (suffix: string) => Number(new RegExp(`^${name}_${suffix}${labels.replace(/[{}]/g, '\\$&')} (\\S+)$`, 'm').exec(metrics)?.[1] ?? NaN);
  const [sum, count] = [value('sum'), value('count')];
  return `${((sum / count) * 1000).toFixed(0)} ms (${count} observed)`;
}

async function inParallel<T>(width: number, items: T[], work: (item: T) => Promise<unknown>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: width }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await work(item);
  }));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, k) => from + k);
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function memoryMb(pid: number, field: 'VmRSS' | 'VmHWM'): string {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith(`${field}:`));
  return (Number(line?.match(/\d+/)?.[0] ?? 0) / 1024).toFixed(0);
}

