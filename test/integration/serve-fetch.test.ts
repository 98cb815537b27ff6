// `translator serve` on a clone that CI pushes to: it fetches the deploy branch from the GitOps
// remote every --fetch-seconds and shows what the remote's branch holds, not the clone's checkout.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { cloneRepo, git, sharedRemote } from '../helpers/git.js';
import { eventually, SEED_ENV } from '../unit/watch/harness.js';

/** `translator serve` on `repo` with `args`; its status page's base URL. Stopped when `t` ends. */
async function startServe(t: TestContext, repo: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'serve', '--repo', repo, '--port', '0', ...args, '--log-format', 'json'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
  });
  t.after(() => child.kill('SIGTERM'));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await eventually('serve prints its URL', () => /status page at http:\/\/127\.0\.0\.1:\d+\//.test(out), 120_000);
  return /status page at (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)![1]!;
}

type Status = { deployRef: string; routers: { tip: string; state: string }[] };

/** The example state and a second container with a floating IP. */
const WITH_API = { ...EXAMPLE_STATE, containers: [...EXAMPLE_STATE.containers, { ...EXAMPLE_STATE.containers[0]!, id: 'f'.repeat(64), name: 'api', labels: { global_ip: '10.0.1.2' }, addresses: { mytenant: '192.168.1.2' } }] };

test('translator serve fetches the deploy branch from the remote and shows it', async (t) => {
  const { dir, url: remote, clones: [ci] } = sharedRemote(t, 'serve-fetch', 1);
  const env = { ...SEED_ENV, IOS_MGMT_IP: '192.0.2.1' };
  const state = join(dir, 'state.json');
  writeFileSync(state, JSON.stringify(EXAMPLE_STATE));
  const first = await runCli(['commit', '--repo', ci!, '--state', state, '--push'], { env });
  assert.equal(first.code, 0, first.stderr);
  const served = cloneRepo(remote, join(dir, 'served'));

  const url = await startServe(t, served, ['--fetch-seconds', '1'], env);
  const floatingIps = async () => ((await (await fetch(`${url}/api/v1/floating-ips`)).json()) as { floatingIps: { global: string; container: string }[] }).floatingIps.map((f) => `${f.global} ${f.container}`);
  const status = async () => (await (await fetch(`${url}/api/v1/status`)).json()) as Status;

  assert.deepEqual(await floatingIps(), ['10.0.1.1 web']);
  assert.equal((await status()).deployRef, 'refs/remotes/origin/main');
  assert.equal((await status()).routers[0]!.state, 'not-deployed');

  // CI commits a second container and pushes; the served clone's checkout is never touched.
  writeFileSync(state, JSON.stringify(WITH_API));
  const second = await runCli(['commit', '--repo', ci!, '--state', state, '--push'], { env });
  assert.equal(second.code, 0, second.stderr);
  const tip = git(ci!, 'rev-parse', 'HEAD').trim();
  await eventually('the pushed commit shown', async () => (await status()).routers[0]!.tip === tip, 60_000);
  assert.deepEqual(await floatingIps(), ['10.0.1.1 web', '10.0.1.2 api']);
  assert.notEqual(git(served, 'rev-parse', 'HEAD').trim(), tip, 'the clone\'s branch is left alone');
  assert.equal(git(served, 'status', '--porcelain'), '');
});

test('without fetching, the page shows the deploy branch itself: a tag of the same name does not stand in for it', async (t) => {
  const { dir, clones: [repo] } = sharedRemote(t, 'serve-local', 1);
  const env = { ...SEED_ENV, IOS_MGMT_IP: '192.0.2.1' };
  const state = join(dir, 'state.json');
  writeFileSync(state, JSON.stringify(EXAMPLE_STATE));
  assert.equal((await runCli(['commit', '--repo', repo!, '--state', state], { env })).code, 0);
  git(repo!, 'tag', 'main'); // git's lookup of "main" prefers refs/tags/main
  writeFileSync(state, JSON.stringify(WITH_API));
  assert.equal((await runCli(['commit', '--repo', repo!, '--state', state], { env })).code, 0);
  const url = await startServe(t, repo!, ['--fetch-seconds', '0'], env);
  const status = (await (await fetch(`${url}/api/v1/status`)).json()) as Status;
  assert.equal(status.deployRef, 'refs/heads/main');
  assert.equal(status.routers[0]!.tip, git(repo!, 'rev-parse', 'refs/heads/main').trim());
  assert.notEqual(status.routers[0]!.tip, git(repo!, 'rev-parse', 'refs/tags/main').trim());
});
