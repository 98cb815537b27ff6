/**
 * Shared setup of the deploy tests: a lab router with unowned look-alike config, a GitOps
 * repository with a bare remote, the real CLI with the router described by environment
 * variables (password from a file), and a second SSH session to read the router.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { runDeploys, type DeployBatch } from '../../src/deploy/service.js';
import { connectDevice, type Device, type PendingRollback } from '../../src/device/index.js';
import { GitOpsRepo } from '../../src/gitops/repo.js';
import { startLab, type LabOptions, type LabRouter } from '../../src/lab/index.js';
import { loadSettings } from '../../src/settings/load.js';
import { Secret } from '../../src/settings/secret.js';
import { REPO_ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { git, initBare, initRepo, tempDir } from '../helpers/git.js';

export const PASSWORD = 'Lab-Pa55-word-7f3c91';
export const ENABLE = 'En-Secret-2b8e44';

export const ROUTER_CONFIG = `Building configuration...

Current configuration : 1000 bytes
!
version 17.9
service timestamps debug datetime msec
!
hostname edge1
!
vrf definition handmade
 description customer-owned
 !
 address-family ipv4
 exit-address-family
!
archive
 path flash:archive
 maximum 5
!
username admin privilege 15 secret 9 $9$abc
!
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
!
interface GigabitEthernet2
 no ip address
!
interface GigabitEthernet2.20
 description hand-made
 encapsulation dot1Q 20
 vrf forwarding handmade
 ip address 172.16.20.1 255.255.255.0
!
ip nat inside source static 172.16.20.5 198.51.100.5
ip route 0.0.0.0 0.0.0.0 203.0.113.1
!
ip access-list standard CUSTOMER-ACL
 10 permit 172.16.20.0 0.0.0.255
!
line vty 0 4
 login local
 transport input ssh
!
end
`;

export const SEED_INTENDED = readFileSync(new URL('../fixtures/render/seed.cfg', import.meta.url), 'utf8');

export interface DeployWorld {
  lab: LabRouter;
  dir: string;
  repo: string;
  remote: string;
  env: NodeJS.ProcessEnv;
  /** Runs the real CLI against this repo and router. */
  cli(...args: string[]): Promise<CliResult>;
  /** Every output of the CLI so far (for the secrets check). */
  outputs: string[];
  /** The router's running-config, read through a second SSH session (the device driver). */
  running(): Promise<string>;
  /** Whether a rollback-confirmed change is pending, asked through a second SSH session. */
  pendingRollback(): Promise<PendingRollback>;
  /** A second SSH session to the router (another writer, or an independent reader); closed by the test's end. */
  session(): Promise<Device>;
  /** Starts the real CLI as a child process the test can signal and read while it runs. */
  spawn(args: string[], options?: { env?: NodeJS.ProcessEnv }): RunningCli;
  /** Commits routers/edge1/intended.cfg with this text; returns the commit. */
  commitIntended(text: string, message?: string): string;
  /** The records branch's file, or null. */
  recordFile(path: string): string | null;
  /** The newest deploy record of edge1. */
  lastRecord(): Record<string, any>;
}

export async function deployWorld(t: TestContext, lab: LabOptions = {}, settingsYaml = ''): Promise<DeployWorld> {
  const tmp = tempDir('deploy');
  const router = await startLab({ port: 0, configText: ROUTER_CONFIG, password: PASSWORD, enableSecret: ENABLE, ...lab });
  t.after(async () => {
    await router.close();
    tmp.remove();
  });
  const remote = join(tmp.dir, 'remote.git');
  const repo = initRepo(join(tmp.dir, 'repo'));
  git(repo, 'remote', 'add', 'origin', initBare(remote));
  const secrets = join(tmp.dir, 'secrets');
  mkdirSync(secrets, { mode: 0o700 });
  writeFileSync(join(secrets, 'ios_pass'), `${PASSWORD}\n`, { mode: 0o600 });
  writeFileSync(
    join(repo, 'translator.yaml'),
    `deploy:\n  lockDir: ${JSON.stringify(join(tmp.dir, 'locks'))}\n  timeouts: { loginMs: 4000, commandMs: 5000, lineMs: 5000 }\n${settingsYaml}`,
  );
  git(repo, 'add', 'translator.yaml');
  git(repo, 'commit', '-q', '-m', 'settings');
  const env: NodeJS.ProcessEnv = {
    IOS_MGMT_IP: router.host,
    IOS_MGMT_PORT: String(router.port),
    IOS_USER: 'admin',
    IOS_PASS_FILE: join(secrets, 'ios_pass'),
    IOS_ENABLE_PASS: ENABLE,
    IOS_HOST_KEY_FINGERPRINT: router.hostKeyFingerprint,
    INSIDE_INTERFACE: 'GigabitEthernet2',
    OUTSIDE_INTERFACE: 'GigabitEthernet1',
  };
  const outputs: string[] = [];
  const session = async () => {
    const device = await connectDevice({
      name: 'edge1',
      host: router.host,
      port: router.port,
      username: 'admin',
      password: new Secret(PASSWORD),
      enablePassword: new Secret(ENABLE),
      hostKey: { fingerprint: router.hostKeyFingerprint },
    });
    t.after(() => device.close());
    return device;
  };
  const withSession = async <T>(op: (device: Device) => Promise<T>): Promise<T> => {
    const device = await session();
    try {
      return await op(device);
    } finally {
      await device.close();
    }
  };
  const world: DeployWorld = {
    lab: router,
    dir: tmp.dir,
    repo,
    remote,
    env,
    outputs,
    async cli(...args) {
      const result = await runCli([...args, '--repo', repo], { env, timeoutMs: 120_000 });
      outputs.push(result.stdout, result.stderr);
      return result;
    },
    running: () => withSession((d) => d.getRunningConfig()),
    pendingRollback: () => withSession((d) => d.pendingRollback()),
    session,
    spawn(args, options = {}) {
      const cli = spawnCli([...args, '--repo', repo], { ...env, ...options.env });
      t.after(() => cli.child.kill('SIGKILL'));
      return cli;
    },
    commitIntended(text, message = 'intended') {
      mkdirSync(join(repo, 'routers/edge1'), { recursive: true });
      writeFileSync(join(repo, 'routers/edge1/intended.cfg'), text);
      git(repo, 'add', 'routers/edge1/intended.cfg');
      git(repo, 'commit', '-q', '--allow-empty', '-m', message);
      return git(repo, 'rev-parse', 'HEAD').trim();
    },
    recordFile(path) {
      try {
        return git(repo, 'show', `translator/records:${path}`);
      } catch {
        return null;
      }
    },
    lastRecord() {
      const log = world.recordFile('routers/edge1/deploys.log');
      assert.ok(log, 'a deploy log exists on the records branch');
      const id = log.trim().split('\n').at(-1)!.split(/\s{2,}/)[5]!;
      return JSON.parse(world.recordFile(`deploys/edge1/${id}.json`)!);
    },
  };
  return world;
}

/** Commits `intended` and deploys it to edge1 in this process (runDeploys: the whole contract), with `more` of the batch. */
export async function deployInProcess(w: DeployWorld, intended: string, more: Partial<DeployBatch> = {}) {
  const commit = w.commitIntended(intended);
  const { outcomes } = await runDeploys({
    repo: await GitOpsRepo.open(w.repo),
    settings: loadSettings({ repo: w.repo, env: w.env }),
    routers: ['edge1'],
    kind: 'deploy',
    refFor: async () => ({ ref: 'main', commit }),
    overrides: {},
    env: w.env,
    ...more,
  });
  return outcomes[0]!;
}

const ENTRY = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

export interface RunningCli {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once the CLI's stderr matches `pattern` (rejects if it exits first). */
  waitFor(pattern: RegExp): Promise<void>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** The real CLI (tsx entry point) with only the given environment, its output collected as it comes. */
function spawnCli(args: string[], env: NodeJS.ProcessEnv): RunningCli {
  const child = spawn(process.execPath, ['--import', 'tsx', ENTRY, ...args], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiting: { pattern: RegExp; resolve: () => void; reject: (e: Error) => void }[] = [];
  const check = () => {
    for (const w of [...waiting]) {
      if (w.pattern.test(err)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve();
      }
    }
  };
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => {
    err += d.toString();
    check();
  });
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  void exit.then(() => {
    for (const w of waiting.splice(0)) w.reject(new Error(`the CLI exited before printing ${w.pattern}:\n${err}`));
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    waitFor: (pattern) =>
      new Promise<void>((resolve, reject) => {
        waiting.push({ pattern, resolve, reject });
        check();
      }),
    exit,
  };
}

/** Polls `condition` every 10 ms until it holds (the test's own timeout bounds it). */
export async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((r) => setTimeout(r, 10));
}

/** The owned lines of the seed, as the router prints them. */
export const SEED_LINES = [
  /^vrf definition mytenant$/m,
  /^ description translator: mytenant$/m,
  /^interface GigabitEthernet2\.10$/m,
  /^ vrf forwarding mytenant$/m,
  /^ ip address 192\.168\.1\.254 255\.255\.255\.0$/m,
  /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m,
  /^ip nat inside source list TRANSLATOR-NAT-mytenant interface GigabitEthernet1 vrf mytenant overload$/m,
  /^ip access-list standard TRANSLATOR-NAT-mytenant$/m,
  /^route-map TRANSLATOR-EGRESS permit 10$/m,
];

/** Asserts the hand-made look-alikes are exactly as loaded. */
export function assertLookalikesUntouched(running: string): void {
  for (const block of ['vrf definition handmade\n description customer-owned', 'interface GigabitEthernet2.20\n description hand-made\n encapsulation dot1Q 20\n vrf forwarding handmade\n ip address 172.16.20.1 255.255.255.0', 'ip nat inside source static 172.16.20.5 198.51.100.5', 'ip access-list standard CUSTOMER-ACL\n 10 permit 172.16.20.0 0.0.0.255']) {
    assert.ok(running.includes(block), `unowned config untouched: ${block.split('\n')[0]}`);
  }
}

/** The owned part of a running-config is absent (the old state of a fresh router). */
export function assertNoOwnedConfig(running: string): void {
  assert.doesNotMatch(running, /translator:|TRANSLATOR-|vrf mytenant|GigabitEthernet2\.10/);
}
