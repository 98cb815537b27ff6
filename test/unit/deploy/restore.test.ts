// The restore phases, each run alone on a fake router, then the whole walk where a session dies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { planScoped } from '../../../src/iosxe/index.js';
import {
  applyBack,
  check,
  findPending,
  planBack,
  read,
  restoreOldState,
  revertNow,
  scopedSections,
  type RestoreContext,
  type RestoreRun,
} from '../../../src/deploy/restore.js';
import { RouterSession } from '../../../src/deploy/session.js';
import { ended, FakeRouter, INTENDED, NEW, nextName, OLD } from './fake-router.js';

const SCOPE = { inside: 'GigabitEthernet2', outside: 'GigabitEthernet1', marker: 'translator:', prefix: 'TRANSLATOR-', adopt: [] };

function context(device: FakeRouter, more: Partial<RestoreContext> = {}): RestoreContext {
  return {
    router: 'edge1',
    device,
    connect: async () => device.reopen(),
    archive: device.archive,
    ourTimer: device.archive ? 5 : null,
    oldSections: scopedSections(OLD, SCOPE),
    intended: INTENDED,
    scope: SCOPE,
    acceptNew: false,
    lostSession: false,
    reconnect: { attempts: 2, pauseMs: 0 },
    ...more,
  };
}

function restoreRun(device: FakeRouter, more: Partial<RestoreContext> = {}): RestoreRun {
  const ctx = context(device, more);
  const notes: string[] = [];
  return { ctx, notes, session: new RouterSession(device, ctx.connect, notes, ctx.reconnect), pending: false, running: '', back: [] };
}



test('find-pending: our timer pending → revert-now; none pending, or no archive → read', async () => {
  const device = new FakeRouter(NEW);
  device.pending = { pending: true, minutes: 5 };
  assert.equal(nextName(await findPending.run(restoreRun(device))), 'revert-now');
  device.pending = { pending: false };
  assert.equal(nextName(await findPending.run(restoreRun(device))), 'read');
  const bare = new FakeRouter(NEW);
  bare.archive = false;
  assert.equal(nextName(await findPending.run(restoreRun(bare))), 'read');
  assert.deepEqual(bare.calls, []);
});

test('find-pending: a rollback with another timer value is another writer\'s: not reverted, state unknown', async () => {
  const device = new FakeRouter(NEW);
  device.pending = { pending: true, minutes: 7 };
  const end = ended(await findPending.run(restoreRun(device)));
  assert.equal(end.state, 'unknown');
  assert.match(end.detail, /revert timer of 7 min is pending, but translator started one of 5 min: another writer is at work/);
  assert.deepEqual(device.calls, ['pendingRollback']);
});

test('revert-now: sends `configure revert now` and notes it', async () => {
  const device = new FakeRouter(NEW);
  device.snapshot = OLD;
  device.pending = { pending: true, minutes: 5 };
  const run = restoreRun(device);
  assert.equal(nextName(await revertNow.run(run)), 'read');
  assert.equal(run.pending, true);
  assert.equal(device.running, OLD);
  assert.deepEqual(run.notes, ['the revert timer was still pending: sent `configure revert now`']);
});

test('read: a confirm whose outcome was unknown and a router matching the intent is the new state', async () => {
  const kept = restoreRun(new FakeRouter(NEW), { acceptNew: true });
  assert.equal(ended(await read.run(kept)).state, 'new');
  const other = restoreRun(new FakeRouter(NEW));
  assert.equal(nextName(await read.run(other)), 'plan-back');
  assert.equal(other.running, NEW);
});

test('plan-back: nothing to undo is the old state; lines left after our timer fired go to apply-back', async () => {
  const done = restoreRun(new FakeRouter());
  done.running = OLD;
  done.pending = true;
  assert.deepEqual(ended(await planBack.run(done)), { state: 'old', detail: 'restored' });

  const fired = restoreRun(new FakeRouter());
  fired.running = NEW;
  assert.equal(nextName(await planBack.run(fired)), 'apply-back');
  assert.deepEqual(fired.notes, ['no rollback was pending, yet 1 owned line(s) differed from the backup (the revert timer had fired before the end)']);
  assert.equal(fired.back.length, 1);
});

test('apply-back and check: the planned lines are sent, then the router is read again', async () => {
  const device = new FakeRouter(NEW);
  device.archive = false;
  const run = restoreRun(device);
  run.back = planScoped(scopedSections(NEW, SCOPE), scopedSections(OLD, SCOPE)).commands;
  assert.equal(nextName(await applyBack.run(run)), 'check');
  assert.equal(device.running, OLD);
  assert.deepEqual(ended(await check.run(run)), { state: 'old', detail: "sent 1 line(s) planned from the router's current config back to the backup" });

  device.applyTo = () => NEW; // the router ignored the lines
  const stuck = restoreRun(device);
  stuck.back = run.back;
  await applyBack.run(stuck);
  assert.match(ended(await check.run(stuck)).detail, /1 owned line\(s\) still differ from the backup afterwards$/);
});

test('restoreOldState: a lost session is replaced; an unreachable router is unknown, with what the timer will do', async () => {
  const device = new FakeRouter(NEW);
  device.snapshot = OLD;
  device.pending = { pending: true, minutes: 5 };
  device.closed = true;
  const back = await restoreOldState(context(device, { lostSession: true }));
  assert.equal(back.state, 'old');
  assert.equal(back.detail, 'reconnected; the revert timer was still pending: sent `configure revert now`');
  assert.equal(device.running, OLD);

  const gone = new FakeRouter(NEW);
  const unreachable = await restoreOldState(
    context(gone, {
      lostSession: true,
      connect: async () => {
        throw new Error('cannot connect to 127.0.0.1:22');
      },
    }),
  );
  assert.equal(unreachable.state, 'unknown');
  assert.match(unreachable.detail, /could not reach the router to restore it \(cannot connect to 127\.0\.0\.1:22\); the revert timer, if the change got that far, rolls the router back by itself/);
});
