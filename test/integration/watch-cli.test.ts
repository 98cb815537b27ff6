// `translator watch` as its users run it: the real CLI in a child process, a private dockerd,
// a real repository; JSON logs on stdout; SIGTERM and SIGINT end it with exit code 0.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { privateEngine } from '../helpers/docker-engine.js';
import { git, initRepo, tempDir } from '../helpers/git.js';
import { freePort, startCli as startProcess } from '../helpers/watch-process.js';
import { eventually, SEED_ENV } from '../unit/watch/harness.js';

const startCli = (repo: string, env: NodeJS.ProcessEnv, port: number) => startProcess(repo, { ...SEED_ENV, ...env }, port);

test('translator watch as a process', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const tmp = tempDir('watch-cli');
  t.after(tmp.remove);
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');

  await t.test('commits what Docker holds at start and what changes after; SIGTERM ends it with exit 0', async () => {
    const repo = initRepo(join(tmp.dir, 'repo-term'));
    const port = await freePort();
    const cli = startCli(repo, { DOCKER_HOST: engine.host }, port);
    t.after(() => cli.child.kill('SIGKILL'));
    await eventually('ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200);
    assert.match(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), /^vrf definition mytenant$/m);
    await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');
    await eventually('the container committed', () => /static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/.test(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg')));
    const metric = async (pattern: RegExp) => pattern.exec(await (await fetch(`http://127.0.0.1:${port}/metrics`)).text())?.[1];
    // The commit is in Git a moment before the process counts it.
    await eventually('two commits counted', async () => (await metric(/^translator_commits_total (\d+)$/m)) === '2');
    assert.ok(Number(await metric(/^translator_renders_total\{result="ok"\} (\d+)$/m)) >= 2);

    cli.child.kill('SIGHUP');
    await eventually('SIGHUP: a resync, not an exit', () => cli.lines().some((l) => l.msg === 'resync requested'));
    assert.equal(cli.child.exitCode, null);

    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0, cli.out.stderr);
    const lines = cli.lines();
    const committed = lines.find((l) => typeof l.msg === 'string' && /floating IP/.test(l.msg));
    assert.match(String(committed?.commit), /^[0-9a-f]{40}$/, 'a commit line names its commit');
    assert.deepEqual(lines.slice(-3).map((l) => l.msg), ['signal received', 'shutting down', 'stopped']);
    assert.equal(lines.at(-3)?.signal, 'SIGTERM');
    assert.equal(cli.out.stderr, '');
  });

  await t.test('SIGINT ends it the same way, even before the first sync (Docker unreachable)', async () => {
    const repo = initRepo(join(tmp.dir, 'repo-int'));
    const port = await freePort();
    const cli = startCli(repo, { DOCKER_HOST: `unix://${join(tmp.dir, 'no-such.sock')}` }, port);
    t.after(() => cli.child.kill('SIGKILL'));
    await eventually('the retry logged', () => cli.lines().some((l) => l.msg === 'reading Docker failed; retrying'));
    await eventually('the retry logged', () => cli.lines().some((l) => l.msg === 'Docker event stream down; retrying'));
    const readyz = await fetch(`http://127.0.0.1:${port}/readyz`);
    assert.equal(readyz.status, 503);
    const socket = `unix://${join(tmp.dir, 'no-such.sock')}`;
    assert.deepEqual(((await readyz.json()) as { waiting: string[] }).waiting.map((w) => w.replace(/ENOENT.*\)$/, 'ENOENT)')), [
      'first render and commit not done yet',
      `Docker is not reachable (cannot reach Docker at ${socket}: connect ENOENT)`,
      `no Docker event stream is open (${socket}: cannot open the event stream: connect ENOENT)`,
    ]);
    assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
    cli.child.kill('SIGINT');
    assert.equal(await cli.exited, 0, cli.out.stderr);
    assert.equal(cli.lines().at(-1)?.msg, 'stopped');
    assert.equal(git(repo, 'rev-list', '--all').trim(), '', 'nothing committed without Docker');
  });
});
