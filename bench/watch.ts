/**
 * Issue 6: `translator watch` with deploy policy auto, against a private dockerd and the lab router.
 * - latency from `docker run` of a labelled container to its static NAT in the lab's running-config
 *   (p50/p95 over 50 containers, one at a time);
 * - a burst of 500 container starts: commits and deploys made, time from the last start until the
 *   router holds all 500 NATs, and the daemon's peak memory (VmHWM of its own process).
 * The daemon runs as the real CLI in a child process, so its memory is its own.
 * BENCH_WATCH_BURST=0 measures the latency only.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startLab } from '../src/lab/index.js';
import { missingPrerequisites, startEngine, TEST_IMAGE } from '../test/helpers/docker-engine.js';
import { git, initRepo, tempDir } from '../test/helpers/git.js';
import { ENABLE, PASSWORD, ROUTER_CONFIG, startBenchDaemon } from './daemon.js';
import { report } from './targets.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const TARGETS = { p50Ms: 1000, convergedMs: 10_000, deploys: 5, peakMb: 200 };

export async function benchWatch(): Promise<void> {
  const missing = missingPrerequisites();
  if (missing) {
    console.log(`watch benchmark skipped: ${missing}`);
    return;
  }
  const engine = await startEngine();
  const tmp = tempDir('bench-watch');
  const lab = await startLab({ port: 0, configText: ROUTER_CONFIG, password: PASSWORD, enableSecret: ENABLE });
  let daemon: ReturnType<typeof spawn> | null = null;
  try {
    const env = { ...process.env, DOCKER_HOST: engine.host, DOCKER_CONFIG: join(engine.dir, 'cli') };
    const docker = (...args: string[]) => run('docker', args, env);
    const inNetns = (...args: string[]) => run('nsenter', [`--net=/run/netns/${engine.netns}`, ...args], env);
    await inNetns('ip', 'link', 'add', 'eth1.30', 'type', 'veth', 'peer', 'name', 'trpbench30');
    await inNetns('ip', 'link', 'set', 'eth1.30', 'up');
    await docker('network', 'create', '-d', 'macvlan', '--subnet=10.10.0.0/22', '--gateway=10.10.3.254', '-o', 'parent=eth1.30', 'bench');

    const repo = initRepo(join(tmp.dir, 'repo'));
    mkdirSync(join(tmp.dir, 'secrets'), { mode: 0o700 });
    writeFileSync(join(tmp.dir, 'secrets', 'pass'), PASSWORD, { mode: 0o600 });
    writeFileSync(join(repo, 'translator.yaml'), `deploy:\n  lockDir: ${JSON.stringify(join(tmp.dir, 'locks'))}\nwatch:\n  deploy: { policy: auto }\n`);
    git(repo, 'add', 'translator.yaml');
    git(repo, 'commit', '-q', '-m', 'settings');
    const port = await freePort();
    const started = startBenchDaemon({ root: ROOT, repo, port, lab, passwordFile: join(tmp.dir, 'secrets', 'pass'), enable: ENABLE, dockerHost: engine.host });
    daemon = started.process;
    const url = `http://127.0.0.1:${port}`;
    await until('watch ready', async () => (await fetch(`${url}/readyz`).catch(() => null))?.status === 200, 60_000);
    console.log(`daemon: ${started.compiled ? 'dist (compiled)' : 'tsx (sources)'}, policy auto, quiet 500 ms (leading edge), max delay 5 s; lab router over SSH on 127.0.0.1`);

    // 1. One container at a time: docker run → static NAT in running-config.
    // "One at a time": the next container starts once the previous deploy has ended (recorded), so
    // no measurement waits for the tail (verify, confirm, record) of the one before.
    const latencies: number[] = [];
    const runs: number[] = [];
    for (let i = 0; i < 50; i++) {
      const local = `10.10.0.${10 + i}`;
      const global = `10.20.0.${10 + i}`;
      const deploysBefore = await deploysCounted(url);
      const started = performance.now();
      await docker('run', '-d', '--name', `one${i}`, '--net=bench', `--ip=${local}`, '-l', `global_ip=${global}`, TEST_IMAGE, 'sleep', '3600');
      runs.push(performance.now() - started);
      const line = `ip nat inside source static ${local} ${global} vrf bench`;
      await until(`NAT of one${i}`, () => lab.runningConfig().includes(line), 60_000, 5);
      latencies.push(performance.now() - started);
      await until(`deploy of one${i} recorded`, async () => (await deploysCounted(url)) > deploysBefore, 60_000, 20);
    }
    // Translator's own share: from `docker run` returning (the container started, its event sent)
    // to the line accepted by the router (issue 14), per container.
    const own = latencies.map((latency, i) => latency - runs[i]!).sort((a, b) => a - b);
    latencies.sort((a, b) => a - b);
    runs.sort((a, b) => a - b);
    const p50 = percentile(latencies, 50);
    const p95 = percentile(latencies, 95);
    console.log(`docker run → static NAT on the router, 50 one at a time: p50 ${p50.toFixed(0)} ms, p95 ${p95.toFixed(0)} ms, max ${latencies.at(-1)!.toFixed(0)} ms  (target p50 ≤ ${TARGETS.p50Ms} ms)`);
    console.log(`  of which \`docker run -d\` itself (the engine): p50 ${percentile(runs, 50).toFixed(0)} ms, p95 ${percentile(runs, 95).toFixed(0)} ms`);
    report('watch: translator\'s share of docker run → NAT, p50', percentile(own, 50) / 1000, 's', 0.15);
    report('watch: translator\'s share of docker run → NAT, p95', percentile(own, 95) / 1000, 's', 0.3);
    report('watch: docker run -d itself, p50', percentile(runs, 50) / 1000, 's', null);
    if (process.env.BENCH_WATCH_BURST === '0') return;

    // 2. A burst of 500 starts: created first (not a watched event), then started 25 commands at once.
    const names = Array.from({ length: 500 }, (_, i) => `burst${i}`);
    const address = (i: number) => `${1 + Math.floor(i / 250)}.${(i % 250) + 1}`; // 10.10.1.1 … 10.10.2.250
    for (let i = 0; i < names.length; i += 25) {
      await Promise.all(names.slice(i, i + 25).map((name, j) =>
        docker('create', '--name', name, '--net=bench', `--ip=10.10.${address(i + j)}`, '-l', `global_ip=10.21.${address(i + j)}`, TEST_IMAGE, 'sleep', '3600')));
    }
    const commitsBefore = countCommits(repo);
    const deploysBefore = await deploysCounted(url);
    const burstStart = performance.now();
    await Promise.all(Array.from({ length: 25 }, (_, k) => docker('start', ...names.slice(k * 20, k * 20 + 20))));
    const lastStart = performance.now();
    const expected = names.map((_, i) => `ip nat inside source static 10.10.${address(i)} 10.21.${address(i)} vrf bench`);
    await until('all 500 NATs on the router', () => {
      const config = lab.runningConfig();
      return expected.every((line) => config.includes(line));
    }, 600_000, 50);
    const converged = performance.now() - lastStart;
    await new Promise((resolve) => setTimeout(resolve, 6000)); // let a trailing cycle finish before counting
    const commits = countCommits(repo) - commitsBefore;
    const deploys = (await deploysCounted(url)) - deploysBefore;
    const peakMb = peakRssMb(daemon.pid!);
    console.log(`burst of 500 starts over ${((lastStart - burstStart) / 1000).toFixed(1)} s: ${commits} commits, ${deploys} deploys; converged ${(converged / 1000).toFixed(1)} s after the last start  (targets ≤ ${TARGETS.convergedMs / 1000} s, ≤ ${TARGETS.deploys} deploys)`);
    console.log(`daemon peak memory (VmHWM): ${peakMb.toFixed(0)} MB  (target ≤ ${TARGETS.peakMb} MB)`);
  } finally {
    if (daemon && daemon.exitCode === null) {
      daemon.kill('SIGTERM');
      await new Promise((resolve) => daemon!.once('exit', resolve));
    }
    await lab.close();
    await engine.stop();
    tmp.remove();
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(out.trim()) : reject(new Error(`${command} ${args.slice(0, 3).join(' ')}…: ${err.trim()}`))));
  });
}

export async function until(what: string, condition: () => boolean | Promise<boolean>, ms: number, everyMs = 100): Promise<void> {
  const deadline = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > deadline) throw new Error(`benchmark gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function countCommits(repo: string): number {
  return Number(git(repo, 'rev-list', '--count', 'HEAD').trim());
}

export async function deploysCounted(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text.split('\n').filter((l) => l.startsWith('translator_deploys_total{')).reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
}

/** The process's peak resident set size (Linux VmHWM). */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line?.match(/\d+/)?.[0] ?? 0) / 1024;
}

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
