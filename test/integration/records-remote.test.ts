// Records are read from the remote (issue 10, item 9) and a damaged record file stays a problem of
// its router (item 10), through the real CLI against the lab router: a fresh clone sees the history
// (status, previousLive, rollback's target), a clone with stale records rolls back one step, not
// two, two clones that both recorded converge with every record, and a live.json that is not JSON
// is reported with its repair while deploy and rollback still work.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { cloneRepo, git } from '../helpers/git.js';
import { deployWorld, SEED_INTENDED, type DeployWorld } from './deploy-helpers.js';

const WITHOUT_STATIC = SEED_INTENDED.replace(/^ip nat inside source static .*\n/m, '');
const SECOND_STATIC = SEED_INTENDED.replace(
  /^(ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant\n)/m,
  '$1ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant\n',
);

/** A clone of the GitOps remote, and the CLI run in it (optionally with its own settings file). */
function cloneOf(w: DeployWorld, name: string) {
  const dir = cloneRepo(pathToFileURL(w.remote).href, join(w.dir, name));
  return {
    dir,
    cli: (args: string[], config?: string) => runCli([...args, '--repo', dir, ...(config ? ['--config', config] : [])], { env: w.env, timeoutMs: 120_000 }),
    records: (file: string) => git(dir, 'show', `translator/records:${file}`),
  };
}

/** Commits and pushes an intended config from the main repository; returns the commit. */
function publish(w: DeployWorld, text: string, message: string): string {
  const commit = w.commitIntended(text, message);
  git(w.repo, 'push', '-q', 'origin', 'main');
  return commit;
}

const remoteRecords = (w: DeployWorld, file: string) => git(w.remote, 'show', `translator/records:${file}`);

test('a fresh clone sees the history: status, previousLive of its deploy, and rollback\'s target', async (t) => {
  const w = await deployWorld(t);
  const first = publish(w, SEED_INTENDED, 'seed');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);

  const ci = cloneOf(w, 'ci');
  const status = await ci.cli(['status', '--offline']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`live: +${first.slice(0, 12)} since `), 'not "nothing deployed yet"');
  assert.match(status.stdout, new RegExp(`last deploy: .* deploy ${first.slice(0, 12)} success`));

  const second = publish(w, SECOND_STATIC, 'second floating IP');
  git(ci.dir, 'pull', '-q', 'origin', 'main');
  const deployed = await cloneOf(w, 'ci2').cli(['deploy', '--yes']);
  assert.equal(deployed.code, 0, deployed.stderr);
  const id = /edge1: recorded as (\S+)/.exec(deployed.stdout)![1]!;
  assert.equal(JSON.parse(remoteRecords(w, `deploys/edge1/${id}.json`)).previousLive, first, 'previousLive: the commit the remote says was live');

  const rollback = await cloneOf(w, 'ci3').cli(['rollback', '--router', 'edge1', '--yes']);
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.match(rollback.stderr, new RegExp(`rolling back to ${first.slice(0, 12)}, live before deploy ${id}`));
  assert.equal(JSON.parse(remoteRecords(w, 'routers/edge1/live.json')).commit, first);
  assert.ok(second);
});

test('a clone with stale records rolls back one step, not two', async (t) => {
  const w = await deployWorld(t);
  const one = publish(w, WITHOUT_STATIC, 'one');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  const two = publish(w, SEED_INTENDED, 'two');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  // The laptop fetched the records (as the README says) when `two` was the newest deploy…
  const laptop = cloneOf(w, 'laptop');
  git(laptop.dir, 'fetch', '-q', 'origin', 'translator/records:translator/records');
  // …then another machine deployed `three`.
  publish(w, SECOND_STATIC, 'three');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);

  const rollback = await laptop.cli(['rollback', '--router', 'edge1', '--yes']);
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.match(rollback.stderr, new RegExp(`rolling back to ${two.slice(0, 12)}`), `one step back (to two), not to ${one.slice(0, 12)}`);
  assert.match(await w.running(), /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
  assert.doesNotMatch(await w.running(), /static 192\.168\.1\.2 10\.0\.1\.2/);
});

test('two clones that both recorded converge on every record of both', async (t) => {
  const w = await deployWorld(t);
  publish(w, WITHOUT_STATIC, 'one');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  const other = cloneOf(w, 'other');
  // The other machine records without pushing (its push failed, or it was told not to)…
  const noPush = join(w.dir, 'no-push.yaml');
  writeFileSync(noPush, `deploy:\n  lockDir: ${JSON.stringify(join(w.dir, 'locks-other'))}\n  pushRecords: false\n`);
  publish(w, SEED_INTENDED, 'two');
  git(other.dir, 'pull', '-q', 'origin', 'main');
  assert.equal((await other.cli(['deploy', '--yes'], noPush)).code, 0);
  // …while the first machine deploys again and pushes.
  publish(w, SECOND_STATIC, 'three');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  const otherIds = other.records('routers/edge1/deploys.log');
  const mainIds = remoteRecords(w, 'routers/edge1/deploys.log');
  assert.notEqual(otherIds, mainIds, 'the two branches diverged');

  const status = await other.cli(['status', '--offline']);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stderr, /joined origin's records with this clone's \(they had diverged\) and pushed them back/);
  const ids = (log: string) => log.trim().split('\n').map((l) => l.split(/\s{2,}/)[5]);
  const all = [...new Set([...ids(otherIds), ...ids(mainIds)])];
  assert.equal(all.length, 3);
  assert.deepEqual(ids(remoteRecords(w, 'routers/edge1/deploys.log')), ids(remoteRecords(w, 'routers/edge1/deploys.log')).slice().sort(), 'in time order');
  assert.deepEqual(ids(remoteRecords(w, 'routers/edge1/deploys.log')).sort(), all.sort());
  for (const id of all) assert.ok(remoteRecords(w, `deploys/edge1/${id}.json`), `record ${id} on the remote`);

  assert.equal((await w.cli('status', '--offline')).code, 0);
  assert.equal(git(w.repo, 'rev-parse', 'translator/records').trim(), git(w.remote, 'rev-parse', 'translator/records').trim(), 'the first clone converged too');
  assert.equal(git(other.dir, 'rev-parse', 'translator/records').trim(), git(w.remote, 'rev-parse', 'translator/records').trim());
});

test('a damaged live.json: status reports it with its repair, and deploy and rollback of that router still work', async (t) => {
  const w = await deployWorld(t);
  const one = publish(w, WITHOUT_STATIC, 'one');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  // Someone edits the records branch by hand and breaks live.json.
  const scratch = cloneOf(w, 'hand');
  git(scratch.dir, 'checkout', '-q', '-b', 'translator/records', 'origin/translator/records');
  writeFileSync(join(scratch.dir, 'routers/edge1/live.json'), '{"commit": "abc",');
  git(scratch.dir, 'commit', '-q', '-am', 'hand edit');
  git(scratch.dir, 'push', '-q', 'origin', 'translator/records');

  const status = await w.cli('status', '--offline');
  assert.equal(status.code, 0, status.stderr);
  assert.doesNotMatch(status.stderr, /unexpected error|at .*\.ts:\d+/);
  assert.match(status.stdout, /live: +nothing deployed yet/);
  assert.match(status.stdout, /PROBLEM: +routers\/edge1\/live\.json on translator\/records: not valid JSON .*Repair: a successful deploy of the router rewrites it; to repair by hand: `git show translator\/records:routers\/edge1\/live\.json`/);
  const json = JSON.parse((await w.cli('status', '--offline', '--json')).stdout);
  assert.equal(json.routers[0].problems[0].file, 'routers/edge1/live.json');

  const two = publish(w, SEED_INTENDED, 'two');
  const deployed = await w.cli('deploy', '--yes');
  assert.equal(deployed.code, 0, deployed.stderr);
  assert.equal(w.lastRecord().previousLive, null, 'the previous live commit is unknown');
  assert.equal(JSON.parse(w.recordFile('routers/edge1/live.json')!).commit, two, 'the deploy rewrote live.json');

  const rollback = await w.cli('rollback', '--router', 'edge1', '--yes', '--to', one);
  assert.equal(rollback.code, 0, rollback.stderr);
  const after = await w.cli('status', '--offline');
  assert.doesNotMatch(after.stdout, /PROBLEM/);
});
