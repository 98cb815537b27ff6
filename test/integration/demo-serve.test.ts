// `translator demo --serve`: the demo, then the status page of its repository and the lab router
// stay up until Ctrl-C; the page's URL is printed, the router shows in sync, SIGINT ends both.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { eventually } from '../unit/watch/harness.js';

test('demo --serve keeps the lab router and the status page up until Ctrl-C', async (t) => {
  const tmp = tempDir('demo-serve');
  t.after(tmp.remove);
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'demo', '--repo', join(tmp.dir, 'gitops'), '--serve', '--port', '0'], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: 'unix:///nonexistent/docker.sock' },
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  t.after(() => child.kill('SIGKILL'));
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  await eventually('the page URL printed', () => /Status page: http:\/\/127\.0\.0\.1:\d+\//.test(out), 120_000);
  assert.doesNotMatch(out, /demo --serve +#/, 'with --serve the "Next" list does not offer it again');
  const url = /Status page: (http:\/\/127\.0\.0\.1:\d+)\//.exec(out)![1]!;
  const lab = /Lab router edge1 listening on ([\d.]+):(\d+)/.exec(out)!;

  const overview = await fetch(`${url}/`);
  assert.equal(overview.status, 200);
  assert.match(await overview.text(), /data-router="edge1" data-state="in-sync"/);
  type Status = { routers: { router: string; state: string; drift: { checked: boolean; error: string | null } }[] };
  const status = async () => ((await (await fetch(`${url}/api/v1/status`)).json()) as Status).routers[0]!;
  await eventually('the lab router read for drift', async () => (await status()).drift.checked);
  assert.equal((await status()).drift.error, null);
  assert.equal((await status()).state, 'in-sync');

  child.kill('SIGINT');
  assert.equal(await exited, 0, out);
  await assert.rejects(fetch(`${url}/`), 'the page is gone');
  const refused = await new Promise<boolean>((resolve) => {
    const socket = connect(Number(lab[2]), lab[1]!);
    socket.on('connect', () => { socket.destroy(); resolve(false); });
    socket.on('error', () => resolve(true));
  });
  assert.ok(refused, 'the lab router is gone');
});
