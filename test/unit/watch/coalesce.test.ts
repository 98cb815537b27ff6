import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CoalescingRunner } from '../../../src/watch/coalesce.js';

/** A job the test finishes by hand, recording how many run at once. */
function gatedJob() {
  const state = { runs: 0, active: 0, maxActive: 0, release: [] as (() => void)[], fail: false };
  const job = async () => {
    state.runs += 1;
    state.active += 1;
    state.maxActive = Math.max(state.maxActive, state.active);
    await new Promise<void>((resolve) => state.release.push(resolve));
    state.active -= 1;
    if (state.fail) throw new Error('job failed');
  };
  const finishOne = async () => {
    while (state.release.length === 0) await new Promise((r) => setImmediate(r));
    state.release.shift()!();
    await new Promise((r) => setImmediate(r));
  };
  return { state, job, finishOne };
}

test('requests made during a run coalesce into exactly one more run', async () => {
  const { state, job, finishOne } = gatedJob();
  const runner = new CoalescingRunner(job);
  const first = runner.request();
  const during = Array.from({ length: 10 }, () => runner.request());
  await finishOne();
  await first;
  await finishOne();
  await Promise.all(during);
  assert.equal(state.runs, 2);
  assert.equal(state.maxActive, 1);
});

test('a request is answered only by a run that started after it', async () => {
  const { job, finishOne } = gatedJob();
  const runner = new CoalescingRunner(job);
  void runner.request();
  let answered = false;
  const late = runner.request().then(() => (answered = true));
  await finishOne(); // the run in flight when `late` was asked
  assert.equal(answered, false);
  await finishOne();
  await late;
  assert.equal(answered, true);
});

test('a failing job neither rejects the request nor stops later runs', async () => {
  const { state, job, finishOne } = gatedJob();
  const runner = new CoalescingRunner(job);
  state.fail = true;
  const failed = runner.request();
  await finishOne();
  await failed;
  state.fail = false;
  const next = runner.request();
  await finishOne();
  await next;
  assert.equal(state.runs, 2);
});

test('stop waits for the run in flight, drops the coalesced follow-up and refuses new requests', async () => {
  const { state, job, finishOne } = gatedJob();
  const runner = new CoalescingRunner(job);
  void runner.request();
  const follow = runner.request();
  const stopped = runner.stop();
  await finishOne();
  await stopped;
  await follow; // released, not run
  await runner.request();
  assert.equal(state.runs, 1);
});
