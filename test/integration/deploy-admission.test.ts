// Deploy safety in the CI path (issue 12): deploy, rollback and drift --fix refuse a commit the deploy
// branch does not reach unless --allow-unreviewed; every deploy path refuses inside a deny window
// unless --ignore-deny-window; the override is in the record. Real CLI, lab router, real Git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { git } from '../helpers/git.js';
import { assertNoOwnedConfig, deployWorld, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

test('a commit the deploy branch does not reach is refused by deploy, rollback and drift --fix; --allow-unreviewed deploys it and records so', async (t) => {
  const w = await deployWorld(t);
  git(w.repo, 'switch', '-q', '-c', 'feature');
  const unreviewed = w.commitIntended(SEED_INTENDED, 'not merged');
  git(w.repo, 'switch', '-q', 'main');
  const short = unreviewed.slice(0, 12);
  const refusal = (named: string) =>
    `translator: edge1: ${named} is not reachable from the deploy branch main (main): it was not merged, so not reviewed. ` +
    'Nothing was sent. Merge it first, or pass --allow-unreviewed (recorded)\n';

  for (const [args, named] of [
    [['deploy', '--yes', '--ref', 'feature'], `feature (${short})`],
    [['rollback', '--yes', '--to', unreviewed], short],
    [['drift', '--fix', '--yes', '--ref', 'feature'], `feature (${short})`],
  ] as const) {
    const refused = await w.cli(...args);
    assert.equal(refused.code, 1, `${args.join(' ')}: refused, exit 1\n${refused.stderr}`);
    assert.ok(refused.stderr.endsWith(refusal(named)), `${args.join(' ')}: the message names the commit and the branch:\n${refused.stderr}`);
  }
  assertNoOwnedConfig(await w.running());
  assert.equal(w.recordFile('routers/edge1/deploys.log'), null, 'nothing attempted, nothing recorded');

  const allowed = await w.cli('deploy', '--yes', '--ref', 'feature', '--allow-unreviewed');
  assert.equal(allowed.code, 0, allowed.stderr);
  for (const line of SEED_LINES) assert.match(await w.running(), line);
  assert.deepEqual(w.lastRecord().overrides, [`--allow-unreviewed: feature (${short}) is not reachable from the deploy branch main (main)`]);

  // Merged, it is reviewed: no override needed, none recorded.
  git(w.repo, 'merge', '-q', '--ff-only', 'feature');
  const merged = await w.cli('deploy', '--yes', '--allow-unreviewed');
  assert.equal(merged.code, 0, merged.stderr);
  assert.deepEqual(w.lastRecord().overrides, [], 'nothing was overridden');
});

test('inside a deny window deploy, rollback and drift --fix are refused naming the window and its end; --ignore-deny-window deploys and records so', async (t) => {
  // Every minute opens a two-hour window: always open.
  const w = await deployWorld(t, {}, 'watch:\n  deploy:\n    deny:\n      - {cron: "* * * * *", minutes: 120}\n');
  const seed = w.commitIntended(SEED_INTENDED);
  const window = /^translator: a deny window "\* \* \* \* \*" \(120 min, watch\.deploy\.deny\) is open until (\S+): nothing was sent\. Deploy after it ends, or pass --ignore-deny-window \(recorded\)$/m;
  for (const args of [['deploy', '--yes'], ['rollback', '--yes', '--to', seed], ['drift', '--fix', '--yes']]) {
    const refused = await w.cli(...args);
    assert.equal(refused.code, 1, `${args.join(' ')}: refused\n${refused.stderr}`);
    const until = window.exec(refused.stderr)?.[1];
    assert.ok(until, `${args.join(' ')}: names the window and when it ends:\n${refused.stderr}`);
    assert.ok(Date.parse(until) > Date.now(), 'the window ends in the future');
  }
  assertNoOwnedConfig(await w.running());
  assert.equal(w.recordFile('routers/edge1/deploys.log'), null);

  const ignored = await w.cli('deploy', '--yes', '--ignore-deny-window');
  assert.equal(ignored.code, 0, ignored.stderr);
  for (const line of SEED_LINES) assert.match(await w.running(), line);
  const [override] = w.lastRecord().overrides as string[];
  assert.match(override!, /^--ignore-deny-window: the deny window "\* \* \* \* \*" \(120 min, watch\.deploy\.deny\) is open until \S+$/);
});
