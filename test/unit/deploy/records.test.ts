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

test('two writers at once: the one whose compare-and-swap lost applies its change again on the new tip, nothing lost', async (t) => {
  const tmp = tempDir('records-race');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  commitFile(repo, 'README', 'hello\n', 'first');
  // Two stores, each with its own Git (its own kept cat-file, hash-object and update-ref processes), as two processes would be.
  const [gitA, gitB] = [new Git(repo), new Git(repo)];
  t.after(() => [gitA, gitB].forEach((g) => g.close()));
  const mine = new RecordsStore(gitA, 'translator/records', AUTHOR);
  const other = new RecordsStore(gitB, 'translator/records', AUTHOR);
  await Promise.all(
    Array.from({ length: 6 }, (_, i) => [
      mine.saveRecord(record('edge1', `a${i}`), true),
      other.saveRecord(record('edge2', `b${i}`), true),
      mine.saveBackup('edge1', `backup ${i}\n`, `d${i}`),
    ]).flat(),
  );
  assert.deepEqual((await mine.history('edge1')).map((r) => r.id).sort(), ['a0', 'a1', 'a2', 'a3', 'a4', 'a5']);
  assert.deepEqual((await mine.history('edge2')).map((r) => r.id).sort(), ['b0', 'b1', 'b2', 'b3', 'b4', 'b5']);
  assert.equal(git(repo, 'show', 'translator/records:routers/edge1/running.cfg'), 'backup 5\n');
  assert.equal(git(repo, 'fsck', '--no-dangling', '--strict').trim(), '', 'every object well-formed');
  assert.deepEqual(git(repo, 'for-each-ref', '--format=%(refname)', 'refs/heads').trim().split('\n').sort(), ['refs/heads/main', 'refs/heads/translator/records']);
  assert.deepEqual(readdirSync(join(repo, '.git', 'translator', 'objects')), [], 'no file handed to git left behind');
  assert.equal(git(repo, 'reflog', '-1', '--format=%gs', 'translator/records').trim(), 'translator: record');
  assert.deepEqual(status(repo), [], 'work tree and index untouched');
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

test('a SHA-256 repository: records written, pushed, and taken by a clone that had none', async (t) => {
  const tmp = tempDir('records-sha256');
  t.after(tmp.remove);
  const bare = join(tmp.dir, 'remote.git');
  git(tmp.dir, 'init', '--quiet', '--bare', '--object-format=sha256', '--initial-branch=main', bare);
  // A clone of an empty SHA-256 repository would be SHA-1 (git 2.39): the first clone is made by hand.
  const one = join(tmp.dir, 'one');
  git(tmp.dir, 'init', '--quiet', '--object-format=sha256', '--initial-branch=main', one);
  git(one, 'remote', 'add', 'origin', bare);
  commitFile(one, 'README', 'hello\n', 'first');
  git(one, 'push', '--quiet', 'origin', 'main');
  const [gitOne, gitTwo] = [new Git(one), new Git(cloneRepo(bare, join(tmp.dir, 'two')))];
  t.after(() => [gitOne, gitTwo].forEach((g) => g.close()));
  const writer = new RecordsStore(gitOne, 'translator/records', AUTHOR, { remote: 'origin' });
  await writer.saveBackup('edge1', 'vrf definition x\n', 'd1');
  await writer.saveRecord(record('edge1', 'r1'), true);
  await writer.push('origin');
  assert.match(git(one, 'rev-parse', 'translator/records').trim(), /^[0-9a-f]{64}$/);
  assert.equal(git(one, 'fsck', '--strict', '--no-dangling').trim(), '');
  // The other clone has no records branch: syncing takes the remote's (update-ref from the all-zero id of this format).
  const reader = new RecordsStore(gitTwo, 'translator/records', AUTHOR, { remote: 'origin' });
  assert.deepEqual((await reader.history('edge1')).map((r) => r.id), ['r1']);
  assert.equal(await reader.read('routers/edge1/running.cfg'), 'vrf definition x\n');
});
