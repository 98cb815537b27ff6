/**
 * The Dockerfile, built and run for real on a private dockerd (no image registry is reachable
 * here): a Node.js base image made from this machine's Debian packages (helpers/node-base-image),
 * `npm ci` through a mirror of the host's npm cache (helpers/npm-mirror), then the image runs
 * `translator --help`, renders the seed's example from the engine whose socket it is given,
 * commits it into a mounted GitOps repository, and runs as the seed's `docker run` does:
 * the default `watch` following Docker events until `docker stop`, and with a router (the
 * lab router, run from the same image) deploying each change to it.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/cli.js';
import { privateEngine, type PrivateEngine } from '../helpers/docker-engine.js';
import { importNodeBaseImage, missingBaseImagePrerequisites, NODE_BASE_IMAGE } from '../helpers/node-base-image.js';
import { missingTarballs, npmCacheDir, startNpmMirror } from '../helpers/npm-mirror.js';

const run = promisify(execFile);
const IMAGE = 'local/translator:test';
const SEED_CFG = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'render', 'seed.cfg'), 'utf8');
const SEED_ENV = ['-e', 'INSIDE_INTERFACE=GigabitEthernet2', '-e', 'OUTSIDE_INTERFACE=GigabitEthernet1'];
const LAB_PASS = 'image-test-Pa55';
const LAB_ENABLE = 'image-test-En4ble';
/** The router the seed assumes: Gi1 outside, Gi2 inside, the archive feature for the revert timer. */
const LAB_CONFIG = 'hostname edge1\n!\narchive\n path flash:archive\n maximum 5\n!\ninterface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n!\ninterface GigabitEthernet2\n no ip address\n!\nend\n';

test('container image: built from the Dockerfile on a local base, runs the CLI against Docker', { timeout: 15 * 60_000 }, async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  if (!prerequisitesMet(t)) return;

  await importNodeBaseImage(engine);
  const mirror = await startNpmMirror({
    netns: engine.netns,
    lockfile: join(REPO_ROOT, 'package-lock.json'),
    cacheDir: npmCacheDir(),
    cwd: REPO_ROOT,
  });
  t.after(() => mirror.stop());
  await build(engine, mirror.url).catch((error: Error) => {
    const misses = mirror.notFound.length ? `\nnpm mirror could not answer: ${mirror.notFound.join(', ')}` : '';
    throw new Error(`${error.message}${misses}`);
  });

  await t.test('`translator --help` lists the commands', async () => {
    const help = await engine.docker('run', '--rm', '--net=none', IMAGE, '--help');
    assert.match(help, /^Usage: translator /m);
    for (const command of ['render', 'commit', 'plan', 'deploy', 'drift', 'watch', 'lab']) assert.match(help, new RegExp(`^  ${command}\\b`, 'm'));
  });

  // The seed's example on the private engine.
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');
  const socket = engine.host.replace(/^unix:\/\//, '');
  const seedRun = ['run', '--rm', '--net=host', '-v', `${socket}:/var/run/docker.sock`, ...SEED_ENV];

  await t.test('renders the seed from the Docker socket it is given, as in the seed\'s docker run', async () => {
    const rendered = await engine.docker(...seedRun, IMAGE, 'render', '--stdout');
    assert.equal(`${rendered}\n`, SEED_CFG);
  });

  await t.test('`commit` commits into the GitOps repository mounted at /repo (git in the image)', async (tt) => {
    const repo = await gitopsRepo(tt);
    const output = await engine.docker(...seedRun, '-v', `${repo}:/repo`, IMAGE, 'commit');
    assert.match(output, /^committed [0-9a-f]{12} /m);
    assert.equal(await git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), SEED_CFG);
    assert.equal(await git(repo, 'status', '--porcelain'), '', 'the commit leaves a clean work tree');
  });

  await t.test('the default command, `watch`, commits at start and on Docker events, serves /healthz, stops on docker stop', async (tt) => {
    const repo = await gitopsRepo(tt);
    const seedDaemon = seedRun.filter((arg) => arg !== '--rm');
    await engine.docker(...seedDaemon, '-d', '--name', 'translator', '-v', `${repo}:/repo`, IMAGE);
    tt.after(() => engine.docker('rm', '-f', 'translator').catch(() => undefined));
    const intended = () => git(repo, 'show', 'HEAD:routers/edge1/intended.cfg').catch(() => '');
    const logs = () => engine.docker('logs', 'translator').catch((error: Error) => error.message);

    await until(async () => (await intended()) === SEED_CFG, 'the seed committed at start', logs);
    await engine.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
    await until(async () => (await intended()).includes('ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant\n'), 'the new container committed', logs);
    assert.equal((await git(repo, 'rev-list', '--count', 'HEAD')).trim(), '2', 'one commit at start, one for the event');

    // --net=host: the daemon's HTTP server is on the engine namespace's loopback.
    const health = () =>
      engine.inNetns(process.execPath, '-e', 'fetch("http://127.0.0.1:9180/healthz").then((r) => console.log(r.status), () => console.log("down"))');
    await until(async () => (await health()) === '200', '/healthz answering 200', logs);

    await engine.docker('stop', '-t', '20', 'translator');
    assert.equal(await engine.docker('inspect', '-f', '{{.State.ExitCode}}', 'translator'), '0', await logs());
  });

  await t.test('the seed\'s docker run with a router: watch (deploy policy auto) deploys to the lab router, run from the same image', async (tt) => {
    // The lab router is part of the product: `translator lab`, here in a container on the engine's loopback.
    const labDir = await mkdtemp(join(tmpdir(), 'translator-image-lab-'));
    tt.after(() => rm(labDir, { recursive: true, force: true }));
    await writeFile(join(labDir, 'initial.cfg'), LAB_CONFIG);
    const credentials = ['-e', 'IOS_USER=admin', '-e', `IOS_PASS=${LAB_PASS}`, '-e', `IOS_ENABLE_PASS=${LAB_ENABLE}`];
    await engine.docker('run', '-d', '--name', 'lab', '--net=host', '-v', `${labDir}:/lab`, ...credentials, IMAGE,
      'lab', '--listen', '127.0.0.1:2222', '--config', '/lab/initial.cfg', '--state', '/lab/startup.cfg');
    tt.after(() => engine.docker('rm', '-f', 'lab').catch(() => undefined));
    const labLog = () => engine.docker('logs', 'lab').catch((error: Error) => error.message);
    let fingerprint = '';
    await until(async () => {
      fingerprint = /^host key (SHA256:\S+)$/m.exec(await labLog())?.[1] ?? '';
      return fingerprint !== '';
    }, 'the lab router to listen', labLog);

    const repo = await gitopsRepo(tt);
    await writeFile(join(repo, 'translator.yaml'), 'watch:\n  deploy:\n    policy: auto\n');
    await engine.docker(...seedRun.filter((arg) => arg !== '--rm'), '-d', '--name', 'translator', '-v', `${repo}:/repo`,
      '-e', 'IOS_MGMT_IP=127.0.0.1', '-e', 'IOS_MGMT_PORT=2222', '-e', `IOS_HOST_KEY_FINGERPRINT=${fingerprint}`, ...credentials, IMAGE);
    tt.after(() => engine.docker('rm', '-f', 'translator').catch(() => undefined));
    const logs = () => engine.docker('logs', 'translator').catch((error: Error) => error.message);
    // A confirmed deploy ends with `write memory` (save on-change): the lab writes its startup-config.
    const startup = () => readFile(join(labDir, 'startup.cfg'), 'utf8').catch(() => '');

    await until(async () => (await startup()).includes('ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant'), 'the seed on the router', logs);
    await engine.docker('run', '-d', '--name', 'db', '--net=mytenant', '--ip=192.168.1.3', '-l', 'global_ip=10.0.1.3', engine.image, 'sleep', '600');
    await until(async () => (await startup()).includes('ip nat inside source static 192.168.1.3 10.0.1.3 vrf mytenant'), 'the new container\'s NAT on the router', logs);
    for (const line of SEED_CFG.split('\n').filter((l) => /^(vrf definition|interface GigabitEthernet2\.10|ip access-list|route-map)/.test(l))) {
      assert.ok((await startup()).includes(line), `router has ${line}`);
    }
    assert.match(await git(repo, 'show', 'translator/records:routers/edge1/live.json'), /"commit"/, 'the deploy is recorded');
    const daemonLog = await logs();
    assert.ok(!daemonLog.includes(LAB_PASS) && !daemonLog.includes(LAB_ENABLE), 'no secret in the daemon\'s log');

    await engine.docker('stop', '-t', '20', 'translator');
    assert.equal(await engine.docker('inspect', '-f', '{{.State.ExitCode}}', 'translator'), '0', await logs());
  });
});

/** Prerequisites beyond the engine; outside CI a missing one skips with its reason, in CI it fails. */
function prerequisitesMet(t: TestContext): boolean {
  const cacheDir = npmCacheDir();
  const uncached = existsSync(cacheDir) ? missingTarballs(REPO_ROOT, cacheDir) : ['(no npm cache)'];
  const missing = [
    missingBaseImagePrerequisites(),
    uncached.length ? `npm cache ${cacheDir} lacks ${uncached.slice(0, 5).join(', ')}${uncached.length > 5 ? ', …' : ''} (run npm ci)` : null,
  ].filter((reason): reason is string => reason !== null);
  if (missing.length === 0) return true;
  const reason = `cannot build the image: ${missing.join('; ')}`;
  if (process.env.CI) throw new Error(reason);
  t.skip(reason);
  return false;
}

/** `docker build` of the repository with the local base and the npm mirror (legacy builder, host network of the engine). */
async function build(engine: PrivateEngine, registry: string): Promise<void> {
  const args = [
    'build', '--network', 'host', '--force-rm',
    '--build-arg', `BASE_IMAGE=${NODE_BASE_IMAGE}`,
    '--build-arg', `NPM_CONFIG_REGISTRY=${registry}`,
    '-t', IMAGE, REPO_ROOT,
  ];
  try {
    await run(dockerCli(), args, { env: { ...engine.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 64 * 2 ** 20, timeout: 10 * 60_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`docker build failed:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n')}`);
  }
}

/** An empty Git repository with an identity, removed when `t` ends. */
async function gitopsRepo(t: TestContext): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'translator-image-repo-'));
  t.after(() => rm(repo, { recursive: true, force: true }));
  await git(repo, 'init', '-q', '-b', 'main');
  await git(repo, 'config', 'user.name', 'image test');
  await git(repo, 'config', 'user.email', 'image-test@localhost');
  return repo;
}

/** Polls `condition` (every 200 ms, at most 60 s); on time-out fails with `what` and the daemon's log. */
async function until(condition: () => Promise<boolean>, what: string, log: () => Promise<string>): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`waited in vain for ${what}; daemon log:\n${(await log()).split('\n').slice(-20).join('\n')}`);
}

async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', args, { cwd })).stdout;
}

function dockerCli(): string {
  return ['/usr/bin/docker', '/usr/local/bin/docker'].find((path) => existsSync(path)) ?? 'docker';
}
