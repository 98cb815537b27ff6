// `plan --from-records`: what the records branch last knew a router to hold, chosen and aged
// right, on real repositories and a real remote (the records are fetched, never pushed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describeAge, describeRecorded, planFromRecords, readOnlyRecords, recordedRunning } from '../../../src/deploy/recorded-plan.js';
import type { DeployRecord } from '../../../src/deploy/record.js';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { cliLines } from '../../../src/iosxe/commands.js';
import { loadSettings } from '../../../src/settings/load.js';
import { REPO_ROOT, runCli } from '../../helpers/cli.js';
import { validDocument } from '../../helpers/schemas.js';
import { cloneRepo, commitFile, git, initBare, initRepo, tempDir } from '../../helpers/git.js';

const SEED = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'render', 'seed.cfg'), 'utf8');
const SECOND_NAT = 'ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant';
const WITH_SECOND = SEED.replace(/^(ip nat inside source static .*)$/m, `$1\n${SECOND_NAT}`);
const SETTINGS = 'routers:\n  - {name: edge1, host: 192.0.2.1, inside: Gi2, outside: Gi1, password: {env: EDGE1_PASS}}\ngit: {remote: origin}\n';

/** A deploy record as deploy writes it; `ended` decides whether it is newer than a backup. */
function deployRecord(id: string, commit: string, result: 'success' | 'reverted' | 'unknown', ended: Date): DeployRecord {
  const state = { success: 'new', reverted: 'old', unknown: 'unknown' } as const;
  return {
    id, router: 'edge1', kind: 'deploy', ref: 'main', commit, previousLive: null,
    started: new Date(ended.getTime() - 5000).toISOString(), ended: ended.toISOString(),
    actor: { kind: 'ci', name: 'ci job 7' }, result, state: state[result], message: result, commands: [], rollback: [],
    failedLines: [], revertTimerMinutes: 5, saved: false, backupBlob: null, summary: null,
  };
}

/** A GitOps repository (translator.yaml + the seed as intended config, then a change) with a bare remote. */
function gitopsRepo(dir: string) {
  const repo = initRepo(join(dir, 'repo'));
  git(repo, 'remote', 'add', 'origin', initBare(join(dir, 'remote.git')));
  commitFile(repo, 'translator.yaml', SETTINGS, 'settings');
  const live = commitFile(repo, 'routers/edge1/intended.cfg', SEED, 'the seed');
  const change = commitFile(repo, 'routers/edge1/intended.cfg', WITH_SECOND, 'a second floating IP');
  return { repo, live, change };
}

async function plan(repo: string, ref: string) {
  const settings = loadSettings({ repo, env: {} });
  const gitops = await GitOpsRepo.open(repo);
  const [view] = await planFromRecords({ repo: gitops, settings, routers: ['edge1'], refFor: async () => ({ ref, commit: git(repo, 'rev-parse', ref).trim() }) });
  assert.ok(view?.plan, view?.error);
  return { view, commands: cliLines(view.plan.commands) };
}

test('nothing recorded: planned against a router holding none of translator\'s config, and said so', async (t) => {
  const tmp = tempDir('recorded-none');
  t.after(tmp.remove);
  const { repo } = gitopsRepo(tmp.dir);
  const { view, commands } = await plan(repo, 'HEAD');
  assert.equal(view.recorded!.at, null);
  assert.ok(commands.includes(SECOND_NAT) && commands.includes('vrf definition mytenant'), 'the whole intent is to be added');
  assert.match(describeRecorded('edge1', view.recorded!, new Date()), /^edge1: planned offline against nothing recorded on translator\/records yet: planned as if the router held none of translator's config\. Changes made on the router since are not seen/);
});

test('after a successful deploy: the live commit\'s intended config (newer than its backup), so only the change is planned', async (t) => {
  const tmp = tempDir('recorded-live');
  t.after(tmp.remove);
  const { repo, live } = gitopsRepo(tmp.dir);
  const store = readOnlyRecords(await GitOpsRepo.open(repo), loadSettings({ repo, env: {} }));
  await store.saveBackup('edge1', 'hostname edge1\n', 'd1');
  const ended = new Date(Date.now() + 2000); // the deploy ends after its backup (commit times are whole seconds)
  await store.saveRecord(deployRecord('d1', live, 'success', ended), true);

  const { view, commands } = await plan(repo, 'HEAD');
  assert.deepEqual(commands, [SECOND_NAT]);
  assert.equal(view.recorded!.at, ended.toISOString());
  assert.match(view.recorded!.source, new RegExp(`^the intended config of ${live.slice(0, 12)}, live since deploy d1 \\(verified on the router when it ended\\)$`));
  const line = describeRecorded('edge1', view.recorded!, new Date(ended.getTime() + (3 * 60 + 5) * 60_000));
  assert.match(line, new RegExp(`recorded ${ended.toISOString()} \\(3 h 5 min ago\\)\\.`));
});

test('a later deploy that was reverted: its backup is the newer knowledge; a live commit missing from the clone falls back to it', async (t) => {
  const tmp = tempDir('recorded-backup');
  t.after(tmp.remove);
  const { repo, live } = gitopsRepo(tmp.dir);
  const store = readOnlyRecords(await GitOpsRepo.open(repo), loadSettings({ repo, env: {} }));
  await store.saveRecord(deployRecord('d1', live, 'success', new Date(Date.now() - 3_600_000)), true);
  // The router as the reverted deploy found it: the seed's tenant without its floating IP (hand-removed).
  const found = SEED.replace(/^ip nat inside source static .*\n/m, '');
  await store.saveBackup('edge1', found, 'd2');
  await store.saveRecord(deployRecord('d2', live, 'reverted', new Date()), false);

  const { view, commands } = await plan(repo, 'HEAD');
  assert.deepEqual(commands.filter((c) => c.startsWith('ip nat inside source static')), ['ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant', SECOND_NAT]);
  assert.equal(view.recorded!.source, 'the backup of its running-config taken by deploy d2');

  // A deploy whose end is unknown is said; a live commit this clone lacks is said and skipped.
  const gone = 'f'.repeat(40);
  await store.saveRecord(deployRecord('d3', gone, 'success', new Date(Date.now() + 2000)), true);
  await store.saveRecord(deployRecord('d4', gone, 'unknown', new Date(Date.now() + 4000)), false);
  const recorded = await recordedRunning(await GitOpsRepo.open(repo), store, 'edge1');
  assert.equal(recorded.text, found);
  assert.deepEqual(recorded.warnings.map((w) => w.replace(/\(d4, [^)]*\)/, '(d4, …)')), [
    `the live commit ${gone.slice(0, 12)} is not in this clone (fetch it): the older backup is used`,
    'the last deploy (d4, …) ended with the router in an unknown state: this plan may not start from what it holds',
  ]);
});

test('a fresh clone (a CI job) fetches the records from the remote and pushes nothing back', async (t) => {
  const tmp = tempDir('recorded-remote');
  t.after(tmp.remove);
  const { repo, live } = gitopsRepo(tmp.dir);
  git(repo, 'push', '-q', 'origin', 'main');
  const deployer = readOnlyRecords(await GitOpsRepo.open(repo), loadSettings({ repo, env: {} }));
  await deployer.saveBackup('edge1', 'hostname edge1\n', 'd1');
  await deployer.saveRecord(deployRecord('d1', live, 'success', new Date(Date.now() + 2000)), true);
  git(repo, 'push', '-q', 'origin', 'translator/records');
  const remoteTip = git(join(tmp.dir, 'remote.git'), 'rev-parse', 'translator/records').trim();

  const clone = cloneRepo(join(tmp.dir, 'remote.git'), join(tmp.dir, 'ci'));
  const { commands } = await plan(clone, 'HEAD');
  assert.deepEqual(commands, [SECOND_NAT], 'planned from the live commit the remote\'s records name');
  assert.equal(git(join(tmp.dir, 'remote.git'), 'rev-parse', 'translator/records').trim(), remoteTip, 'the remote is untouched');
});

test('the CLI: `plan --from-records` says what it started from in every format; it takes no router option', async (t) => {
  const tmp = tempDir('recorded-cli');
  t.after(tmp.remove);
  const { repo, live } = gitopsRepo(tmp.dir);
  const store = readOnlyRecords(await GitOpsRepo.open(repo), loadSettings({ repo, env: {} }));
  await store.saveBackup('edge1', 'hostname edge1\n', 'd1');
  await store.saveRecord(deployRecord('d1', live, 'success', new Date(Date.now() + 2000)), true);
  const env = { PATH: process.env.PATH, HOME: tmp.dir }; // no router credential at all
  const plan = (...args: string[]) => runCli(['plan', '--repo', repo, '--ref', 'HEAD', '--from-records', ...args], { env });

  const text = await plan();
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^# edge1: planned offline against the intended config of [0-9a-f]{12}, live since deploy d1 .*recorded \S+ \(\d+ s ago\)\./m);
  assert.ok(text.stdout.includes(SECOND_NAT));
  const markdown = await plan('--format', 'markdown');
  assert.match(markdown.stdout, /^> edge1: planned offline against /);
  const json = await plan('--format', 'json');
  const [entry] = (validDocument(json.stdout, 'plan') as { routers: { router: string; recorded: { source: string; at: string; warnings: string[] }; plan: { commands: unknown[] } }[] }).routers;
  assert.equal(entry!.router, 'edge1');
  assert.match(entry!.recorded.source, /^the intended config of /);
  assert.equal(entry!.plan.commands.length, 1);
  const changes = await plan('--detailed-exitcode');
  assert.equal(changes.code, 2, 'changes: exit 2, as online');

  const misuse = await runCli(['plan', '--repo', repo, '--from-records', '--running', join(tmp.dir, 'x.cfg')], { env });
  assert.equal(misuse.code, 64);
  assert.match(misuse.stderr, /--from-records reads no router: it takes neither --running nor --accept-new-host-key/);
});

test('ages read the way people say them', () => {
  assert.deepEqual([0, 45_000, 12 * 60_000, 3 * 3_600_000, (3 * 60 + 5) * 60_000, 50 * 3_600_000, 72 * 3_600_000, -5000].map(describeAge), [
    '0 s', '45 s', '12 min', '3 h', '3 h 5 min', '2 d 2 h', '3 d', '0 s',
  ]);
});
