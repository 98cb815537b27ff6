/**
 * A private Docker engine for tests (recipe: ../shared/TESTING.md).
 *
 * dockerd runs in its own network namespace with its own socket, data-root, exec-root and
 * pidfile under a temp dir, so tests never touch the host's Docker or links. One engine
 * serves a whole test run: scripts/run-tests.mjs starts it and exports its coordinates
 * (TRANSLATOR_TEST_DOCKER_*); a file run on its own starts one for itself.
 *
 * Usage in a test file (call once, in one top-level test holding the subtests):
 *
 *   test('observe', async (t) => {
 *     const engine = await privateEngine(t);   // undefined = skipped (reason printed)
 *     if (!engine) return;
 *     await engine.addParent('eth1.10');
 *     await engine.docker('network', 'create', '-d', 'macvlan', ..., 'mytenant');
 *     await t.test('...', async () => { ... });
 *   });
 *
 * privateEngine(t) hands the engine over clean (no containers, no user networks) and
 * exclusively to `t` until it ends, so files sharing one engine cannot see each other.
 * Containers of the local image run `sleep` as PID 1, which ignores SIGTERM: stop them
 * with `docker stop -t 0` or `docker kill`, or a plain `docker stop` waits 10 s.
 */
import { execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, openSync, closeSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile, symlink, copyFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { TestContext } from 'node:test';

const run = promisify(execFile);

/** The image every engine has: a busybox rootfs made with `docker import` (no registry here). */
export const TEST_IMAGE = 'local/busybox:latest';
const IMAGE_APPLETS = ['sh', 'sleep', 'true'];

/** Names of one run's engine; the pid is the owner's, so stale ones of dead runs can be found. */
const DIR_PREFIX = 'translator-dockerd-';
const NETNS_PREFIX = 'translator-test-';

/** Environment through which run-tests.mjs hands its shared engine to the test files. */
export const ENGINE_ENV = {
  host: 'TRANSLATOR_TEST_DOCKER_HOST',
  netns: 'TRANSLATOR_TEST_NETNS',
  dir: 'TRANSLATOR_TEST_DOCKER_DIR',
} as const;

export interface PrivateEngine {
  /** DOCKER_HOST for this engine, e.g. `unix:///tmp/translator-dockerd-123/docker.sock`. */
  readonly host: string;
  /** Network namespace dockerd runs in (macvlan parents live here). */
  readonly netns: string;
  /** Directory of its socket, data-root, exec-root, pidfile and log. */
  readonly dir: string;
  /** Local image with busybox `sh`, `sleep`, `true`. */
  readonly image: string;
  /** Environment for a child process (e.g. the translator CLI) that should use this engine. */
  readonly env: NodeJS.ProcessEnv;
  /** Runs the docker CLI against this engine; resolves to trimmed stdout, rejects with stderr. */
  docker(...args: string[]): Promise<string>;
  /** Creates (if absent) and brings up a link named `name` (e.g. `eth1.10`) to be a macvlan parent. */
  addParent(name: string): Promise<void>;
  /** Runs a command inside the engine's network namespace; resolves to trimmed stdout. */
  inNetns(command: string, ...args: string[]): Promise<string>;
}

export interface EngineLocation {
  host: string;
  netns: string;
  dir: string;
}

/** More than one engine per process (a swarm's nodes): each gets a name, and dockerd its own hostname. */
export interface EngineOptions {
  /** Suffix of the engine's dir and netns (`[a-z0-9]+`); none = the process's one engine. */
  name?: string;
  /** Hostname dockerd sees (its own UTS namespace): Swarm names nodes by it. Default: the machine's. */
  hostname?: string;
}

/** What is missing on this machine to run a private engine, or null when nothing is. */
export function missingPrerequisites(): string | null {
  if (process.getuid?.() !== 0) return 'needs root (network namespaces and dockerd)';
  const missing = [
    ['dockerd', findExecutable('dockerd'), 'docker.io'],
    ['docker', dockerCli(), 'docker.io'],
    ['busybox', busyboxPath(), 'busybox-static'],
    ['ip', findExecutable('ip'), 'iproute2'],
    ['nsenter', findExecutable('nsenter'), 'util-linux'],
  ].filter(([, path]) => path === null);
  if (missing.length === 0) return null;
  return `missing ${missing.map(([tool, , pkg]) => `${tool} (apt-get install ${pkg})`).join(', ')}`;
}

/**
 * The engine for test `t`: the run's shared one when exported, else one started for `t`
 * and stopped when it ends. Returns undefined after `t.skip(reason)` when prerequisites are
 * missing outside CI; in CI (process.env.CI set) a missing prerequisite throws.
 */
export async function privateEngine(t: TestContext): Promise<PrivateEngine | undefined> {
  let location = sharedEngineLocation();
  if (!location) {
    if (!canRun(t, 'private Docker engine')) return undefined;
    const own = await startEngine();
    t.after(() => own.stop());
    location = own;
  }
  const release = await acquireLock(join(location.dir, 'lock'));
  t.after(release);
  const restarted = await resetEngine(location);
  if (restarted) t.diagnostic(restarted);
  return engineAt(location);
}

/**
 * Whether this machine can run private engines; if not, `t` is skipped with the reason outside
 * CI, and in CI (process.env.CI set) the missing prerequisite throws.
 */
export function canRun(t: TestContext, what: string): boolean {
  const missing = missingPrerequisites();
  if (!missing) return true;
  const reason = `${what} unavailable: ${missing}`;
  if (process.env.CI) throw new Error(reason);
  t.skip(reason);
  return false;
}

/** Starts a fresh engine owned by this process; `stop()` tears everything down. */
export async function startEngine(options: EngineOptions = {}): Promise<EngineLocation & { stop(): Promise<void> }> {
  await removeStaleEngines();
  const location = locationOf(process.pid, options.name);
  const { netns, dir } = location;
  const stop = () => stopEngine(location);
  try {
    await mkdir(dir, { recursive: true });
    await run(tool('ip'), ['netns', 'add', netns]);
    await run(tool('nsenter'), [`--net=${netnsPath(netns)}`, tool('ip'), 'link', 'set', 'lo', 'up']);
    await startDockerd(location, options.hostname);
    const engine = engineAt(location);
    await importImage(engine, dir);
    return { ...location, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Stops the engine at `location`: containers killed, dockerd stopped, netns and dirs removed. */
async function stopEngine(location: EngineLocation): Promise<void> {
  // Containers first (SIGKILL): `sleep` as PID 1 would make dockerd wait out its stop timeout.
  if (dockerdPid(location) !== null) await removeContainers(engineAt(location)).catch(() => undefined);
  await stopDockerd(location);
  // Whatever is left (dockerd that would not stop, containerd and shims of a killed one).
  for (const leftover of processesMentioning(location.dir)) signal(leftover, 'SIGKILL');
  await unmountUnder(location.dir);
  await run(tool('ip'), ['netns', 'delete', location.netns]).catch(() => undefined);
  await rm(location.dir, { recursive: true, force: true });
}

/** Stops only the dockerd at `location` (its dirs and netns stay, for stopEngine): the engine is unreachable. */
export async function stopDockerd(location: EngineLocation): Promise<void> {
  const pid = dockerdPid(location);
  if (pid === null) return;
  signal(pid, 'SIGTERM');
  await waitUntil(() => !alive(pid), 20_000);
}

/** The running dockerd of `location`: the pidfile may be old and its pid reused, so only a process started for this dir counts. */
function dockerdPid(location: EngineLocation): number | null {
  const pid = readPid(join(location.dir, 'docker.pid'));
  return pid !== null && processesMentioning(location.dir).includes(pid) ? pid : null;
}

/** Engines (dirs and netns) of runs whose owner process is gone. */
async function removeStaleEngines(): Promise<void> {
  const tmp = shortTmpdir();
  const dirs = readdirSync(tmp).filter((name) => name.startsWith(DIR_PREFIX));
  const namespaces = existsSync('/run/netns')
    ? readdirSync('/run/netns').filter((name) => name.startsWith(NETNS_PREFIX))
    : [];
  // Each entry is `<pid>` or `<pid>-<name>` (engines started with a name).
  const entries = new Set([
    ...dirs.map((name) => name.slice(DIR_PREFIX.length)),
    ...namespaces.map((name) => name.slice(NETNS_PREFIX.length)),
  ]);
  for (const entry of entries) {
    const [owner, name] = entry.split(/-(.*)/s);
    const pid = Number(owner);
    if (!Number.isInteger(pid) || pid <= 0 || alive(pid)) continue;
    await stopEngine(locationOf(pid, name));
  }
}

/** Where the engine owned by process `pid` (and called `name`, if named) lives. */
function locationOf(pid: number, name?: string): EngineLocation {
  if (name !== undefined && !/^[a-z0-9]+$/.test(name)) throw new Error(`engine name ${JSON.stringify(name)}: expected [a-z0-9]+`);
  const id = name === undefined ? `${pid}` : `${pid}-${name}`;
  const dir = join(shortTmpdir(), `${DIR_PREFIX}${id}`);
  return { host: `unix://${join(dir, 'docker.sock')}`, netns: `${NETNS_PREFIX}${id}`, dir };
}

function sharedEngineLocation(): EngineLocation | null {
  const host = process.env[ENGINE_ENV.host];
  const netns = process.env[ENGINE_ENV.netns];
  const dir = process.env[ENGINE_ENV.dir];
  if (!host) return null;
  if (!netns || !dir) {
    throw new Error(`${ENGINE_ENV.host} is set but ${ENGINE_ENV.netns} or ${ENGINE_ENV.dir} is not`);
  }
  return { host, netns, dir };
}

export function engineAt({ host, netns, dir }: EngineLocation): PrivateEngine {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DOCKER_HOST: host,
    DOCKER_CONFIG: join(dir, 'cli'), // never read or write the host user's ~/.docker
  };
  for (const name of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete env[name];
  const cli = dockerCli() ?? 'docker';
  const inNetns = async (command: string, ...args: string[]) =>
    (await exec(tool('nsenter'), [`--net=${netnsPath(netns)}`, command, ...args])).trim();
  return {
    host,
    netns,
    dir,
    image: TEST_IMAGE,
    env,
    async docker(...args) {
      return (await exec(cli, args, env)).trim();
    },
    async addParent(name) {
      const exists = await inNetns(tool('ip'), 'link', 'show', name).then(() => true, () => false);
      if (!exists) await inNetns(tool('ip'), 'link', 'add', name, 'type', 'veth', 'peer', 'name', peerName(name));
      await inNetns(tool('ip'), 'link', 'set', name, 'up');
    },
    inNetns,
  };
}

/** Runs a command; on failure the error names it and carries its stderr. */
async function exec(command: string, args: string[], env?: NodeJS.ProcessEnv): Promise<string> {
  try {
    const { stdout } = await run(command, args, { env, maxBuffer: 64 * 1024 * 1024 });
    return stdout;
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    throw new Error(`${command} ${args.join(' ')} failed: ${stderr || (error as Error).message}`);
  }
}

export async function startDockerd({ host, netns, dir }: EngineLocation, hostname?: string): Promise<void> {
  const log = openSync(join(dir, 'dockerd.log'), 'a');
  // Its own UTS namespace only when named: `sh` sets the hostname there, then becomes dockerd.
  const ownHostname = hostname === undefined ? [] : [tool('unshare'), '--uts', '--', 'sh', '-c', 'hostname "$0" && exec "$@"', hostname];
  const child = spawn(
    tool('nsenter'),
    [
      `--net=${netnsPath(netns)}`, // not `ip netns exec`: it remounts /sys and dockerd loses the devices cgroup
      ...ownHostname,
      tool('dockerd'),
      '--host', host,
      '--data-root', join(dir, 'data'),
      '--exec-root', join(dir, 'exec'),
      '--pidfile', join(dir, 'docker.pid'),
      '--bridge', 'none',
      '--iptables=false',
      '--ip6tables=false',
      '--shutdown-timeout', '2',
    ],
    { stdio: ['ignore', log, log] },
  );
  closeSync(log);
  child.unref();
  const status: { exited?: string } = {};
  child.once('exit', (code, signal) => (status.exited = `exited with ${signal ?? code}`));
  const socket = join(dir, 'docker.sock');
  const ready = await waitUntil(async () => status.exited !== undefined || (await ping(socket)), 30_000);
  if (!ready || status.exited) {
    const tail = readFileSync(join(dir, 'dockerd.log'), 'utf8').split('\n').slice(-15).join('\n');
    throw new Error(`private dockerd did not start (${status.exited ?? 'no answer in 30 s'}):\n${tail}`);
  }
}

async function importImage(engine: PrivateEngine, dir: string): Promise<void> {
  const root = join(dir, 'image-root');
  await mkdir(join(root, 'bin'), { recursive: true });
  await copyFile(busyboxPath()!, join(root, 'bin', 'busybox'));
  for (const applet of IMAGE_APPLETS) await symlink('busybox', join(root, 'bin', applet));
  const tar = spawn('tar', ['-C', root, '-c', '.'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const importer = spawn(dockerCli() ?? 'docker', ['import', '-', TEST_IMAGE], {
    env: engine.env,
    stdio: ['pipe', 'ignore', 'pipe'],
  });
  tar.stdout.pipe(importer.stdin);
  let stderr = '';
  importer.stderr.on('data', (chunk) => (stderr += chunk));
  const code = await new Promise<number | null>((resolve) => importer.once('close', resolve));
  if (code !== 0) throw new Error(`docker import of ${TEST_IMAGE} failed: ${stderr.trim()}`);
  await rm(root, { recursive: true, force: true });
  // A dynamically linked busybox (Debian's `busybox`, not `busybox-static`) cannot run in an
  // empty rootfs: find out here, with a clear message, rather than in every test.
  await engine.docker('run', '--rm', '--net=none', TEST_IMAGE, 'true').catch((error: Error) => {
    throw new Error(`the local test image does not run (is busybox static? apt-get install busybox-static): ${error.message}`);
  });
}

/**
 * Back to a clean engine: no swarm, no containers, no user-defined networks (parents are kept).
 * Returns why dockerd had to be (re)started on the way, or null when it did not.
 */
export async function resetEngine(location: EngineLocation): Promise<string | null> {
  const engine = engineAt(location);
  const notes: string[] = [];
  // A file that died while restarting it (see below) leaves no dockerd: start it for the next one.
  if (dockerdPid(location) === null) {
    await startDockerd(location);
    notes.push('private dockerd was not running (it crashed, or a file stopped while restarting it): started again');
  }
  // Leaving first: the CLI would wait on stdin for a yes to removing the swarm's ingress network.
  if ((await engine.docker('info', '--format', '{{.Swarm.LocalNodeState}}')) !== 'inactive') await engine.docker('swarm', 'leave', '--force');
  await removeContainers(engine);
  const stuck = await removeNetworks(engine);
  if (stuck.length > 0) {
    // dockerd 20.10 can keep an endpoint no container holds (seen in full runs after the burst of
    // watch-docker.test.ts; every later file then failed its reset on that network). libnetwork
    // removes stale endpoints and repairs its endpoint count when the daemon starts
    // (cleanupLocalEndpoints: "Removing stale endpoint", "Fixing inconsistent endpoint_cnt").
    await restartDockerd(location);
    const still = await removeNetworks(engine);
    if (still.length > 0) throw new Error(`networks ${still.join('; ')} keep active endpoints even after a dockerd restart`);
    notes.push(`private dockerd restarted: network ${stuck.join('; ')} kept an endpoint no container holds`);
  }
  return notes.length > 0 ? notes.join('; ') : null;
}

async function removeContainers(engine: PrivateEngine): Promise<void> {
  const containers = (await engine.docker('ps', '-aq')).split('\n').filter(Boolean);
  if (containers.length > 0) await engine.docker('rm', '-f', ...containers);
}

/** Removes every user-defined network; returns those that still claim active endpoints, each with its name and what dockerd says it holds. */
async function removeNetworks(engine: PrivateEngine): Promise<string[]> {
  const networks = (await engine.docker('network', 'ls', '--filter', 'type=custom', '--format', '{{.ID}} {{.Name}}')).split('\n').filter(Boolean);
  const stuck: string[] = [];
  for (const line of networks) {
    const [id, name] = line.split(' ') as [string, string];
    if (await removeNetwork(engine, id)) continue;
    const held = await engine.docker('network', 'inspect', '--format', '{{json .Containers}}', id).catch((error: Error) => error.message);
    stuck.push(`${name} (${id}, endpoints ${held})`);
  }
  return stuck;
}

/**
 * dockerd 20.10 releases a removed container's macvlan endpoint a moment after `docker rm -f`
 * returns ("network … has active endpoints"): retry for a while, then disconnect what is left.
 * False when the endpoints stay (a stale one: see resetEngine).
 */
async function removeNetwork(engine: PrivateEngine, network: string): Promise<boolean> {
  for (let attempt = 1; ; attempt++) {
    try {
      await engine.docker('network', 'rm', network);
      return true;
    } catch (error) {
      if (!/has active endpoints/.test((error as Error).message)) throw error;
      if (attempt >= 20) return false;
    }
    if (attempt === 10) {
      const endpoints = (await engine.docker('network', 'inspect', '--format', '{{range $id, $c := .Containers}}{{$c.Name}} {{end}}', network)).split(/\s+/).filter(Boolean);
      for (const endpoint of endpoints) await engine.docker('network', 'disconnect', '-f', network, endpoint).catch(() => undefined);
    }
    await sleep(200);
  }
}

/** Stops and starts the dockerd of `location` on the same data-root: image, volumes and parents stay (and its hostname, when given again). */
export async function restartDockerd(location: EngineLocation, hostname?: string): Promise<void> {
  await stopDockerd(location);
  if (dockerdPid(location) !== null) throw new Error(`the private dockerd of ${location.dir} did not stop within 20 s`);
  await startDockerd(location, hostname);
}

/**
 * Exclusive use of a shared engine across test processes: a lock directory holding the
 * owner's pid (mkdir is atomic); a lock whose owner died is taken over.
 */
async function acquireLock(lockDir: string): Promise<() => Promise<void>> {
  const ownerFile = join(lockDir, 'pid');
  for (;;) {
    try {
      await mkdir(lockDir);
      await writeFile(ownerFile, String(process.pid));
      return () => rm(lockDir, { recursive: true, force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = readPid(ownerFile);
    if (owner !== null && !alive(owner)) {
      await rm(lockDir, { recursive: true, force: true });
      continue;
    }
    await sleep(100);
  }
}

/** Whether the engine behind this unix socket answers /_ping. */
function ping(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ socketPath, path: '/_ping', timeout: 1000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
    req.end();
  });
}

/** Polls `condition` every 100 ms until it holds (true) or `ms` pass (false). */
async function waitUntil(condition: () => boolean | Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= deadline) return false;
    await sleep(100);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Processes whose command line names `dir` or a path in it (unique per run, so nobody else's). */
function processesMentioning(dir: string): number[] {
  return readdirSync('/proc')
    .map(Number)
    .filter((pid) => Number.isInteger(pid) && pid !== process.pid)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8')
          .split('\0')
          .some((arg) => arg === dir || arg.includes(`${dir}/`));
      } catch {
        return false; // gone meanwhile
      }
    });
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
}

/** Lazily unmounts whatever dockerd left mounted under `dir` (overlays, netns files), deepest first. */
async function unmountUnder(dir: string): Promise<void> {
  const mountPoints = (await readFile('/proc/self/mountinfo', 'utf8'))
    .split('\n')
    .map((line) => line.split(' ')[4])
    .filter((point): point is string => point !== undefined && (point === dir || point.startsWith(`${dir}/`)))
    .sort((a, b) => b.length - a.length);
  for (const point of mountPoints) await run('umount', ['-l', point]).catch(() => undefined);
}

function readPid(file: string): number | null {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Whether a process with this pid exists. */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A veth peer name (≤ 15 characters, as Linux requires) derived from the parent's name. */
function peerName(name: string): string {
  return `trp${createHash('sha1').update(name).digest('hex').slice(0, 10)}`;
}

function netnsPath(netns: string): string {
  return `/run/netns/${netns}`;
}

/** Unix socket paths are limited to 108 bytes: fall back to /tmp when TMPDIR is deep. */
function shortTmpdir(): string {
  const dir = tmpdir();
  return dir.length <= 48 ? dir : '/tmp';
}

export function dockerCli(): string | null {
  return ['/usr/bin/docker', '/usr/local/bin/docker'].find((path) => existsSync(path)) ?? findExecutable('docker');
}

function busyboxPath(): string | null {
  return ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path)) ?? null;
}

/** A system tool by absolute path: root's PATH does not always hold the sbin dirs. */
export function tool(name: string): string {
  return findExecutable(name) ?? name;
}

function findExecutable(name: string): string | null {
  const dirs = (process.env.PATH ?? '').split(':').concat(['/usr/sbin', '/sbin', '/usr/bin', '/bin']);
  return dirs.map((dir) => join(dir, name)).find((path) => existsSync(path)) ?? null;
}
