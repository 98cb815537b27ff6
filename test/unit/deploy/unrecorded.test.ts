// A record that cannot be committed is kept in the clone's git dir and committed by the next
// deploy (unrecorded.ts, finish.ts); real repositories, a records store that fails on purpose.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { finish, recordOf } from '../../../src/deploy/finish.js';
import { RecordsStore } from '../../../src/deploy/records.js';
import { commitUnrecorded, keepUnrecorded, listUnrecorded } from '../../../src/deploy/unrecorded.js';
import { Git } from '../../../src/gitops/git.js';
import { git, initRepo, tempDir } from '../../helpers/git.js';
import { fakeRun, FakeRouter } from './fake-router.js';

const IDENTITY = { name: 'translator', email: 'translator@example.invalid' };

/** The store as it is, except that committing a record fails with `why`. */
function failingRecords(records: RecordsStore, why: string, more: object = {}): RecordsStore {
  return Object.assign(Object.create(records) as RecordsStore, {
    saveRecord: async () => {
      throw new Error(why);
    },
    ...more,
  });
}

function repo(t: { after: (fn: () => void) => void }) {
  const tmp = tempDir('unrecorded');
  t.after(tmp.remove);
  const dir = initRepo(join(tmp.dir, 'repo'));
  git(dir, 'commit', '-q', '--allow-empty', '-m', 'init');
  return { dir, git: new Git(dir), records: new RecordsStore(new Git(dir), 'translator/records', IDENTITY) };
}

test('finish: a record that cannot be committed is kept in <git-dir>/translator/unrecorded, and says so', async (t) => {
  const r = repo(t);
  const run = fakeRun(new FakeRouter(), { records: failingRecords(r.records, 'unable to create temporary file: No space left on device') });
  const outcome = await finish(run, { result: 'success', state: 'new', message: 'deployed' });
  assert.equal(outcome.recordCommit, null);
  assert.equal(outcome.unrecorded, join(r.dir, '.git/translator/unrecorded', `${run.id}.json`));
  assert.match(outcome.recordProblem!, /could not be written to translator\/records \(unable to create temporary file: No space left on device\); it is kept in .*translator status/);
  assert.deepEqual(JSON.parse(readFileSync(outcome.unrecorded!, 'utf8')), outcome.record);
});

test('finish: when the git dir cannot take it either, the whole record is in the message', async (t) => {
  const r = repo(t);
  // A git dir where a plain file stands in the way of the folder.
  writeFileSync(join(r.dir, '.git/translator-blocked'), '');
  const failing = failingRecords(r.records, 'read-only file system', { git: { privatePath: async () => join(r.dir, '.git/translator-blocked/unrecorded') } });
  const outcome = await finish(fakeRun(new FakeRouter(), { records: failing }), { result: 'reverted', state: 'old', message: 'reverted' });
  assert.equal(outcome.unrecorded, null);
  const json = /the record follows, keep it: (\{.*\})$/.exec(outcome.recordProblem!)?.[1];
  assert.deepEqual(JSON.parse(json!), outcome.record);
});

test('the next deploy commits waiting records (live.json for a success), removes the files, and reports a damaged one', async (t) => {
  const r = repo(t);
  const run = fakeRun(new FakeRouter(), { records: failingRecords(r.records, 'disk full') });
  const outcome = await finish(run, { result: 'success', state: 'new', message: 'deployed' });
  const damaged = join(r.dir, '.git/translator/unrecorded/broken.json');
  writeFileSync(damaged, '{ not json');
  assert.deepEqual((await listUnrecorded(r.git)).map((u) => ('record' in u ? u.record.id : 'damaged')), [run.id, 'damaged'], 'oldest (by id) first');

  const notes = await commitUnrecorded(r.records);
  assert.equal(notes.length, 2);
  assert.match(notes[0]!, new RegExp(`edge1: committed the record of deploy ${run.id} \\(success\\)`));
  assert.match(notes[1]!, /broken\.json is not a deploy record translator can read/);
  assert.equal(existsSync(outcome.unrecorded!), false);
  assert.equal(existsSync(damaged), true, 'a file translator cannot read is left for a person');
  assert.deepEqual(JSON.parse(git(r.dir, 'show', `translator/records:deploys/edge1/${run.id}.json`)), outcome.record);
  assert.equal(JSON.parse(git(r.dir, 'show', 'translator/records:routers/edge1/live.json')).deploy, run.id);
});

test('an older waiting record does not take live.json from a newer deploy', async (t) => {
  const r = repo(t);
  const old = fakeRun(new FakeRouter(), { records: r.records });
  const kept = await keepUnrecorded(r.git, { ...recordOf(old, { result: 'success', state: 'new', message: 'deployed' }), ended: '2000-01-01T00:00:00.000Z' });
  const newer = fakeRun(new FakeRouter(), { records: r.records });
  await finish(newer, { result: 'success', state: 'new', message: 'deployed later' });
  await commitUnrecorded(r.records);
  assert.equal(existsSync(kept), false);
  assert.equal(JSON.parse(git(r.dir, 'show', 'translator/records:routers/edge1/live.json')).deploy, newer.id);
  assert.match(git(r.dir, 'show', 'translator/records:routers/edge1/deploys.log'), new RegExp(old.id));
});
