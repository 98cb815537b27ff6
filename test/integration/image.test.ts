/**
 * The Dockerfile, built and run for real on a private dockerd (no image registry is reachable
 * here): a Node.js base image made from this machine's Debian packages (helpers/node-base-image),
 * `npm ci` through a mirror of the host's npm cache (helpers/npm-mirror), then the image runs
 * `translator --help`, renders the seed's example from the engine whose socket it is given,
 * commits it into a mounted GitOps repository, and runs as the seed's `docker run` does:
 * the default `watch` following Docker events until `docker stop`, and with a router (the
 * lab router, run from the same image) deploying each change to it. Along the way it checks what
 * the image promises an operator: a non-root user (uid 10001, the socket reached through
 * --group-add), tini as PID 1, the HEALTHCHECK reported healthy by Docker, the OCI labels, and
 * that a remote URL with a credential in it is refused before anything is cloned.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chownSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../helpers/cli.js';
import { privateEngine } from '../helpers/docker-engine.js';
import { buildTranslatorImage, IMAGE_BUILD_ARGS, imagePrerequisitesMet } from '../helpers/translator-image.js';

const run = promisify(execFile);
const IMAGE = 'local/translator:test';
/** The image's user: GitOps repositories and the lab's state directory must be its own. */
const IMAGE_UID = 10001;
const SEED_CFG = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'render', 'seed.cfg'), 'utf8');
const SEED_ENV = ['-e', 'INSIDE_INTERFACE=GigabitEthernet2', '-e', 'OUTSIDE_INTERFACE=GigabitEthernet1'];
const LAB_PASS = 'image-test-Pa55';
const LAB_ENABLE = 'image-test-En4ble';
/** The router the seed assumes: Gi1 outside, Gi2 inside, the archive feature for the revert timer. */
const LAB_CONFIG = 'hostname edge1\n!\narchive\n path flash:archive\n maximum 5\n!\ninterface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n!\ninterface GigabitEthernet2\n no ip address\n!\nend\n';

test('container image: built from the Dockerfile on a local base, runs the CLI against Docker', { timeout: 15 * 60_000 }, async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  if (!imagePrerequisitesMet(t)) return;
  await buildTranslatorImage(engine, IMAGE);

  await t.test('what the image is: a non-root user, tini as entrypoint, a HEALTHCHECK on /healthz, OCI labels', async () => {
    const config = JSON.parse(await engine.docker('image', 'inspect', '-f', '{{json .Config}}', IMAGE)) as {
      User: string; Entrypoint: string[]; Cmd: string[]; Healthcheck: { Test: string[] }; Labels: Record<string, string>;
    };
    assert.equal(config.User, `${IMAGE_UID}:${IMAGE_UID}`);
    assert.deepEqual(config.Entrypoint, ['/usr/bin/tini', '--', '/app/docker/entrypoint.sh']);
    assert.deepEqual(config.Cmd, ['watch']);
    assert.equal(config.Healthcheck.Test[0], 'CMD');
    assert.match(config.Healthcheck.Test.join(' '), /http:\/\/127\.0\.0\.1:9180\/healthz/);
    const oci = (key: string) => config.Labels[`org.opencontainers.image.${key}`];
    assert.deepEqual(
      [oci('title'), oci('licenses'), oci('version'), oci('revision'), oci('created'), oci('source'), oci('base.name')],
      ['translator', 'Apache-2.0', IMAGE_BUILD_ARGS.VERSION, IMAGE_BUILD_ARGS.REVISION, IMAGE_BUILD_ARGS.CREATED, IMAGE_BUILD_ARGS.SOURCE, 'local/node-base:test'],
    );
    assert.match(oci('description') ?? '', /IOS XE/);
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
  // Not root: the Docker socket is reached through its group, as the README says (--group-add).
  const seedRun = ['run', '--rm', '--net=host', '-v', `${socket}:/var/run/docker.sock`, '--group-add', String(statSync(socket).gid), ...SEED_ENV];

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

  await t.test('TRANSLATOR_REPO_URL: the repository is cloned from its remote at start and commits go back; a credential in the URL is refused', async (tt) => {
    // Filled as root first (git's receive-pack refuses a repository of another user), then handed over.
    const remote = await mkdtemp(join(tmpdir(), 'translator-image-remote-'));
    tt.after(() => rm(remote, { recursive: true, force: true }));
    await git(remote, 'init', '-q', '--bare', '-b', 'main');
    const scratch = await gitopsRepo(tt);
    await writeFile(join(scratch, 'README.md'), 'edge config\n');
    await git(scratch, 'add', 'README.md');
    await git(scratch, 'commit', '-q', '-m', 'start');
    await git(scratch, 'push', '-q', remote, 'main');
    await run('chown', ['-R', `${IMAGE_UID}:${IMAGE_UID}`, remote]);

    const output = await engine.docker(...seedRun, '-v', `${remote}:/srv/edge.git`, '-e', 'TRANSLATOR_REPO_URL=file:///srv/edge.git', IMAGE, 'commit', '--push');
    assert.match(output, /^committed [0-9a-f]{12} /m);
    assert.equal(await git(remote, 'show', 'main:routers/edge1/intended.cfg'), SEED_CFG, 'the commit reached the remote');
    assert.equal(await git(remote, 'show', 'main:README.md'), 'edge config\n', 'on top of what the remote had');

    await engine.docker('run', '--name', 'cloner', '-e', 'TRANSLATOR_REPO_URL=https://ops:hunter2@git.example.invalid/edge.git', IMAGE, 'render').catch(() => undefined);
    tt.after(() => engine.docker('rm', '-f', 'cloner').catch(() => undefined));
    assert.equal(await engine.docker('inspect', '-f', '{{.State.ExitCode}}', 'cloner'), '64');
    const { stdout, stderr } = await run('docker', ['logs', 'cloner'], { env: engine.env });
    const said = `${stdout}${stderr}`;
    assert.match(said, /TRANSLATOR_REPO_URL has a credential in it/);
    assert.ok(!said.includes('hunter2'), 'the message does not repeat it');
  });

  await t.test('the default command, `watch`: commits at start and on Docker events, as uid 10001 under tini, healthy by its HEALTHCHECK, stops on docker stop', async (tt) => {
    const repo = await gitopsRepo(tt);
    const seedDaemon = seedRun.filter((arg) => arg !== '--rm');
    // The image's own check, asked every second instead of every 30 s so the test need not wait.
    await engine.docker(...seedDaemon, '-d', '--name', 'translator', '--health-interval', '1s', '-v', `${repo}:/repo`, IMAGE);
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
    const healthStatus = () => engine.docker('inspect', '-f', '{{.State.Health.Status}}', 'translator');
    await until(async () => (await healthStatus()) === 'healthy', 'docker to report the container healthy', async () =>
      `${await engine.docker('inspect', '-f', '{{json .State.Health}}', 'translator')}\n${await logs()}`);

    const inContainer = (path: string) => engine.docker('exec', 'translator', 'cat', path);
    assert.equal(await inContainer('/proc/1/comm'), 'tini', 'tini is PID 1');
    const child = (await inContainer('/proc/1/task/1/children')).trim();
    assert.match(await inContainer(`/proc/${child}/cmdline`), /\/translator\0watch\0$/, 'tini\'s child is translator watch');
    for (const pid of ['1', child]) {
      assert.match(await inContainer(`/proc/${pid}/status`), new RegExp(`^Uid:\\t${IMAGE_UID}\\t${IMAGE_UID}\\t`, 'm'), `process ${pid} runs as uid ${IMAGE_UID}`);
    }

    await engine.docker('stop', '-t', '20', 'translator');
    assert.equal(await engine.docker('inspect', '-f', '{{.State.ExitCode}}', 'translator'), '0', await logs());
  });

  await t.test('the seed\'s docker run with a router: watch (deploy policy auto) deploys to the lab router, run from the same image', async (tt) => {
    // The lab router is part of the product: `translator lab`, here in a container on the engine's loopback.
    const labDir = await imageUserDir(tt, 'translator-image-lab-');
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

/** An empty Git repository with an identity, the image user's (as the README asks), removed when `t` ends. */
async function gitopsRepo(t: TestContext): Promise<string> {
  const repo = await imageUserDir(t, 'translator-image-repo-');
  await git(repo, 'init', '-q', '-b', 'main');
  await git(repo, 'config', 'user.name', 'image test');
  await git(repo, 'config', 'user.email', 'image-test@localhost');
  await run('chown', ['-R', `${IMAGE_UID}:${IMAGE_UID}`, repo]);
  return repo;
}

/** A temporary directory owned by the image's user, removed when `t` ends. */
async function imageUserDir(t: TestContext, prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  t.after(() => rm(dir, { recursive: true, force: true }));
  chownSync(dir, IMAGE_UID, IMAGE_UID);
  return dir;
}

/** Polls `condition` (every 200 ms, at most 60 s); on time-out fails with `what` and the daemon's log. */
async function until(condition: () => Promise<boolean>, what: string, log: () => Promise<string>): Promise<void> {
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.fail(`waited in vain for ${what}; daemon log:\n${(await log()).split('\n').slice(-20).join('\n')}`);
}

/** git as root on repositories the image's user owns (git would refuse them as of dubious ownership). */
async function git(cwd: string, ...args: string[]): Promise<string> {
  return (await run('git', ['-c', 'safe.directory=*', ...args], { cwd })).stdout;
}
