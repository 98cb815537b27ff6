/**
 * Issue 14: `translator deploy --all` to a fleet of lab routers at 10 ms of round-trip latency,
 * the compiled CLI in a process of its own (whole process, as users run it), against a GitOps
 * repository with a bare remote (records and leases go there, as in production). Each fleet size
 * first deploys ≈ 30 lines to every router, then deploys again with nothing to change. The lab
 * routers all live in this process (they share its CPU with the deploy: the machine has 2 cores).
 * BENCH_FLEET="10 50" chooses the sizes; BENCH_FLEET_CONCURRENCY="4 16" the concurrency levels.
 * BENCH_FLEET_NODE_ARGS are options for the deploy process's node, e.g. "--cpu-prof --cpu-prof-dir=/tmp/p"
 * for a profile of each deploy (Node 20 refuses --cpu-prof in NODE_OPTIONS).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { startLab, type LabRouter } from '../src/lab/index.js';
import { git, initBare, initRepo, tempDir } from '../test/helpers/git.js';
import { ENABLE, PASSWORD, ROUTER_CONFIG, SEED_INTENDED } from '../test/integration/deploy-helpers.js';
import { report } from './targets.js';
import { CLI, runCompiled, runNode } from './whole-process.js';

const RTT_MS = 10;

interface World {
  repo: string;
  labs: LabRouter[];
  remove(): Promise<void>;
}

async function world(size: number, concurrency: number): Promise<World> {
  const tmp = tempDir('bench-fleet');
  const labs: LabRouter[] = [];
  for (let i = 0; i < size; i++) {
    const name = `edge${i + 1}`;
    labs.push(await startLab({ port: 0, configText: ROUTER_CONFIG.replace('hostname edge1', `hostname ${name}`), password: PASSWORD, enableSecret: ENABLE, faults: { rttMs: RTT_MS } }));
  }
  const repo = initRepo(join(tmp.dir, 'repo'));
  git(repo, 'remote', 'add', 'origin', initBare(join(tmp.dir, 'remote.git')));
  const routers = labs.flatMap((lab, i) => [
    `  - name: edge${i + 1}`,
    `    host: ${lab.host}`,
    `    port: ${lab.port}`,
    '    inside: GigabitEthernet2',
    '    outside: GigabitEthernet1',
    '    username: admin',
    '    password: {env: LAB_PASS}',
    '    enablePassword: {env: LAB_ENABLE}',
    `    hostKey: {fingerprint: "${lab.hostKeyFingerprint}"}`,
  ]);
  const settings = ['git: { remote: origin, branch: main }', 'deploy:', `  lockDir: ${JSON.stringify(join(tmp.dir, 'locks'))}`, `  concurrency: ${concurrency}`, 'routers:', ...routers, ''];
  writeFileSync(join(repo, 'translator.yaml'), settings.join('\n'));
  for (let i = 0; i < size; i++) {
    mkdirSync(join(repo, 'routers', `edge${i + 1}`), { recursive: true });
    writeFileSync(join(repo, 'routers', `edge${i + 1}`, 'intended.cfg'), SEED_INTENDED);
  }
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'fleet');
  git(repo, 'push', '-q', 'origin', 'main');
  return {
    repo,
    labs,
    async remove() {
      await Promise.all(labs.map((lab) => lab.close()));
      tmp.remove();
    },
  };
}

async function deployAll(w: World): Promise<{ seconds: number; cpuSeconds: number; labCpuSeconds: number; peakMb: number; lines: number }> {
  // The lab routers' own CPU (SSH server side, in this process) meanwhile: with the deploy's CPU it
  // says how busy the 2 cores were, so how far the wall time is from what the machine allows.
  const labCpu = process.cpuUsage();
  const nodeArgs = process.env.BENCH_FLEET_NODE_ARGS?.split(/\s+/).filter(Boolean) ?? [];
  const args = ['deploy', '--all', '--yes', '--repo', w.repo];
  const env = { LAB_PASS: PASSWORD, LAB_ENABLE: ENABLE };
  const run = await (nodeArgs.length > 0 ? runNode([...nodeArgs, CLI, ...args], env) : runCompiled(args, env));
  if (run.code !== 0) throw new Error(`deploy --all failed (${run.code}): ${run.stderr.slice(-2000)}`);
  // Every router's record is there (records stay complete and per-router, however they are committed).
  const logs = w.labs.map((_, i) => git(w.repo, 'show', `translator/records:routers/edge${i + 1}/deploys.log`));
  if (logs.some((log) => log.trim() === '')) throw new Error('a router has no deploy record');
  const lines = Number(/\n(edge1\s.*)/.exec(run.stdout)?.[1]?.split(/\s{2,}/)[4] ?? 0);
  const { user, system } = process.cpuUsage(labCpu);
  return { seconds: run.seconds, cpuSeconds: run.cpuSeconds, labCpuSeconds: (user + system) / 1e6, peakMb: run.peakMb, lines };
}

/** CPU of the deploy (with its git children) and of the lab routers, and the wall time that CPU needs at least on this machine's cores. */
function cpuNote(run: { seconds: number; cpuSeconds: number; labCpuSeconds: number; peakMb: number }): string {
  const floor = (run.cpuSeconds + run.labCpuSeconds) / cpus().length;
  return `CPU ${run.cpuSeconds.toFixed(1)} s + lab routers ${run.labCpuSeconds.toFixed(1)} s (≥ ${floor.toFixed(1)} s on ${cpus().length} cores), peak ${run.peakMb.toFixed(0)} MB`;
}

export async function benchFleet(): Promise<void> {
  const sizes = (process.env.BENCH_FLEET ?? '10 50 200').split(/\s+/).map(Number);
  const levels = (process.env.BENCH_FLEET_CONCURRENCY ?? '4 16').split(/\s+/).map(Number);
  for (const size of sizes) {
    for (const concurrency of levels) {
      const w = await world(size, concurrency);
      try {
        const changing = await deployAll(w);
        const unchanged = await deployAll(w);
        const label = `${size} routers, concurrency ${concurrency}`;
        const targets = size === 50 ? { changing: 5, unchanged: 3 } : null;
        report(`fleet ${label}: ≈${changing.lines} lines each`, changing.seconds, 's', targets?.changing ?? null, cpuNote(changing));
        report(`fleet ${label}: nothing to change`, unchanged.seconds, 's', targets?.unchanged ?? null, cpuNote(unchanged));
      } finally {
        await w.remove();
      }
    }
  }
}

