// When the records cannot reach Git: a remote that rejects the records push, and an object store
// that turns read-only in the middle of a deploy (a read-only bind mount in a private mount
// namespace: root cannot write through it either). The router has changed either way: the exit
// code says something is wrong, the message says what the router runs, and the next deploy
// catches up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { deployWorld, SEED_INTENDED, SEED_LINES, until } from './deploy-helpers.js';

const ENTRY = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

function run(file: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr });
    });
  });
}

test('a records push the remote rejects: exit 1, the router IS changed, how to push later; the next deploy pushes them', async (t) => {
  const w = await deployWorld(t);
  const hook = join(w.remote, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\nwhile read old new ref; do\n  [ "$ref" = refs/heads/translator/records ] && { echo "records are frozen today" >&2; exit 1; }\ndone\nexit 0\n');
  chmodSync(hook, 0o755);
  w.commitIntended(SEED_INTENDED);

  const rejected = await w.cli('deploy', '--yes');
  assert.equal(rejected.code, 1, rejected.stderr);
  assert.match(rejected.stdout, /^edge1: success: deployed/m);
  assert.match(rejected.stderr, /ERROR: the records are committed locally on translator\/records but could not be pushed to origin: .*Push them with `git push origin translator\/records`; the next deploy from this clone pushes them too\. edge1 IS changed: it runs the new config \(result success\)/);
  for (const line of SEED_LINES) assert.match(await w.running(), line);
  const first = w.lastRecord();
  assert.throws(() => git(w.remote, 'rev-parse', '--verify', 'translator/records'), 'nothing reached the remote');

  rmSync(hook);
  const next = await w.cli('deploy', '--yes');
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stderr, /records pushed to origin translator\/records/);
  git(w.remote, 'show', `translator/records:deploys/edge1/${first.id}.json`);
  assert.equal(w.lastRecord().result, 'unchanged');
  assert.equal(JSON.parse(git(w.remote, 'show', 'translator/records:routers/edge1/live.json')).commit, first.commit);
});

/** Whether this machine lets us make a private mount namespace (root, util-linux unshare). */
function mountNamespaceMissing(): string | null {
  try {
    execFileSync('unshare', ['--mount', '--propagation', 'private', 'true'], { stdio: 'ignore' });
    return null;
  } catch (error) {
    return `cannot create a private mount namespace (unshare --mount): ${(error as Error).message}`;
  }
}

test('the object store turns read-only mid-deploy: exit 1, router state stated, record kept, status shows it, the next deploy commits it', async (t) => {
  const missing = mountNamespaceMissing();
  if (missing) {
    if (process.env.CI) throw new Error(missing);
    return t.skip(missing);
  }
  const w = await deployWorld(t, { faults: { perLineMs: 40 } });
  w.commitIntended(SEED_INTENDED);
  const flag = join(w.dir, 'make-objects-read-only');
  // In its own mount namespace: translator starts, and once told (the push is under way) the
  // shell makes .git/objects read-only for everything in that namespace, translator included.
  const script =
    'node --import tsx "$ENTRY" deploy --yes --repo "$REPO" & pid=$!\n' +
    'while [ ! -e "$FLAG" ]; do sleep 0.02; done\n' +
    'mount --bind "$REPO/.git/objects" "$REPO/.git/objects" && mount -o remount,bind,ro "$REPO/.git/objects" && echo "objects read-only" >&2\n' +
    'wait $pid\n';
  const shell = run('unshare', ['--mount', '--propagation', 'private', 'bash', '-c', script], { ...w.env, ENTRY, REPO: w.repo, FLAG: flag });
  await until(() => w.lab.runningConfig().includes('vrf definition mytenant'));
  writeFileSync(flag, '');
  const { code, stderr, stdout } = await shell;
  assert.match(stderr, /objects read-only/);
  assert.equal(code, 1, stderr);
  assert.match(stdout, /^edge1: success: deployed/m);
  assert.match(stderr, /edge1: ERROR: the deploy record could not be written to translator\/records \(.*Read-only file system.*\); it is kept in (\S+\/\.git\/translator\/unrecorded\/\S+\.json): `translator status` lists it and the next deploy commits it\. edge1 IS changed: it runs the new config \(result success\)/);
  const waiting = readdirSync(join(w.repo, '.git/translator/unrecorded'));
  assert.equal(waiting.length, 1);
  const id = waiting[0]!.replace(/\.json$/, '');
  assert.equal(w.recordFile(`deploys/edge1/${id}.json`), null, 'not on the records branch');
  for (const line of SEED_LINES) assert.match(await w.running(), line);

  const status = await w.cli('status', '--offline');
  assert.match(status.stdout, new RegExp(`UNRECORDED:  deploy ${id} success \\(router new\\)`));

  const next = await w.cli('deploy', '--yes');
  assert.equal(next.code, 0, next.stderr);
  assert.match(next.stderr, new RegExp(`committed the record of deploy ${id} \\(success\\)`));
  assert.equal(existsSync(join(w.repo, '.git/translator/unrecorded', `${id}.json`)), false);
  assert.equal(JSON.parse(w.recordFile(`deploys/edge1/${id}.json`)!).result, 'success');
  assert.equal(w.lastRecord().result, 'unchanged');
  assert.doesNotMatch((await w.cli('status', '--offline')).stdout, /UNRECORDED/);
});
