// The deploy phases that change the router, each run alone on a fake router: a failure goes to
// `restore`, a rollback translator did not start stops the run untouched, success needs a
// matching router after `configure confirm`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceError, type ApplyResult } from '../../../src/device/index.js';
import { checkTimer, confirm, push, save, verify, verifyAfterConfirm } from '../../../src/deploy/phases-change.js';
import { walk } from '../../../src/deploy/phase.js';
import type { DeployStep, RouterRun, RunEnd } from '../../../src/deploy/router-run.js';
import { ended, FakeRouter, NEW, nextName, OLD, OTHER, plannedRun, pushedRun, sessionLost } from './fake-router.js';



/** Where a step that goes to `restore` ends (the restore phase run on the same run). */
async function restored(step: DeployStep, run: RouterRun): Promise<RunEnd> {
  assert.ok('next' in step && step.next.name === 'restore', `expected restore, got ${JSON.stringify(step)}`);
  return walk(step.next, run);
}

test('push: sends the plan under our revert timer and hands on to check-timer', async () => {
  const device = new FakeRouter();
  const run = await plannedRun(device);
  assert.equal(nextName(await push.run(run)), 'check-timer');
  assert.deepEqual(run.sent, ['vrf definition t1', ' description translator: t1', ' address-family ipv4', ' exit-address-family', 'exit']);
  assert.equal(run.timer, 5);
  assert.deepEqual(device.pending, { pending: true, minutes: 5 });
  assert.equal(device.running, NEW);
});

test('push: a rollback started by someone else while the run prepared refuses; nothing is sent', async () => {
  const device = new FakeRouter();
  const run = await plannedRun(device);
  device.pending = { pending: true, minutes: 9 };
  const end = ended(await push.run(run));
  assert.equal(end.result, 'refused');
  assert.match(end.message, /started on the router while this run prepared \(revert timer 9 min\): another writer is at work.*Nothing was sent/);
  assert.ok(!device.calls.includes('apply'));
  assert.deepEqual(run.sent, []);
});

test('push: the router refusing config mode is not a change: nothing was sent, nothing is reverted', async () => {
  const device = new FakeRouter();
  device.hooks.apply = async () => {
    throw new DeviceError('the device did not enter config mode', { router: 'edge1', step: 'configure terminal revert timer 5', kind: 'rejected', deviceMessage: '% some refusal' });
  };
  const run = await plannedRun(device);
  const end = ended(await push.run(run));
  assert.equal(end.result, 'failed');
  assert.equal(end.state, 'old');
  assert.match(end.message, /refused to enter config mode: .*configure terminal revert timer 5: the device did not enter config mode \(device said: % some refusal\)\. Nothing was sent\. Another session may hold/);
  assert.deepEqual(run.sent, []);
  assert.equal(run.timer, null);
});

test('push: a router busy with another session\'s configuration lock is a refusal worth a retry: nothing sent', async () => {
  const device = new FakeRouter();
  device.hooks.apply = async () => {
    throw new DeviceError('router busy: another session holds the configuration lock; nothing was changed; retry later', { router: 'edge1', step: 'configure terminal revert timer 5', kind: 'busy' });
  };
  const run = await plannedRun(device);
  const end = ended(await push.run(run));
  assert.deepEqual([end.result, end.state], ['refused', 'old']);
  assert.match(end.message, /router busy: .*retry later\. Nothing was sent/);
  assert.deepEqual(run.sent, []);
});

test('push: a rejected line is named and the change restored (revert now)', async () => {
  const device = new FakeRouter();
  const result: ApplyResult = {
    router: 'edge1',
    elapsedMs: 1,
    lines: [{ index: 1, line: ' description translator: t1', status: 'error', output: [], messages: ['% Invalid input detected'] }],
  };
  device.hooks.apply = async () => {
    device.snapshot = OLD;
    device.pending = { pending: true, minutes: 5 };
    device.running = NEW;
    throw new DeviceError('the device rejected line 2', { router: 'edge1', step: 'apply line 2/5', kind: 'rejected', result });
  };
  const run = await plannedRun(device);
  const step = await push.run(run);
  assert.deepEqual(run.failedLines, [{ position: 2, line: ' description translator: t1', messages: ['% Invalid input detected'] }]);
  delete device.hooks.apply;
  const end = await restored(step, run);
  assert.equal(end.result, 'reverted');
  assert.match(end.message, /^the router rejected line 2 "description translator: t1": % Invalid input detected\. the revert timer was still pending: sent `configure revert now`: the router is back in its old state/);
  assert.equal(device.running, OLD);
});

test('push: an interrupt closes the session mid-push, so nothing more is sent; restore reconnects and reverts', async () => {
  const device = new FakeRouter();
  const controller = new AbortController();
  let release = () => {};
  device.hooks.apply = async (_lines, options) => {
    device.snapshot = device.running;
    device.pending = { pending: true, minutes: options.revertTimerMinutes };
    device.running = NEW; // some lines landed
    controller.abort('SIGTERM');
    await new Promise<void>((resolve) => (release = resolve));
    throw sessionLost('apply line 3/5');
  };
  const originalClose = device.close.bind(device);
  device.close = async () => {
    await originalClose();
    release(); // the driver's pending read fails once the session is closed
  };
  const run = await plannedRun(device, { signal: controller.signal });
  const step = await push.run(run);
  assert.ok(device.calls.includes('close'), 'the interrupt closed the session');
  delete device.hooks.apply;
  const end = await restored(step, run);
  assert.equal(end.result, 'reverted');
  assert.match(end.message, /^interrupted \(SIGTERM\) during the push: the session was closed so that no further line was sent\. reconnected; the revert timer was still pending: sent `configure revert now`: the router is back in its old state\. Deploy again when ready$/);
  assert.equal(device.running, OLD);
});

test('check-timer: our timer pending goes on to verify; gone means restore; another value is another writer and is left alone', async () => {
  const ok = new FakeRouter();
  assert.equal(nextName(await checkTimer.run(await pushedRun(ok))), 'verify');

  const fired = new FakeRouter();
  const firedRun = await pushedRun(fired);
  fired.pending = { pending: false };
  const end = await restored(await checkTimer.run(firedRun), firedRun);
  assert.match(end.message, /revert timer translator started \(5 min\) was no longer pending: it ran out before the push ended \(raise --revert-timer\), or another session confirmed or reverted it/);

  const foreign = new FakeRouter();
  const foreignRun = await pushedRun(foreign);
  foreign.pending = { pending: true, minutes: 9 };
  const stopped = ended(await checkTimer.run(foreignRun));
  assert.equal(stopped.result, 'unknown');
  assert.equal(stopped.state, 'unknown');
  assert.match(stopped.message, /revert timer of 9 min was pending, but translator started one of 5 min: another writer is at work.*neither confirmed nor reverted it/s);
  assert.deepEqual(foreign.calls, ['pendingRollback'], 'neither confirm nor revert was sent');
  assert.deepEqual(foreign.pending, { pending: true, minutes: 9 });
});

test('verify: a router that still differs is restored; in sync, on to confirm', async () => {
  const device = new FakeRouter();
  const run = await pushedRun(device);
  assert.equal(nextName(await verify.run(run)), 'confirm');

  device.running = OTHER;
  const end = await restored(await verify.run(run), run);
  assert.match(end.message, /^verification failed: after the push the router still differs from the intended config in 3 line\(s\)/);
  assert.equal(device.running, OLD);
});

test('confirm: sent once verified; without archive skipped; refused by the router it restores; lost it asks the router', async () => {
  const device = new FakeRouter();
  const run = await pushedRun(device);
  assert.equal(nextName(await confirm.run(run)), 'verify-after-confirm');
  assert.equal(run.confirmSent, true);
  assert.deepEqual(device.pending, { pending: false });

  const bare = new FakeRouter();
  bare.archive = false;
  assert.equal(nextName(await confirm.run(await pushedRun(bare))), 'save');

  const late = new FakeRouter();
  const lateRun = await pushedRun(late);
  late.pending = { pending: false };
  late.running = OLD; // the timer ran out first
  const end = await restored(await confirm.run(lateRun), lateRun);
  assert.match(end.message, /configure confirm failed: .*%No Rollback Confirmed Change pending.*raise --revert-timer/);
  assert.equal(end.result, 'reverted');

  const lost = new FakeRouter();
  const lostRun = await pushedRun(lost);
  lost.hooks.confirm = async () => {
    lost.pending = { pending: false }; // it reached the router, the answer did not come back
    throw sessionLost('configure confirm');
  };
  const kept = await restored(await confirm.run(lostRun), lostRun);
  assert.equal(kept.result, 'success');
  assert.match(kept.message, /reconnected; the router had kept the change/);
});

test('verify-after-confirm: success needs the intended config and no rollback pending after the confirm', async () => {
  const device = new FakeRouter();
  const run = await pushedRun(device);
  await device.confirm();
  assert.equal(nextName(await verifyAfterConfirm.run(run)), 'save');

  device.running = OTHER;
  const differs = ended(await verifyAfterConfirm.run(run));
  assert.equal(differs.result, 'unknown');
  assert.match(differs.message, /configure confirm succeeded, but right after it the router's owned config differed from the intended config in 1 object\(s\): differs on the router: vrf vrf definition t1\. It seems another writer is at work.*not saved/s);
  assert.equal(device.running, OTHER, 'the other writer\'s change is left alone');

  device.running = NEW;
  device.pending = { pending: true, minutes: 3 };
  const pending = ended(await verifyAfterConfirm.run(run));
  assert.equal(pending.result, 'unknown');
  assert.match(pending.message, /a rollback-confirmed change was pending again \(revert timer 3 min\).*does not touch it/);
  assert.ok(!device.calls.includes('revertNow'));
});

test('verify-after-confirm: a session lost after the confirm is replaced to read the router', async () => {
  const device = new FakeRouter();
  const run = await pushedRun(device);
  await device.confirm();
  device.closed = true;
  assert.equal(nextName(await verifyAfterConfirm.run(run)), 'save');
  assert.equal(run.device, device);
});

test('save: writes memory per policy and ends in success with the counts', async () => {
  const device = new FakeRouter();
  const run = await pushedRun(device);
  run.archive = true;
  const end = ended(await save.run(run));
  assert.equal(end.result, 'success');
  assert.match(end.message, /^deployed aaaaaaaaaaaa: 1 added, 0 changed, 0 removed \(1 lines\), verified, confirmed, saved$/);
  assert.ok(device.calls.includes('save'));

  const failing = new FakeRouter();
  const failingRun = await pushedRun(failing);
  failing.hooks.save = async () => {
    throw new DeviceError('the device refused `write memory`', { router: 'edge1', step: 'write memory', kind: 'rejected' });
  };
  assert.match(ended(await save.run(failingRun)).message, /not saved$/);
  assert.match(failingRun.warnings[0]!, /write memory failed/);
});

test('the lease lost before the push: refused, nothing sent; lost before confirm: not confirmed, the change restored', async () => {
  const device = new FakeRouter();
  const run = await plannedRun(device);
  run.leaseLost = () => 'the deploy lease on origin was taken over or removed while this deploy held it';
  const refused = ended(await push.run(run));
  assert.deepEqual([refused.result, refused.state], ['refused', 'old']);
  assert.match(refused.message, /lease on origin was taken over .*Nothing was sent/);
  assert.deepEqual(run.sent, []);
  assert.ok(!device.calls.includes('apply'));

  const later = new FakeRouter();
  const laterRun = await pushedRun(later);
  laterRun.leaseLost = () => 'the deploy lease on origin was taken over or removed while this deploy held it';
  const end = await restored(await confirm.run(laterRun), laterRun);
  assert.equal(laterRun.confirmSent, false);
  assert.ok(!later.calls.includes('confirm'));
  assert.equal(end.result, 'reverted');
  assert.match(end.message, /taken over or removed .*the change was not confirmed/);
});
