// The records branch shared through the GitOps remote (issue 10, item 9), damaged files (item 10)
// and the router facts kept with the backup: real repositories, a real bare remote, two clones.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/gitops/git.js';
import type { DeployRecord } from '../../../src/deploy/record.js';
import { joinFile, unionLines } from '../../../src/deploy/records-merge.js';
import { RecordsStore } from '../../../src/deploy/records.js';
import type { RouterFacts } from '../../../src/iosxe/facts-types.js';
import { git, sharedRemote } from '../../helpers/git.js';

const AUTHOR = { name: 'translator', email: 'translator@localhost' };
const BRANCH = 'translator/records';
const SCOPE = { inside: 'GigabitEthernet2', outside: 'GigabitEthernet1', marker: 'translator:', prefix: 'TRANSLATOR-', adopt: [] };

function record(router: string, id: string, ended: string, commit = 'a'.repeat(40), previousLive: string | null = null): DeployRecord {
  return {
    id, router, kind: 'deploy', ref: 'main', commit, previousLive, started: ended, ended,
    actor: { kind: 'user', name: 'alice@ops' }, result: 'success', state: 'new', message: 'test', commands: ['vrf definition x'],
    rollback: [], failedLines: [], revertTimerMinutes: 5, saved: true, backupBlob: null, summary: { add: 1, change: 0, remove: 0 },
  };
}

function world(t: { after: (fn: () => void) => void }, n: number): { remote: string; clones: string[] } {
  const { bare, clones } = sharedRemote(t, 'records-shared', n);
  return { remote: bare, clones };
}

const shared = (repo: string, pushBack = true) => new RecordsStore(new Git(repo), BRANCH, AUTHOR, { remote: 'origin', pushBack });

test('a fresh clone reads the records from the remote: live commit, history', async (t) => {
  const { clones: [one, two] } = world(t, 2);
  const first = shared(one!);
  await first.saveRecord(record('edge1', 'd1', '2026-01-01T00:00:01.000Z', 'b'.repeat(40)), true);
  await first.push('origin');
  assert.throws(() => git(two!, 'rev-parse', '--verify', BRANCH), 'the fresh clone has no records branch of its own');

  const fresh = shared(two!);
  assert.equal((await fresh.live('edge1'))?.commit, 'b'.repeat(40));
  assert.deepEqual((await fresh.history('edge1')).map((r) => r.id), ['d1']);
  assert.deepEqual(await fresh.synced(), { remote: 'origin', note: 'records fetched from origin', warning: null });
  assert.equal(git(two!, 'rev-parse', 'refs/remotes/origin/translator/records').trim(), git(one!, 'rev-parse', BRANCH).trim(), 'the usual remote-tracking ref');
});

test('two clones that both recorded converge with every record of both', async (t) => {
  const { remote, clones: [one, two] } = world(t, 2);
  const a = shared(one!);
  await a.saveRecord(record('edge1', 'a1', '2026-01-01T00:00:01.000Z', '1'.repeat(40)), true);
  await a.push('origin');
  const b = shared(two!);
  await b.saveRecord(record('edge1', 'b2', '2026-01-01T00:00:02.000Z', '2'.repeat(40)), true);
  await b.push('origin');
  // Both machines now record without seeing each other (the remote is fetched once per store).
  await a.saveBackup('edge1', 'backup from one\n', 'a3');
  await a.saveRecord(record('edge1', 'a3', '2026-01-01T00:00:03.000Z', '3'.repeat(40)), true);
  await a.saveRecord(record('edge2', 'a5', '2026-01-01T00:00:05.000Z'), true);
  await b.saveRecord(record('edge1', 'b4', '2026-01-01T00:00:04.000Z', '4'.repeat(40)), true);
  await b.push('origin');

  // One's next store fetches, finds the branches diverged, joins them and pushes back.
  const again = shared(one!);
  assert.deepEqual((await again.history('edge1')).map((r) => r.id), ['b4', 'a3', 'b2', 'a1']);
  const synced = await again.synced();
  assert.match(synced.note ?? '', /joined origin's records with this clone's \(they had diverged\) and pushed them back/);
  assert.equal((await again.live('edge1'))?.deploy, 'b4', 'live.json: the newest since');
  assert.equal((await again.history('edge2')).length, 1);
  assert.equal(git(remote, 'show', `${BRANCH}:routers/edge1/running.cfg`), 'backup from one\n');
  const log = git(remote, 'show', `${BRANCH}:routers/edge1/deploys.log`).trim().split('\n');
  assert.deepEqual(log.map((l) => l.split(/\s{2,}/)[5]), ['a1', 'b2', 'a3', 'b4'], 'one line per deploy, in time order, none twice');
  assert.equal(git(remote, 'rev-list', '--count', '--merges', BRANCH).trim(), '1', 'a merge: both histories kept');

  // The other clone converges on the same records.
  const other = shared(two!);
  assert.deepEqual((await other.history('edge1')).map((r) => r.id), ['b4', 'a3', 'b2', 'a1']);
  assert.equal(git(two!, 'rev-parse', BRANCH).trim(), git(remote, 'rev-parse', BRANCH).trim());
});

test('an unreachable remote leaves the local copy, with a warning', async (t) => {
  const { clones: [one] } = world(t, 1);
  git(one!, 'remote', 'set-url', 'origin', join(one!, 'no-such-remote.git'));
  const store = shared(one!);
  await store.saveRecord(record('edge1', 'd1', '2026-01-01T00:00:01.000Z'), true);
  assert.equal((await store.history('edge1')).length, 1);
  assert.match((await store.synced()).warning ?? '', /records could not be fetched from origin .*using this clone's copy of translator\/records/);
});

test('damaged record files: each a problem of its router with a repair, never a crash', async (t) => {
  const { clones: [one] } = world(t, 1);
  const store = new RecordsStore(new Git(one!), BRANCH, AUTHOR);
  await store.saveRecord(record('edge1', 'd1', '2026-01-01T00:00:01.000Z'), true);
  await store.saveRecord(record('edge1', 'd2', '2026-01-01T00:00:02.000Z'), true);
  await store.saveRecord(record('edge2', 'e1', '2026-01-01T00:00:03.000Z'), true);
  // Someone edits the branch by hand: live.json not JSON, one record of the wrong shape.
  const tip = git(one!, 'rev-parse', BRANCH).trim();
  git(one!, 'update-ref', `refs/heads/${BRANCH}`, await commitEdits(one!, tip, {
    'routers/edge1/live.json': '{"commit": "aaa", ',
    'deploys/edge1/d2.json': JSON.stringify({ id: 'd2', router: 'edge1' }),
  }));

  const reader = new RecordsStore(new Git(one!), BRANCH, AUTHOR);
  assert.equal(await reader.live('edge1'), null);
  assert.deepEqual((await reader.history('edge1')).map((r) => r.id), ['d1'], 'the damaged record is skipped');
  assert.deepEqual((await reader.history('edge1', 1)).map((r) => r.id), ['d1'], 'also when only the newest is asked for');
  assert.equal((await reader.live('edge2'))?.deploy, 'e1', 'another router is unaffected');
  const problems = reader.problems('edge1');
  assert.deepEqual(problems.map((p) => p.file).sort(), ['deploys/edge1/d2.json', 'routers/edge1/live.json']);
  assert.match(problems.find((p) => p.file.endsWith('live.json'))!.problem, /^not valid JSON/);
  assert.match(problems.find((p) => p.file.endsWith('live.json'))!.repair, /a successful deploy of the router rewrites it; .*git log -p translator\/records -- routers\/edge1\/live\.json/);
  assert.match(problems.find((p) => p.file.endsWith('d2.json'))!.problem, /^not of its shape: kind: /);
  assert.deepEqual(reader.problems('edge2'), []);

  // A successful deploy rewrites live.json: the problem is gone.
  await reader.saveRecord(record('edge1', 'd3', '2026-01-01T00:00:04.000Z'), true);
  assert.equal((await reader.live('edge1'))?.deploy, 'd3');
  assert.deepEqual(reader.problems('edge1').map((p) => p.file), ['deploys/edge1/d2.json']);
});

/** A commit on `base` replacing these files (a hand edit of the branch). */
async function commitEdits(repo: string, base: string, files: Record<string, string>): Promise<string> {
  const { commitTree } = await import('../../../src/deploy/records-tree.js');
  return (await commitTree(new Git(repo), { base: { commit: base }, files, message: 'hand edit', identity: AUTHOR })).commit;
}

const FACTS: RouterFacts = {
  interfaceAddresses: [{ address: '203.0.113.2', interface: 'GigabitEthernet1' }],
  unownedNatGlobals: [{ first: '198.51.100.5', last: '198.51.100.5', line: 'ip nat inside source static 172.16.20.5 198.51.100.5' }],
  legacyVrfs: ['old'],
};

test('router facts are saved with the backup, in the same commit, and read back', async (t) => {
  const { clones: [one] } = world(t, 1);
  const store = new RecordsStore(new Git(one!), BRANCH, AUTHOR);
  assert.equal(await store.facts('edge1'), null, 'none yet');
  const saved = await store.saveBackup('edge1', 'vrf definition x\n', 'd1', FACTS);
  assert.deepEqual(git(one!, 'diff-tree', '--no-commit-id', '--name-only', '-r', '--root', saved.commit!).trim().split('\n').sort(), ['routers/edge1/facts.json', 'routers/edge1/running.cfg']);
  assert.deepEqual(await store.facts('edge1'), FACTS);

  const tip = git(one!, 'rev-parse', BRANCH).trim();
  git(one!, 'update-ref', `refs/heads/${BRANCH}`, await commitEdits(one!, tip, { 'routers/edge1/facts.json': '{"interfaceAddresses": 3}' }));
  const reader = new RecordsStore(new Git(one!), BRANCH, AUTHOR);
  assert.equal(await reader.facts('edge1'), null);
  assert.match(reader.problems('edge1')[0]!.problem, /^not of its shape: interfaceAddresses/);
});

test('outsideNatBeforeTranslator: what the first backup ever recorded said, whatever came later', async (t) => {
  const { clones: [one] } = world(t, 1);
  const store = new RecordsStore(new Git(one!), BRANCH, AUTHOR);
  assert.equal(await store.outsideNatBeforeTranslator('edge1', SCOPE), null, 'no backup yet');
  await store.saveBackup('edge1', 'interface GigabitEthernet1\n ip nat outside\n!\nend\n', 'd1');
  await store.saveBackup('edge1', 'vrf definition x\n description translator: x\n!\nend\n', 'd2');
  await store.saveBackup('edge2', 'vrf definition y\n description translator: y\n!\nend\n', 'e1');
  await store.saveBackup('edge2', 'interface GigabitEthernet1\n ip nat outside\n!\nend\n', 'e2');
  assert.equal(await store.outsideNatBeforeTranslator('edge1', SCOPE), true, 'a hand-made line, there before translator');
  assert.equal(await store.outsideNatBeforeTranslator('edge2', SCOPE), false, 'added later: translator\'s');
  assert.equal(await store.outsideNatBeforeTranslator('edge2', { ...SCOPE, outside: 'GigabitEthernet3' }), false, 'on another interface it does not count');
  assert.equal(await store.outsideNatBeforeTranslator('edge3', SCOPE), null);
  // A router whose first backup came after the store read the others', and was empty (nothing owned yet): false, not null.
  await store.saveBackup('edge3', '', 'f1');
  await store.saveBackup('edge3', 'interface GigabitEthernet1\n ip nat outside\n!\nend\n', 'f2');
  assert.equal(await store.outsideNatBeforeTranslator('edge3', SCOPE), false, 'an empty first backup had no ip nat outside');
  const fresh = new RecordsStore(new Git(one!), BRANCH, AUTHOR);
  assert.deepEqual(
    await Promise.all(['edge1', 'edge2', 'edge3', 'edge4'].map((r) => fresh.outsideNatBeforeTranslator(r, SCOPE))),
    [true, false, false, null],
    'the same answers when every router is read at once',
  );
});

test('outsideNatBeforeTranslator: the first backups are read once per repository while only this process moves the branch, again when another writer does', async (t) => {
  const { clones: [one] } = world(t, 1);
  // A git first on PATH that logs each command: how often the first backups are read.
  const bin = join(one!, '..', 'logging-git');
  const log = join(bin, 'commands.log');
  mkdirSync(bin, { recursive: true });
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(realGit)} "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  t.after(() => (process.env.PATH = path));
  const reads = () => (existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n').filter((l) => l.startsWith('log --reverse --diff-filter=A')).length;

  const repo = new Git(one!);
  const first = new RecordsStore(repo, BRANCH, AUTHOR);
  await first.saveBackup('edge1', 'interface GigabitEthernet1\n ip nat outside\n!\nend\n', 'd1');
  assert.equal(await first.outsideNatBeforeTranslator('edge1', SCOPE), true);
  assert.equal(reads(), 1);
  // Deploys of this process (a new store each, as the watch daemon makes): their own commits keep what was read.
  for (let i = 2; i <= 4; i++) {
    const store = new RecordsStore(repo, BRANCH, AUTHOR);
    await store.saveBackup('edge1', `vrf definition v${i}\n description translator: v${i}\n!\nend\n`, `d${i}`);
    await store.saveRecord(record('edge1', `r${i}`, `2026-01-0${i}T00:00:00.000Z`), true);
    assert.equal(await store.outsideNatBeforeTranslator('edge1', SCOPE), true);
  }
  assert.equal(reads(), 1, 'no git log for the own commits');
  // Another writer puts a different history on the branch (as a join with another clone's records may): read again.
  const other = new Git(one!);
  t.after(() => other.close());
  const orphan = new RecordsStore(other, 'translator/other', AUTHOR);
  await orphan.saveBackup('edge1', 'vrf definition w\n description translator: w\n!\nend\n', 'x1');
  git(one!, 'update-ref', `refs/heads/${BRANCH}`, git(one!, 'rev-parse', 'refs/heads/translator/other').trim());
  const after = new RecordsStore(repo, BRANCH, AUTHOR);
  assert.equal(await after.outsideNatBeforeTranslator('edge1', SCOPE), false, 'the first backup of the branch as it is now');
  assert.equal(reads(), 2);
  repo.close();
});

test('joining files both sides changed: logs by union in time order, live and records by their own time', () => {
  assert.equal(unionLines('2026-01-01T01 a\n2026-01-01T03 c\n', '2026-01-01T02 b\n2026-01-01T03 c\n'), '2026-01-01T01 a\n2026-01-01T02 b\n2026-01-01T03 c\n');
  const live = (since: string) => JSON.stringify({ commit: 'c'.repeat(40), deploy: since, since });
  assert.equal(joinFile('routers/edge1/live.json', live('2026-01-02T00:00:00Z'), live('2026-01-01T00:00:00Z')), live('2026-01-02T00:00:00Z'));
  assert.equal(joinFile('routers/edge1/live.json', 'garbage', live('2026-01-01T00:00:00Z')), live('2026-01-01T00:00:00Z'), 'a damaged side loses');
  const older = JSON.stringify(record('edge1', 'x', '2026-01-01T00:00:00.000Z'));
  const newer = JSON.stringify(record('edge1', 'x', '2026-01-03T00:00:00.000Z'));
  assert.equal(joinFile('deploys/edge1/x.json', older, newer), newer);
  assert.equal(joinFile('routers/edge1/running.cfg', 'a', 'b'), null, 'decided by which side changed it last');
});
