// The per-router lock across real processes: busy while held, released, stale locks broken by
// exactly one of many racing breakers, pid reuse not mistaken for the holder.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { acquireLock, holderAlive, LockBusy } from '../../../src/deploy/lock.js';

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
