// The per-router lock across real processes: busy while held, released, stale locks broken by
// exactly one of many racing breakers, pid reuse not mistaken for the holder; the directory and
// its files safe from other users (no foreign or open directory, no link followed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLock, currentLock, DeployBlocked, holderAlive, LockBusy, LockDirUnsafe, removeStaleLocks } from '../../../src/deploy/lock.js';

const LOCK_MODULE = fileURLToPath(new URL('../../../src/deploy/lock.ts', import.meta.url));

function tempLockDir(t: { after: (fn: () => void) => void }): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'translator-lock-test-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A child process that tries the lock and reports: WON (then holds it for `holdMs`) or BUSY. */
function contender(dir: string, holdMs: number, startAt: number): Promise<string> {
  const script = `
    import { acquireLock } from ${JSON.stringify(LOCK_MODULE)};
    while (Date.now() < ${startAt}) {}
    try {
      const lock = acquireLock(${JSON.stringify(dir)}, 'edge1', 'race');
      process.stdout.write('WON');
      setTimeout(() => lock.release(), ${holdMs});
    } catch (error) {
      process.stdout.write(error.name === 'LockBusy' ? 'BUSY' : 'ERROR ' + error.message);
    }`;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('error', reject);
    child.on('exit', () => resolve(out));
  });
}

test('held: a second taker is refused with who holds it; released: it can be taken again', (t) => {
  const dir = tempLockDir(t);
  const lock = acquireLock(dir, 'edge1', 'deploy edge1');
  assert.throws(() => acquireLock(dir, 'edge1', 'other'), (error: unknown) => {
    assert.ok(error instanceof LockBusy);
    assert.equal(error.holder.pid, process.pid);
    assert.match(error.message, /holds the deploy lock \(pid \d+ on .*deploy edge1\)/);
    return true;
  });
  const other = acquireLock(dir, 'edge2', 'another router');
  lock.release();
  acquireLock(dir, 'edge1', 'again').release();
  other.release();
});

test('a lock held by another process refuses this one', async (t) => {
  const dir = tempLockDir(t);
  const start = Date.now() + 300;
  const holder = contender(dir, 2000, start);
  while (!readdirSync(dir).some((f) => f.startsWith('edge1.lock.'))) await new Promise((r) => setTimeout(r, 20));
  assert.throws(() => acquireLock(dir, 'edge1', 'me'), LockBusy);
  assert.equal(await holder, 'WON');
  acquireLock(dir, 'edge1', 'after the holder released').release();
});

test('a stale lock of a dead process is broken by exactly one of many racing processes', async (t) => {
  const dir = tempLockDir(t);
  // pid_max is at most 2^22 on Linux: this pid cannot exist.
  writeFileSync(path.join(dir, 'edge1.lock.3'), JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), started: '2020-01-01T00:00:00Z', purpose: 'crashed run' }));
  // All start at the same instant (after tsx has loaded); the winner holds long enough that a
  // latecomer on a loaded machine still finds it held.
  const startAt = Date.now() + 2500;
  const results = await Promise.all(Array.from({ length: 8 }, () => contender(dir, 5000, startAt)));
  assert.equal(results.filter((r) => r === 'WON').length, 1, results.join(','));
  assert.equal(results.filter((r) => r === 'BUSY').length, 7, results.join(','));
});

test('liveness: a dead pid is stale, a reused pid (other start time) is stale, another host is never broken', () => {
  const host = os.hostname();
  assert.equal(holderAlive({ pid: process.pid, host, started: '', purpose: '' }), true);
  assert.equal(holderAlive({ pid: 2 ** 22 + 7, host, started: '', purpose: '' }), false);
  assert.equal(holderAlive({ pid: process.pid, host, started: '', purpose: '', processStart: '1' }), false, 'same pid, different process');
  assert.equal(holderAlive({ pid: 2 ** 22 + 7, host: `${host}-elsewhere`, started: '', purpose: '' }), true);
});

test('the lock directory is created 0700; one that is a link, another user\'s, or group/world-writable is refused', (t) => {
  const base = tempLockDir(t);
  const fresh = path.join(base, 'a', 'locks');
  acquireLock(fresh, 'edge1', 'first').release();
  assert.equal(statSync(fresh).mode & 0o777, 0o700);

  const refused = (dir: string, message: RegExp) =>
    assert.throws(() => acquireLock(dir, 'edge1', 'x'), (error: unknown) => {
      assert.ok(error instanceof LockDirUnsafe, String(error));
      assert.ok(error instanceof DeployBlocked, 'a deploy turns it into a refusal');
      assert.match(error.message, message);
      return true;
    });
  const open = path.join(base, 'open');
  mkdirSync(open);
  chmodSync(open, 0o777);
  refused(open, /lock directory .*open is writable by everyone \(mode 777\)/);
  chmodSync(open, 0o775);
  refused(open, /is writable by its group \(mode 775\)/);
  chmodSync(open, 0o755);
  acquireLock(open, 'edge1', 'not writable by others: fine').release();

  const link = path.join(base, 'link');
  symlinkSync(fresh, link);
  refused(link, /lock directory .*link is a symbolic link: refusing to follow it/);

  if (process.getuid?.() === 0) {
    const theirs = path.join(base, 'theirs');
    mkdirSync(theirs, { mode: 0o700 });
    chownSync(theirs, 65534, 65534);
    refused(theirs, /lock directory .*theirs belongs to uid 65534, not to this user \(uid 0\)/);
  } else {
    t.diagnostic('not root: another user\'s directory cannot be made here (covered when the suite runs as root, as in CI)');
  }
  assert.deepEqual(readdirSync(open).filter((f) => f.endsWith('.tmp')), [], 'no temp file left behind');
});

test('a planted symbolic link is never followed: not as a temp file, not as a lock file', (t) => {
  const dir = tempLockDir(t);
  const victim = path.join(tempLockDir(t), 'victim');
  writeFileSync(victim, 'precious\n');
  // The temp name the lock used to write through (pid and attempt were predictable).
  symlinkSync(victim, path.join(dir, `.edge1.${process.pid}.0.tmp`));
  acquireLock(dir, 'edge1', 'deploy').release();
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');

  // A link where the lock itself would be: refused, never read through or written through.
  symlinkSync(victim, path.join(dir, 'edge1.lock.9'));
  assert.throws(() => acquireLock(dir, 'edge1', 'deploy'), (error: unknown) => error instanceof LockDirUnsafe && /edge1\.lock\.9 is a symbolic link/.test(error.message));
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
});

test('status and unlock: another host\'s lock is shown and removed; a live local holder is never removed', (t) => {
  const dir = tempLockDir(t);
  assert.equal(currentLock(path.join(dir, 'none'), 'edge1'), null, 'no directory: no lock, nothing created');
  assert.equal(existsSync(path.join(dir, 'none')), false);
  const mine = acquireLock(dir, 'edge1', 'deploy edge1');
  assert.equal(currentLock(dir, 'edge1')!.live, true);
  assert.throws(() => removeStaleLocks(dir, 'edge1'), LockBusy);
  mine.release();

  writeFileSync(path.join(dir, 'edge1.lock.4'), JSON.stringify({ pid: 1234, host: 'ci-runner-7', started: '2026-01-01T00:00:00Z', purpose: 'deploy edge1 abc' }));
  const held = currentLock(dir, 'edge1')!;
  assert.equal(held.holder.host, 'ci-runner-7');
  assert.equal(held.live, false);
  assert.throws(() => acquireLock(dir, 'edge1', 'deploy'), (error: unknown) => error instanceof LockBusy && /`translator unlock --router edge1` removes it/.test(error.message));
  assert.deepEqual(removeStaleLocks(dir, 'edge1').map((l) => l.holder.host), ['ci-runner-7']);
  assert.equal(currentLock(dir, 'edge1'), null);
  acquireLock(dir, 'edge1', 'deploy').release();
});
