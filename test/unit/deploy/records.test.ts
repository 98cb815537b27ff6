// The records branch: written with plumbing (work tree, index and checked-out branch untouched),
// no empty commits, concurrent writers from two processes both land, push replays onto a remote
// that moved (deploy logs merged line by line).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/gitops/git.js';
import type { DeployRecord } from '../../../src/deploy/record.js';
import { RecordsStore } from '../../../src/deploy/records.js';
import { cloneRepo, commitFile, git, initBare, initRepo, status, tempDir } from '../../helpers/git.js';

const AUTHOR = { name: 'translator', email: 'translator@localhost' };

function record(router: string, id: string, result: DeployRecord['result'] = 'success'): DeployRecord {
  return {
    id, router, kind: 'deploy', ref: 'main', commit: 'a'.repeat(40), previousLive: null,
    started: '2026-01-01T00:00:00.000Z', ended: `2026-01-01T00:00:0${id.slice(-1)}.000Z`,
    actor: { kind: 'user', name: 'alice@ops' }, result, state: result === 'success' ? 'new' : 'old',
    message: 'test', commands: ['vrf definition x'], rollback: ['no vrf definition x'], failedLines: [],
    revertTimerMinutes: 5, saved: true, backupBlob: null, summary: { add: 1, change: 0, remove: 0 },
  };
}

test('records land on their branch without touching the work tree, the index or HEAD', async (t) => {
  const tmp = tempDir('records');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const head = commitFile(repo, 'README', 'hello\n', 'first');
  writeFileSync(join(repo, 'README'), 'someone is editing\n');
  writeFileSync(join(repo, 'untracked.txt'), 'x\n');
  git(repo, 'add', 'untracked.txt');
  const before = status(repo);
  const store = new RecordsStore(new Git(repo), 'translator/records', AUTHOR);

  const first = await store.saveBackup('edge1', 'vrf definition x\n', 'id1');
  assert.notEqual(first.commit, null);
  assert.equal(first.commit, git(repo, 'rev-parse', 'translator/records').trim());
  assert.equal(first.blob, git(repo, 'rev-parse', 'translator/records:routers/edge1/running.cfg').trim(), 'the blob id of the backup');
  const again = await store.saveBackup('edge1', 'vrf definition x\n', 'id2');
  assert.equal(again.commit, null, 'same backup: no commit');
  assert.equal(again.blob, first.blob);
  await store.saveRecord(record('edge1', 'r1'), true);
  await store.saveRecord(record('edge1', 'r2', 'reverted'), false);

  assert.deepEqual(status(repo), before);
  assert.equal(git(repo, 'rev-parse', 'HEAD').trim(), head);
  assert.equal(git(repo, 'symbolic-ref', '--short', 'HEAD').trim(), 'main');
  assert.equal(git(repo, 'show', 'translator/records:routers/edge1/running.cfg'), 'vrf definition x\n');
  assert.equal(JSON.parse(git(repo, 'show', 'translator/records:routers/edge1/live.json')).deploy, 'r1', 'a reverted deploy is not live');
  assert.deepEqual((await store.history('edge1')).map((r) => r.id), ['r2', 'r1']);
  assert.equal(git(repo, 'rev-list', '--count', 'translator/records').trim(), '3');
  assert.match(git(repo, 'log', '-1', '--format=%B', 'translator/records'), /^edge1: deploy a{12} reverted \(1 lines\) by alice@ops\n[\s\S]*Deploy-Id: r2/);
});

test('two writers without a shared queue (as two processes are) both land', async (t) => {
  const tmp = tempDir('records-race');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  commitFile(repo, 'README', 'hello\n', 'first');
  // Two stores = two independent writers (no shared in-process queue), as two processes would be.
  const a = new RecordsStore(new Git(repo), 'translator/records', AUTHOR);
  const b = new RecordsStore(new Git(repo), 'translator/records', AUTHOR);
  await Promise.all([
    ...[1, 2, 3].map((i) => a.saveRecord(record('edge1', `a${i}`), true)),
    ...[1, 2, 3].map((i) => b.saveRecord(record('edge2', `b${i}`), true)),
  ]);
  assert.equal((await a.history('edge1')).length, 3);
  assert.equal((await a.history('edge2')).length, 3);
});

test('a backup prepared ahead lands on the tip even when another writer moved the branch meanwhile', async (t) => {
  const tmp = tempDir('records-prepared');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  commitFile(repo, 'README', 'hello\n', 'first');
  const mine = new RecordsStore(new Git(repo), 'translator/records', AUTHOR);
  const other = new RecordsStore(new Git(repo), 'translator/records', AUTHOR);
  assert.notEqual((await mine.saveBackup('edge1', 'old\n', 'd1')).commit, null);

  // Unchanged against the prepared base, but another writer changed the backup meanwhile: still committed.
  const prepared = await mine.prepare();
  await other.saveBackup('edge1', 'from the other writer\n', 'd2');
  const same = await mine.saveBackup('edge1', 'old\n', 'd3', prepared);
  await prepared.dispose();
  assert.notEqual(same.commit, null);
  assert.equal(git(repo, 'show', 'translator/records:routers/edge1/running.cfg'), 'old\n');

  // Changed, on a base that moved: replayed on the new tip, the other writer's record kept.
  const again = await mine.prepare();
  await other.saveRecord(record('edge1', 'r1'), true);
  const moved = await mine.saveBackup('edge1', 'new\n', 'd4', again);
  await again.dispose();
  assert.equal(moved.commit, git(repo, 'rev-parse', 'translator/records').trim());
  assert.equal(git(repo, 'show', 'translator/records:routers/edge1/running.cfg'), 'new\n');
  assert.deepEqual((await mine.history('edge1')).map((r) => r.id), ['r1']);
  assert.equal(git(repo, 'rev-list', '--count', 'translator/records').trim(), '5');
  assert.deepEqual(git(repo, 'for-each-ref', '--format=%(refname)', 'refs/heads').trim().split('\n').sort(), ['refs/heads/main', 'refs/heads/translator/records']);
  assert.deepEqual(readdirSync(join(repo, '.git', 'translator')).filter((f) => f.startsWith('records-')), [], 'no scratch index left behind');
});

test('push replays local records onto a remote that another clone moved, merging the logs', async (t) => {
  const tmp = tempDir('records-push');
  t.after(tmp.remove);
  const url = initBare(join(tmp.dir, 'remote.git'));
  const one = initRepo(join(tmp.dir, 'one'));
  git(one, 'remote', 'add', 'origin', url);
  commitFile(one, 'README', 'hello\n', 'first');
  git(one, 'push', '-q', 'origin', 'main');
  const two = cloneRepo(url, join(tmp.dir, 'two'));

  const s1 = new RecordsStore(new Git(one), 'translator/records', AUTHOR);
  const s2 = new RecordsStore(new Git(two), 'translator/records', AUTHOR);
  await s1.saveRecord(record('edge1', 'x1'), true);
  await s1.push('origin');
  await s2.saveRecord(record('edge1', 'y2'), true);
  await s2.saveBackup('edge1', 'backup from two\n', 'y2');
  const pushed = await s2.push('origin');
  assert.equal(pushed.attempts, 2, 'the first push was rejected, the replayed one went through');
  const log = git(join(tmp.dir, 'remote.git'), 'show', 'translator/records:routers/edge1/deploys.log');
  assert.deepEqual(log.trim().split('\n').map((l) => l.split(/\s{2,}/)[5]), ['x1', 'y2']);
  assert.equal(git(join(tmp.dir, 'remote.git'), 'show', 'translator/records:routers/edge1/running.cfg'), 'backup from two\n');
});
