// The walk through the phases (deploy.ts): the whole run on a fake router, the lock, and what an
// interrupt does at each point — end (nothing sent), revert (not confirmed yet), finish (confirmed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { deployRouter, onInterrupt, runPhases } from '../../../src/deploy/deploy.js';
import { acquireLock } from '../../../src/deploy/lock.js';
import { confirm, verify } from '../../../src/deploy/phases-change.js';
import { readAndPlan } from '../../../src/deploy/phases-prepare.js';
import { tempDir } from '../../helpers/git.js';
import { fakeRecords, fakeRun, FakeRouter, NEW, OLD, pushedRun } from './fake-router.js';

function options(lockDir: string) {
  return { revertTimerMinutes: 5, save: 'on-change' as const, inUse: 'fail' as const, allowNoArchive: false, lockDir };
}

test('a whole deploy on a fake router: phases in order, success recorded, lock released', async (t) => {
  const tmp = tempDir('deploy-unit');
  t.after(tmp.remove);
  const device = new FakeRouter();
  const records = fakeRecords();
  const outcome = await deployRouter(fakeRun(device, { records, options: options(tmp.dir) }).req);
  assert.equal(outcome.record.result, 'success', outcome.record.message);
  assert.equal(outcome.record.state, 'new');
  assert.deepEqual(device.calls, [
    'hasArchive',
    'pendingRollback',
    'getRunningConfig',
    'pendingRollback', // before the push: nobody started a change meanwhile
    'apply',
    'pendingRollback', // check-timer
    'getRunningConfig', // verify
    'confirm',
    'pendingRollback', // verify-after-confirm
    'getRunningConfig',
    'save',
    'close',
  ]);
  assert.deepEqual(records.saved.map((r) => r.result), ['success']);
  assert.deepEqual(records.saved[0]!.adopt, []);
  acquireLock(tmp.dir, 'edge1', 'the lock is free again').release();
});

test('a held lock refuses before the router is touched; the refusal is recorded', async (t) => {
  const tmp = tempDir('deploy-unit');
  t.after(tmp.remove);
  const held = acquireLock(join(tmp.dir), 'edge1', 'another run');
  t.after(() => held.release());
  const device = new FakeRouter();
  const records = fakeRecords();
  const outcome = await deployRouter(fakeRun(device, { records, options: options(tmp.dir) }).req);
  assert.equal(outcome.record.result, 'refused');
  assert.match(outcome.record.message, /holds the deploy lock.*Nothing was sent to the router/s);
  assert.deepEqual(device.calls, []);
  assert.equal(records.saved.length, 1);
});

test('an unexpected failure after lines were sent still restores the old state', async (t) => {
  const tmp = tempDir('deploy-unit');
  t.after(tmp.remove);
  const device = new FakeRouter();
  const log = (line: string) => {
    if (line.endsWith('verifying')) throw new TypeError('the log sink broke');
  };
  const outcome = await deployRouter(fakeRun(device, { log, options: options(tmp.dir) }).req);
  assert.equal(outcome.record.result, 'reverted', outcome.record.message);
  assert.match(outcome.record.message, /^unexpected failure: the log sink broke\. the revert timer was still pending: sent `configure revert now`/);
  assert.equal(device.running, OLD);
});

test('interrupted before anything is sent: the run ends at once, nothing changed, recorded', async (t) => {
  const tmp = tempDir('deploy-unit');
  t.after(tmp.remove);
  const controller = new AbortController();
  const device = new FakeRouter();
  // The read hangs until the interrupt: the phase is abandoned, the router never gets a line.
  device.hooks.getRunningConfig = () => {
    controller.abort('SIGINT');
    return new Promise(() => {});
  };
  const records = fakeRecords();
  const outcome = await deployRouter(fakeRun(device, { records, signal: controller.signal, options: options(tmp.dir) }).req);
  assert.deepEqual([outcome.record.result, outcome.record.state], ['failed', 'old']);
  assert.equal(outcome.record.message, 'interrupted (SIGINT) before anything was sent: nothing was changed on the router');
  assert.ok(!device.calls.includes('apply'));
  assert.equal(records.saved.length, 1);
});

test('interrupted after the push, before confirm: restore instead of the next phase', async () => {
  const device = new FakeRouter();
  const controller = new AbortController();
  const run = await pushedRun(device, { signal: controller.signal });
  controller.abort('SIGTERM');
  const diverted = onInterrupt(run, verify);
  assert.ok('next' in diverted && diverted.next.name === 'restore');
  const end = await runPhases(run, verify);
  assert.equal(end.result, 'reverted');
  assert.match(end.message, /^interrupted \(SIGTERM\) before `configure confirm`\. the revert timer was still pending: sent `configure revert now`.*Deploy again when ready$/);
  assert.equal(device.running, OLD);
  assert.ok(!device.calls.includes('confirm'));
});

test('interrupted once `configure confirm` was sent: the change is kept and the run finished, with a warning', async () => {
  const device = new FakeRouter();
  const controller = new AbortController();
  const run = await pushedRun(device, { signal: controller.signal });
  device.hooks.confirm = async () => {
    controller.abort('SIGINT');
    device.pending = { pending: false };
  };
  const end = await runPhases(run, confirm);
  assert.equal(end.result, 'success');
  assert.equal(device.running, NEW);
  assert.deepEqual(run.warnings, ['interrupted (SIGINT) after `configure confirm` had been sent: the change was kept, so the run was finished']);
});

test('interrupted with nothing sent yet, the next phase is not started', async () => {
  const device = new FakeRouter();
  const controller = new AbortController();
  const run = fakeRun(device, { signal: controller.signal });
  run.device = device;
  controller.abort('SIGINT');
  const end = await runPhases(run, readAndPlan);
  assert.equal(end.result, 'failed');
  assert.deepEqual(device.calls, []);
});
