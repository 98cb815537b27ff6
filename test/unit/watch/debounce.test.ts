import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Debouncer } from '../../../src/watch/debounce.js';
import { backoffDelay } from '../../../src/ops/backoff.js';
import { FakeClock } from './fake-clock.js';

function setup(quietMs = 500, maxDelayMs = 5000) {
  const clock = new FakeClock();
  const fired: number[] = [];
  const debouncer = new Debouncer({ quietMs, maxDelayMs, clock, fire: () => fired.push(clock.now()) });
  return { clock, fired, debouncer };
}

test('a lone event fires once, after the quiet period', async () => {
  const { clock, fired, debouncer } = setup();
  const start = clock.now();
  debouncer.poke();
  await clock.advance(499);
  assert.deepEqual(fired, []);
  await clock.advance(1);
  assert.deepEqual(fired, [start + 500]);
  await clock.advance(10_000);
  assert.equal(fired.length, 1);
});

test('events closer than the quiet period keep postponing, up to the maximum delay', async () => {
  const { clock, fired, debouncer } = setup();
  const start = clock.now();
  for (let i = 0; i < 100; i++) {
    debouncer.poke();
    await clock.advance(100); // 10 s of events, 100 ms apart
  }
  // Ceiling: fired at 5 s despite the trickle; the second burst (5 s to 9.9 s) hits its own ceiling at 10 s.
  await clock.advance(1000);
  assert.deepEqual(fired.map((t) => t - start), [5000, 10_000]);
});

test('a burst of 500 events 2 ms apart makes one fire', async () => {
  const { clock, fired, debouncer } = setup();
  for (let i = 0; i < 500; i++) {
    debouncer.poke();
    await clock.advance(2);
  }
  await clock.advance(1000);
  assert.equal(fired.length, 1);
});

test('cancel drops a pending fire', async () => {
  const { clock, fired, debouncer } = setup();
  debouncer.poke();
  assert.equal(debouncer.pending, true);
  debouncer.cancel();
  await clock.advance(10_000);
  assert.deepEqual(fired, []);
  assert.equal(clock.pendingTimers, 0);
});

test('quiet period 0 fires on the next turn; a maximum below the quiet period acts as the quiet period', async () => {
  const zero = setup(0, 0);
  zero.debouncer.poke();
  await zero.clock.advance(0);
  assert.equal(zero.fired.length, 1);
  const capped = setup(500, 100);
  const start = capped.clock.now();
  capped.debouncer.poke();
  await capped.clock.advance(1000);
  assert.deepEqual(capped.fired.map((t) => t - start), [500]);
});

test('backoff doubles from the initial delay and stops at the cap', () => {
  assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 7].map((n) => backoffDelay(n, 500, 30_000)), [0, 500, 1000, 2000, 4000, 8000, 16_000, 30_000]);
  assert.equal(backoffDelay(1000, 500, 30_000), 30_000);
});

test('leading: an event after a quiet spell fires at once; the rest of its burst is debounced as usual', async () => {
  const clock = new FakeClock();
  const fired: number[] = [];
  const debouncer = new Debouncer({ quietMs: 500, maxDelayMs: 5000, leading: true, clock, fire: () => fired.push(clock.now()) });
  const start = clock.now();
  debouncer.poke();
  debouncer.poke(); // the same `docker run`'s second event, in the same instant
  await clock.advance(0);
  assert.deepEqual(fired.map((t) => t - start), [0], 'the second event does not cancel the leading fire');
  for (let i = 0; i < 100; i++) {
    await clock.advance(10);
    debouncer.poke();
  }
  await clock.advance(2000);
  assert.deepEqual(fired.map((t) => t - start), [0, 1500], 'one trailing fire for the burst');
  await clock.advance(600);
  debouncer.poke(); // quiet again: at once
  await clock.advance(0);
  assert.equal(fired.length, 3);
  assert.equal(fired.at(-1)! - start, 3600);
});

function setupLeading(quietMs = 500, maxDelayMs = 5000) {
  const clock = new FakeClock();
  const fired: number[] = [];
  const debouncer = new Debouncer({ quietMs, maxDelayMs, leading: true, clock, fire: () => fired.push(clock.now()) });
  return { clock, fired, debouncer };
}

test('docker run: the network connect (a prelude) lets the start that follows it lead; one fire, at the start', async () => {
  const { clock, fired, debouncer } = setupLeading();
  const start = clock.now();
  debouncer.poke({ prelude: true }); // network connect
  await clock.advance(80);
  debouncer.poke(); // container start
  await clock.advance(2000);
  assert.deepEqual(fired.map((t) => t - start), [80], 'fired at the start, not 500 ms later, and only once');
});

test('a lone prelude (network connect of a running container) still fires, after the quiet period', async () => {
  const { clock, fired, debouncer } = setupLeading();
  const start = clock.now();
  debouncer.poke({ prelude: true });
  await clock.advance(2000);
  assert.deepEqual(fired.map((t) => t - start), [500]);
});

test('a burst of run = connect + start pairs still fires only at its start and its ceiling', async () => {
  const { clock, fired, debouncer } = setupLeading();
  const start = clock.now();
  for (let i = 0; i < 100; i++) {
    debouncer.poke({ prelude: true });
    await clock.advance(10);
    debouncer.poke();
    await clock.advance(50);
  }
  await clock.advance(2000);
  // Leading fire at the first start (10 ms), then the ceiling 5 s after the next event, then the end.
  assert.equal(fired[0]! - start, 10);
  assert.ok(fired.length <= 3, `fires: ${fired.map((t) => t - start).join(', ')}`);
});
