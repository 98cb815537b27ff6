// The deploy lease on the GitOps remote: real clones of a real bare remote (file://) and of a
// `git daemon` remote (git://); racing takers in separate processes, take-over of an expired or
// orphaned lease, renewal, loss, and an unreachable remote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Git } from '../../../src/gitops/git.js';
import { acquireDeployGuard } from '../../../src/deploy/guard.js';
import { unlock, UnlockRefused } from '../../../src/deploy/holders.js';
import { leaseRef, leaseState, LeaseBusy, LeaseUnavailable, RemoteLeases, type LeaseInfo } from '../../../src/deploy/lease.js';
import { acquireLock, DeployBlocked } from '../../../src/deploy/lock.js';
import { RecordsStore } from '../../../src/deploy/records.js';
import { git, sharedRemote, startGitDaemon } from '../../helpers/git.js';
import { eventually } from '../watch/harness.js';

const AUTHOR = { name: 'translator', email: 'translator@localhost' };
const LEASE_MODULE = fileURLToPath(new URL('../../../src/deploy/lease.ts', import.meta.url));
const GIT_MODULE = fileURLToPath(new URL('../../../src/gitops/git.ts', import.meta.url));

const world = (t: { after: (fn: () => void) => void }, n: number) => sharedRemote(t, 'lease', n);

const request = (deploy: string, seconds = 300) => ({ router: 'edge1', deploy, purpose: `deploy edge1 ${deploy}`, actor: `${deploy}@ops`, seconds });
const remoteLease = (bare: string) => git(bare, 'for-each-ref', '--format=%(objectname)', leaseRef('edge1')).trim();

test('taken, refused to a second machine with the holder named, released: the ref is gone', async (t) => {
  const { bare, clones: [one, two] } = world(t, 2);
  const a = new RemoteLeases(new Git(one!), 'origin', AUTHOR);
  const b = new RemoteLeases(new Git(two!), 'origin', AUTHOR);
  const held = await a.take(request('d1'));
  assert.notEqual(remoteLease(bare), '');
  await assert.rejects(b.take(request('d2')), (error: unknown) => {
    assert.ok(error instanceof LeaseBusy && error instanceof DeployBlocked);
    assert.match(error.message, new RegExp(`another translator holds the deploy lease on origin: deploy d1 \\(deploy edge1 d1\\) by d1@ops, pid ${process.pid} on ${os.hostname()}`));
    assert.match(error.message, /expires by itself at .*`translator unlock --router edge1` removes it/);
    return true;
  });
  assert.equal(held.lost(), null);
  await held.release();
  assert.equal(remoteLease(bare), '', 'released: no lease ref on the remote');
  (await b.take(request('d3'))).release();
});

/**
 * A process that tries to take the lease from its own clone at `startAt` and prints WON or BUSY;
 * a winner holds the lease (alive: a dead holder of this host may be taken over) until `finish`.
 */
function contender(repo: string, deploy: string, startAt: number): { result: Promise<string>; finish: () => Promise<void> } {
  const script = `
    import { RemoteLeases } from ${JSON.stringify(LEASE_MODULE)};
    import { Git } from ${JSON.stringify(GIT_MODULE)};
    const leases = new RemoteLeases(new Git(${JSON.stringify(repo)}), 'origin', { name: 't', email: 't@t' });
    while (Date.now() < ${startAt}) {}
    try {
      const held = await leases.take({ router: 'edge1', deploy: ${JSON.stringify(deploy)}, purpose: 'race', actor: 'race', seconds: 300 });
      process.stdout.write('WON');
      process.stdin.on('end', () => held.release()).resume();
    } catch (error) {
      process.stdout.write(error.name === 'LeaseBusy' ? 'BUSY' : 'ERROR ' + error.message);
    }`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const result = new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (d: Buffer) => resolve(d.toString()));
    child.on('error', reject);
    void exited.then(() => resolve('EXITED'));
  });
  return { result, finish: () => (child.stdin.end(), exited) };
}

for (const transport of ['file://', 'git daemon'] as const) {
  test(`racing processes on several clones (${transport}): exactly one takes the lease`, async (t) => {
    const w = world(t, 6);
    if (transport === 'git daemon') {
      const daemon = await startGitDaemon(w.dir);
      t.after(() => daemon.stop());
      for (const clone of w.clones) git(clone, 'remote', 'set-url', 'origin', daemon.url('remote.git'));
    }
    const startAt = Date.now() + 2500;
    const contenders = w.clones.map((clone, i) => contender(clone, `d${i}`, startAt));
    const results = await Promise.all(contenders.map((c) => c.result));
    await Promise.all(contenders.map((c) => c.finish()));
    assert.equal(remoteLease(w.bare), '', 'the winner released it');
    assert.equal(results.filter((r) => r === 'WON').length, 1, results.join(','));
    assert.equal(results.filter((r) => r === 'BUSY').length, w.clones.length - 1, results.join(','));
  });
}

/** Puts a lease of someone else on the remote, as another machine would have left it. */
async function plant(repo: string, info: Partial<LeaseInfo>): Promise<void> {
  const gitRepo = new Git(repo);
  const renewed = info.renewed ?? new Date().toISOString();
  const full: LeaseInfo = {
    router: 'edge1', deploy: 'old', purpose: 'deploy edge1 old', actor: 'ci', host: 'ci-runner-7', pid: 4242,
    taken: renewed, renewed, seconds: 300, expires: new Date(Date.parse(renewed) + 300_000).toISOString(), nonce: 'x', ...info,
  };
  const tree = (await gitRepo.runWithInput(['mktree'], '')).toString().trim();
  const commit = (await gitRepo.runWithMessage(['commit-tree', tree], `lease\n\n${JSON.stringify(full)}\n`, { env: { GIT_AUTHOR_NAME: 'x', GIT_AUTHOR_EMAIL: 'x@x', GIT_COMMITTER_NAME: 'x', GIT_COMMITTER_EMAIL: 'x@x' } })).trim();
  // A holder renewing at that moment moves the ref under the push (the remote then refuses even a forced
  // push: "cannot lock ref … expected …"): push again, as another machine taking the lease over would.
  for (let attempt = 1; ; attempt++) {
    try {
      git(repo, 'push', '-q', '--force', 'origin', `${commit}:${leaseRef('edge1')}`);
      return;
    } catch (error) {
      if (attempt >= 20 || !/cannot lock ref|failed to update ref/.test(String((error as { stderr?: unknown }).stderr ?? error))) throw error;
    }
  }
}

test('an expired lease of another host, or one whose process on this host is gone, is taken over', async (t) => {
  const { bare, clones: [one] } = world(t, 1);
  const leases = new RemoteLeases(new Git(one!), 'origin', AUTHOR);
  const logs: string[] = [];

  await plant(one!, { renewed: new Date(Date.now() - 3_600_000).toISOString() });
  const first = await leases.take({ ...request('d1'), log: (m) => logs.push(m) });
  assert.match(logs.join('\n'), /taking over the deploy lease of deploy old .*pid 4242 on ci-runner-7.*: not renewed since/);
  await first.release();
  assert.equal(remoteLease(bare), '');

  await plant(one!, { host: os.hostname(), pid: 2 ** 22 + 9 }); // renewed just now, but that process cannot exist
  const second = await leases.take({ ...request('d2'), log: (m) => logs.push(m) });
  assert.match(logs.at(-1)!, /its process is gone/);
  await second.release();

  await plant(one!, {}); // another host's, renewed just now: held
  await assert.rejects(leases.take(request('d3')), LeaseBusy);
});

test('leaseState judges by this machine\'s clock: renewed within its seconds is held', () => {
  const info = { host: 'elsewhere', pid: 1, renewed: '2026-01-01T00:00:00.000Z', seconds: 60 } as LeaseInfo;
  assert.equal(leaseState(info, Date.parse('2026-01-01T00:00:59.000Z')), 'held');
  assert.equal(leaseState(info, Date.parse('2026-01-01T00:01:01.000Z')), 'expired');
  assert.equal(leaseState(info, Date.parse('2025-12-31T23:00:00.000Z')), 'held', 'renewed "in the future" (a clock ahead of ours): held');
});

test('renewed while held; a holder whose lease was taken over learns it has lost it, and never deletes the new one', async (t) => {
  const { bare, clones: [one, two] } = world(t, 2);
  const held = await new RemoteLeases(new Git(one!), 'origin', AUTHOR).take(request('d1', 0.3));
  const taken = remoteLease(bare);
  await eventually('renewed', () => remoteLease(bare) !== taken);
  assert.equal(held.lost(), null);

  // Another machine takes it over (as it may once the lease has expired, e.g. the holder hung).
  await plant(two!, { deploy: 'other' });
  const theirs = remoteLease(bare);
  await eventually('the loss is noticed', () => held.lost() !== null);
  assert.match(held.lost()!, /taken over or removed while this deploy held it/);
  await held.release();
  assert.equal(remoteLease(bare), theirs, 'the other holder\'s lease is left alone');
});

test('an unreachable remote refuses: a lease cannot be taken blind', async (t) => {
  const { clones: [one] } = world(t, 1);
  git(one!, 'remote', 'set-url', 'origin', 'git://127.0.0.1:1/nothing.git');
  await assert.rejects(new RemoteLeases(new Git(one!), 'origin', AUTHOR).take(request('d1')), (error: unknown) => {
    assert.ok(error instanceof LeaseUnavailable);
    assert.match(error.message, /cannot reach the deploy lease on origin \(.*\)\. Refusing: .*set deploy\.lease: local/);
    return true;
  });
});

test('the deploy guard: local lock, then the lease; a refused lease releases the lock; no remote: the lock alone', async (t) => {
  const { bare, dir, clones: [one, two] } = world(t, 2);
  const store = (repo: string, enabled = true) => new RecordsStore(new Git(repo), 'translator/records', AUTHOR, { remote: 'origin', lease: { enabled, seconds: 300 } });
  const guardOf = (repo: string, lockDir: string, enabled = true) =>
    acquireDeployGuard({ router: 'edge1', lockDir, purpose: 'deploy edge1 x', deployId: 'd', actor: { kind: 'user', name: 'a@b' }, records: store(repo, enabled) });

  const held = await guardOf(one!, join(dir, 'locks-one'));
  assert.notEqual(remoteLease(bare), '');
  await assert.rejects(guardOf(two!, join(dir, 'locks-two')), LeaseBusy);
  acquireLock(join(dir, 'locks-two'), 'edge1', 'the refused guard released its lock').release();
  await held.release();
  assert.equal(remoteLease(bare), '');

  const local = await guardOf(two!, join(dir, 'locks-two'), false);
  assert.equal(remoteLease(bare), '', 'deploy.lease: local takes no lease');
  await local.release();
  git(two!, 'remote', 'remove', 'origin');
  const alone = await guardOf(two!, join(dir, 'locks-two'));
  await alone.release();
});


test('unlock refuses while a live process of this host holds the lock or the lease, and removes nothing', async (t) => {
  const { bare, dir, clones: [one] } = world(t, 1);
  const records = new RecordsStore(new Git(one!), 'translator/records', AUTHOR, { remote: 'origin', lease: { enabled: true, seconds: 300 } });
  const lockDir = join(dir, 'locks');
  const actor = { kind: 'user' as const, name: 'alice@ops' };
  const held = await acquireDeployGuard({ router: 'edge1', lockDir, purpose: 'deploy edge1 x', deployId: 'd1', actor, records });
  await assert.rejects(unlock(records, lockDir, 'edge1', actor), (error: unknown) => error instanceof UnlockRefused && /the lock is held by pid \d+ on .*a live process of this host.*nothing removed/.test(error.message));
  assert.notEqual(remoteLease(bare), '', 'the lease is still there');
  // The lease alone (the lock of another directory): still a live process of this host.
  await assert.rejects(unlock(records, join(dir, 'other-locks'), 'edge1', actor), (error: unknown) => error instanceof UnlockRefused && /the lease is held by a live process of this host/.test(error.message));
  await held.release();
  assert.deepEqual(await unlock(records, lockDir, 'edge1', actor), [], 'nothing left to remove, nothing recorded');
  assert.throws(() => git(one!, 'rev-parse', '--verify', 'translator/records'), 'no unlock record for nothing');
});
