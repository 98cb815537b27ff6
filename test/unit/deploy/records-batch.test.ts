// Group commits on the records branch (records-batch.ts): writes that queue up while a commit is
// being made go into the next commit together, each keeping its own files and results; a batch
// that fails is retried write by write, so one write's failure is never another's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Git } from '../../../src/gitops/git.js';
import type { DeployRecord } from '../../../src/deploy/record.js';
import { batchMessage, GroupCommits } from '../../../src/deploy/records-batch.js';
import { RecordsStore } from '../../../src/deploy/records.js';
import { git, initRepo, tempDir } from '../../helpers/git.js';

/** A queue whose first batch waits for `release()`, so the writes added meanwhile form the next; `fail` names a write whose batch throws. */
function heldQueue(fail?: string) {
  const batches: string[][] = [];
  let release: () => void = () => undefined;
  const first = new Promise<void>((resolve) => (release = resolve));
  const queue = new GroupCommits<string, string>(async (batch) => {
    batches.push([...batch]);
    if (batches.length === 1) await first;
    if (fail !== undefined && batch.includes(fail)) throw new Error(`${fail} write`);
    return batch.map((write) => `done ${write}`);
  });
  return { queue, batches, release: () => release() };
}

/** The next turn of the event loop: a batch asked for before it has started by then. */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

test('writes asked for in one turn of the event loop form one batch', async () => {
  const { queue, batches, release } = heldQueue();
  release();
  assert.deepEqual(await Promise.all(['x', 'y', 'z'].map((write) => queue.add(write))), ['done x', 'done y', 'done z']);
  assert.deepEqual(batches, [['x', 'y', 'z']]);
});

test('writes added while a commit runs form the next batch, in order; results go back to each write', async () => {
  const { queue, batches, release } = heldQueue();
  const a = queue.add('a');
  await nextTurn();
  const rest = ['b', 'c', 'd'].map((write) => queue.add(write));
  release();
  assert.deepEqual(await Promise.all([a, ...rest]), ['done a', 'done b', 'done c', 'done d']);
  assert.deepEqual(batches, [['a'], ['b', 'c', 'd']]);
});

test('a failed batch is retried one write at a time: only the failing write fails', async () => {
  const { queue, batches, release } = heldQueue('bad');
  const head = queue.add('head');
  await nextTurn();
  const results = Promise.allSettled(['b', 'bad', 'c'].map((write) => queue.add(write)));
  release();
  await head;
  const [b, bad, c] = await results;
  assert.deepEqual(b, { status: 'fulfilled', value: 'done b' });
  assert.equal(bad!.status, 'rejected');
  assert.deepEqual(c, { status: 'fulfilled', value: 'done c' });
  assert.deepEqual(batches, [['head'], ['b', 'bad', 'c'], ['b'], ['bad'], ['c']]);
});

test("a batch's message keeps every write's whole message; a lone write's is unchanged", () => {
  assert.equal(batchMessage(['edge1: x\n\nbody\n']), 'edge1: x\n\nbody\n');
  const message = batchMessage(['edge1: deploy a ok\n\nDeploy-Id: d1\n', 'edge2: back up running-config before deploy d2']);
  assert.match(message, /^records of 2 writes: edge1, edge2\n/);
  assert.match(message, /edge1: deploy a ok\n\nDeploy-Id: d1\n\n---\n\nedge2: back up running-config before deploy d2\n$/);
});

function record(router: string, id: string): DeployRecord {
  return {
    id, router, kind: 'deploy', ref: 'main', commit: 'a'.repeat(40), previousLive: null,
    started: '2026-01-01T00:00:00.000Z', ended: '2026-01-01T00:00:01.000Z',
    actor: { kind: 'user', name: 'alice@ops' }, result: 'success', state: 'new',
    message: 'test', commands: ['vrf definition x'], rollback: ['no vrf definition x'], failedLines: [],
    revertTimerMinutes: 5, saved: true, backupBlob: null, summary: { add: 1, change: 0, remove: 0 },
  };
}

test('records of many routers written at once: fewer commits, every router its own backup, record, log line and live.json', async (t) => {
  const tmp = tempDir('records-batch');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const store = new RecordsStore(new Git(repo), 'translator/records', { name: 'translator', email: 'translator@localhost' });
  const routers = Array.from({ length: 8 }, (_, i) => `edge${i + 1}`);

  const backups = await Promise.all(routers.map((r) => store.saveBackup(r, `hostname ${r}\n`, `${r}-d1`)));
  const commits = await Promise.all(routers.map((r) => store.saveRecord(record(r, `${r}-d1`), true)));
  // Two records of one router asked for together with another router's, so in one batch: its log keeps both lines, in order.
  await Promise.all([store.saveRecord(record('edge2', 'edge2-d2'), true), store.saveRecord(record('edge1', 'edge1-d2'), true), store.saveRecord(record('edge1', 'edge1-d3'), true)]);
  assert.equal(git(repo, 'log', '-1', '--format=%s', 'translator/records').trim(), 'records of 3 writes: edge2, edge1');

  for (const [i, r] of routers.entries()) {
    assert.equal(git(repo, 'show', `translator/records:routers/${r}/running.cfg`), `hostname ${r}\n`);
    assert.equal(backups[i]!.blob, git(repo, 'rev-parse', `translator/records:routers/${r}/running.cfg`).trim(), `${r}: its own blob id`);
    assert.equal(JSON.parse(git(repo, 'show', `translator/records:deploys/${r}/${r}-d1.json`)).router, r);
    assert.ok(git(repo, 'cat-file', '-e', `${commits[i]}:deploys/${r}/${r}-d1.json`) === '', `${r}: the commit returned holds its record`);
  }
  assert.deepEqual((await store.history('edge1')).map((r) => r.id), ['edge1-d3', 'edge1-d2', 'edge1-d1']);
  assert.equal(JSON.parse(git(repo, 'show', 'translator/records:routers/edge1/live.json')).deploy, 'edge1-d3');
  const count = Number(git(repo, 'rev-list', '--count', 'translator/records').trim());
  assert.ok(count < 2 * routers.length + 2, `${count} commits for ${2 * routers.length + 2} writes: writes queued together were committed together`);
  const log = git(repo, 'log', '--format=%B', 'translator/records');
  for (const r of routers) assert.match(log, new RegExp(`Deploy-Id: ${r}-d1\\n`), `${r}: its record's message is in the history`);
});
