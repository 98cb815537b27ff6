/**
 * translator as a Swarm service: repo-example/translator-stack.yml deployed verbatim with
 * `docker stack deploy` onto a private two-node swarm (helpers/swarm), with the image built from
 * the Dockerfile on the manager (helpers/translator-image; no registry here).
 *
 * Networking: each node's dockerd lives in its own network namespace. The stack puts the service
 * on the manager's host network, so everything it talks to is served inside the manager's
 * namespace, on its loopback: the GitOps remote (`git daemon`, git://127.0.0.1:9418) and the
 * router (the lab router, `translator lab`, 127.0.0.1:2222), both started by this test with
 * nsenter. The test itself reads and writes the remote's bare repository by its path.
 *
 * It checks what the stack file promises: one replica, on a manager, as uid 10001 with the
 * socket's group, credentials from Docker secrets (`*_FILE`), the repository cloned from the
 * remote, commits and deploy records pushed back, healthy by the image's HEALTHCHECK. And that
 * two translators never deploy to one router at once: while a CI-style holder has the router's
 * lease on the remote (src/deploy/lease.ts, as `translator deploy` takes it), the daemon's deploy
 * is refused naming the holder; once it is released, the daemon deploys again.
 */
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { parseDocument } from 'yaml';
import { RemoteLeases } from '../../src/deploy/lease.js';
import { Git } from '../../src/gitops/git.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { dockerCli, tool } from '../helpers/docker-engine.js';
import { cloneRepo, git, initBare, initRepo, tempDir } from '../helpers/git.js';
import { privateSwarm, type SwarmNode } from '../helpers/swarm.js';
import { buildTranslatorImage, imagePrerequisitesMet } from '../helpers/translator-image.js';

const run = promisify(execFile);
const IMAGE = 'local/translator:stack';
const STACK = 'translator';
const SERVICE = `${STACK}_watch`;
const CREDENTIALS = { user: 'netops', pass: 'stack-Pa55', enable: 'stack-En4ble' };
const ROUTER_CONFIG = 'hostname edge1\n!\narchive\n path flash:archive\n maximum 5\n!\ninterface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n!\ninterface GigabitEthernet2\n no ip address\n!\nend\n';

/** A long-running process inside `node`'s network namespace, stopped (by its pid) when the test ends. */
function inNamespace(node: SwarmNode, command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
  return spawn(tool('nsenter'), [`--net=/run/netns/${node.netns}`, command, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}

/** The lines of the records branch's deploy log on the remote, or [] before the first. */
function deployLog(remote: string): string[] {
  try {
    return git(remote, 'show', 'translator/records:routers/edge1/deploys.log').split('\n').filter(Boolean);
  } catch {
    return [];
  }
}

test('the Swarm stack: translator watch as a service commits, deploys and respects the deploy lease', { timeout: 20 * 60_000 }, async (t) => {
  const swarm = await privateSwarm(t, { managers: 1, workers: 1 });
  if (!swarm) return;
  if (!imagePrerequisitesMet(t)) return;
  const manager = swarm.leader;
  await buildTranslatorImage(manager, IMAGE);
  const tmp = tempDir('stack');
  t.after(() => tmp.remove());

  // The router, in the manager's namespace.
  const labDir = join(tmp.dir, 'lab');
  mkdirSync(labDir);
  writeFileSync(join(labDir, 'initial.cfg'), ROUTER_CONFIG);
  const lab = inNamespace(manager, process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src', 'cli', 'main.ts'), 'lab', '--listen', '127.0.0.1:2222',
    '--config', join(labDir, 'initial.cfg'), '--state', join(labDir, 'startup.cfg')],
  { ...process.env, LAB_USER: CREDENTIALS.user, LAB_PASS: CREDENTIALS.pass, LAB_ENABLE_PASS: CREDENTIALS.enable });
  t.after(() => stopProcess(lab));
  const fingerprint = await new Promise<string>((resolve, reject) => {
    let said = '';
    lab.stderr!.on('data', (chunk) => (said += chunk));
    lab.once('exit', (code) => reject(new Error(`the lab router exited (${code}): ${said}`)));
    createInterface({ input: lab.stdout! }).on('line', (line) => {
      const key = /^host key (SHA256:\S+)$/.exec(line)?.[1];
      if (key) resolve(key);
    });
  });

  // The GitOps repository: repo-example's settings pointed at this router, deploy policy auto; on a remote.
  const remote = join(tmp.dir, 'remote', 'gitops.git');
  initBare(remote);
  const seed = initRepo(join(tmp.dir, 'seed'));
  const settings = parseDocument(readFileSync(join(REPO_ROOT, 'repo-example', 'translator.yaml'), 'utf8'));
  settings.setIn(['routers', 0, 'host'], '127.0.0.1');
  settings.setIn(['routers', 0, 'port'], 2222);
  settings.setIn(['routers', 0, 'hostKey'], { fingerprint });
  settings.setIn(['watch', 'deploy', 'policy'], 'auto');
  writeFileSync(join(seed, 'translator.yaml'), settings.toString());
  git(seed, 'add', 'translator.yaml');
  git(seed, 'commit', '-q', '-m', 'settings');
  git(seed, 'push', '-q', remote, 'main');
  const daemon = inNamespace(manager, 'git', ['daemon', '--reuseaddr', '--export-all', '--enable=receive-pack', `--base-path=${join(tmp.dir, 'remote')}`,
    '--listen=127.0.0.1', '--port=9418', join(tmp.dir, 'remote')]);
  t.after(() => stopProcess(daemon));
  await swarm.waitFor('git daemon in the manager\'s namespace', async () =>
    (await manager.inNetns('git', 'ls-remote', 'git://127.0.0.1:9418/gitops.git').catch(() => '')).includes('refs/heads/main'), 20_000);

  // Docker state on the swarm: the seed's tenant as a swarm-scoped macvlan network, and a service with a floating IP.
  await swarm.configOnly('mt-conf', { subnet: '192.168.1.0/24', gateway: '192.168.1.254', parent: 'eth1.10' });
  await swarm.docker('network', 'create', '-d', 'macvlan', '--scope', 'swarm', '--config-from', 'mt-conf', 'mytenant');
  await swarm.docker('service', 'create', '--detach', '--name', 'web', '--network', 'name=mytenant', '--constraint', 'node.role==manager',
    '--label', 'global_ip=10.0.1.1', '--container-label', 'global_ip=10.0.1.1', manager.image, 'sleep', '3600');

  // The secrets the stack file names, and the stack, deployed as the file's header says.
  for (const [name, value] of Object.entries({ edge1_user: CREDENTIALS.user, edge1_pass: CREDENTIALS.pass, edge1_enable_pass: CREDENTIALS.enable,
    gitops_deploy_key: 'unused: the test remote is git://', gitops_known_hosts: 'unused' })) {
    writeFileSync(join(tmp.dir, name), value);
    await swarm.docker('secret', 'create', name, join(tmp.dir, name));
  }
  const socket = manager.host.replace(/^unix:\/\//, '');
  const stackEnv = { ...manager.env, TRANSLATOR_IMAGE: IMAGE, GITOPS_REMOTE: 'git://127.0.0.1:9418/gitops.git', DOCKER_GID: String(statSync(socket).gid), DOCKER_SOCKET: socket };
  const deploy = (env: NodeJS.ProcessEnv) => run(dockerCli() ?? 'docker', ['stack', 'deploy', '--resolve-image', 'never', '-c', join(REPO_ROOT, 'repo-example', 'translator-stack.yml'), STACK], { env });
  for (const variable of ['TRANSLATOR_IMAGE', 'GITOPS_REMOTE', 'DOCKER_GID'] as const) {
    const { [variable]: _unset, ...rest } = stackEnv;
    const refused = await deploy(rest).then(() => assert.fail(`deployed without ${variable}`), (error: { stdout?: string; stderr?: string }) => `${error.stdout}${error.stderr}`);
    assert.match(refused, new RegExp(`required variable ${variable} is missing a value: set ${variable} to `), `${variable} unset is refused, with its own message`);
  }
  await deploy(stackEnv);
  t.after(() => swarm.docker('stack', 'rm', STACK).then(() => undefined, () => undefined));

  const container = () => swarm.docker('ps', '-q', '--filter', `label=com.docker.swarm.service.name=${SERVICE}`, '--filter', 'status=running').then((id) => id.split('\n')[0] || undefined);
  const logs = async () => {
    const id = await container();
    if (!id) return `(no container) ${await swarm.docker('service', 'ps', '--no-trunc', SERVICE).catch((e: Error) => e.message)}`;
    const { stdout, stderr } = await run(dockerCli() ?? 'docker', ['logs', '--tail', '40', id], { env: manager.env }).catch((e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? '' }));
    return `${stdout}${stderr}`;
  };
  const waitFor = <T>(what: string, condition: () => Promise<T | undefined | false>, ms = 120_000) =>
    swarm.waitFor(what, condition, ms).catch(async (error: Error) => assert.fail(`${error.message}\nservice log:\n${await logs()}`));

  await t.test('one replica, on the manager, as uid 10001 with the socket\'s group, secrets as files, healthy', async () => {
    const id = await waitFor('the service\'s container running', container);
    assert.deepEqual((await swarm.docker('service', 'ps', '--filter', 'desired-state=running', '--format', '{{.Node}}', SERVICE)).split('\n'), [manager.name]);
    assert.equal(await swarm.docker('exec', id, 'cat', '/proc/1/comm'), 'tini');
    assert.match(await swarm.docker('exec', id, 'cat', '/proc/1/status'), new RegExp(`^Uid:\\t10001\\t.*\\nGid:\\t${stackEnv.DOCKER_GID}\\t`, 'm'));
    assert.equal(await swarm.docker('exec', id, 'stat', '-c', '%u %a', '/run/secrets/gitops_deploy_key'), '10001 400', 'the deploy key: the user\'s alone');
    assert.equal(await swarm.docker('exec', id, 'cat', '/run/secrets/edge1_pass'), CREDENTIALS.pass);
    await waitFor('docker to report the task healthy (HEALTHCHECK on /healthz)', async () =>
      (await swarm.docker('inspect', '-f', '{{.State.Health.Status}}', id)) === 'healthy', 180_000);
  });

  await t.test('it cloned the remote, committed what the manager\'s Docker shows and pushed it; it deployed and pushed the record', async () => {
    const committed = await waitFor('a commit of the daemon on the remote', async () => {
      const log = git(remote, 'log', '--format=%an %s', 'main').trim().split('\n');
      return log.length > 1 ? log : undefined;
    });
    assert.match(committed[0]!, /^translator /, 'authored as translator.yaml says');
    // The stack's translator reads the manager's socket, so the swarm: its tenant, and web's task
    // (on the manager, whose own engine gives the address) as the static NAT of that address.
    const task = await swarm.docker('ps', '-q', '--filter', 'label=com.docker.swarm.service.name=web', '--filter', 'status=running');
    const address = await swarm.docker('inspect', '-f', '{{(index .NetworkSettings.Networks "mytenant").IPAddress}}', task);
    assert.match(address, /^192\.168\.1\.\d+$/);
    await waitFor('web\'s static NAT committed on the remote', async () =>
      git(remote, 'show', 'main:routers/edge1/intended.cfg').includes(`ip nat inside source static ${address} 10.0.1.1 vrf mytenant`));
    await waitFor('the daemon\'s first deploy recorded on the remote', async () => deployLog(remote).some((line) => /translator watch \((start|auto)\)/.test(line)));
    assert.doesNotMatch(await logs(), new RegExp(`${CREDENTIALS.pass}|${CREDENTIALS.enable}`), 'no secret in the log');
  });

  await t.test('a CI-style deploy holding the router\'s lease keeps the daemon out; released, the daemon deploys again', async () => {
    const ci = cloneRepo(remote, join(tmp.dir, 'ci'));
    const leases = new RemoteLeases(new Git(ci), 'origin', { name: 'ci', email: 'ci@example.invalid' });
    const held = await leases.take({ router: 'edge1', deploy: 'ci-deploy-42', purpose: 'deploy', actor: 'ci job 42', seconds: 300 });
    try {
      const before = deployLog(remote).length;
      // A Docker change: a new commit, which policy auto deploys.
      await swarm.docker('service', 'create', '--detach', '--name', 'api', '--network', 'name=mytenant', '--constraint', 'node.role==manager',
        '--label', 'global_ip=10.0.1.2', '--container-label', 'global_ip=10.0.1.2', manager.image, 'sleep', '3600');
      const refused = await waitFor('the daemon\'s deploy refused by the lease', async () =>
        deployLog(remote).slice(before).find((line) => /\brefused\b/.test(line)));
      const id = refused.split(/\s{2,}/)[5]!;
      const record = JSON.parse(git(remote, 'show', `translator/records:deploys/edge1/${id}.json`)) as { result: string; message: string; commands: string[] };
      assert.equal(record.result, 'refused');
      assert.match(record.message, /another translator holds the deploy lease .*deploy ci-deploy-42 \(deploy\) by ci job 42/);
      assert.deepEqual(record.commands, [], 'nothing sent while the lease was held');
    } finally {
      await held.release();
    }
    const before = deployLog(remote).length;
    await swarm.docker('service', 'create', '--detach', '--name', 'db', '--network', 'name=mytenant', '--constraint', 'node.role==manager',
      '--label', 'global_ip=10.0.1.3', '--container-label', 'global_ip=10.0.1.3', manager.image, 'sleep', '3600');
    const after = await waitFor('the daemon\'s next deploy, lease free', async () =>
      deployLog(remote).slice(before).find((line) => /\b(success|unchanged)\b/.test(line)));
    assert.match(after, /translator watch \(auto\)/);
  });
});
