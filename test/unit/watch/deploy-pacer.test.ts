import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeployPacer } from '../../../src/watch/deploy-pacer.js';
import { FakeClock } from './fake-clock.js';

test('a lone change after quiet deploys at once, every time', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  for (let i = 0; i < 5; i++) {
    assert.equal(pacer.decide(true, false), 'deploy');
    await clock.advance(1000);
  }
  assert.equal(pacer.decide(false, false), 'nothing', 'no change, nothing owed: no deploy');
});

test('a crash-looping container (busy for ever) costs one deploy per minute at most', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  let deploys = 0;
  for (let t = 0; t < 600_000; t += 5000) {
    if (pacer.decide(true, true) === 'deploy') deploys++;
    await clock.advance(5000);
  }
  assert.equal(deploys, 12, '0, 10, 30, 70 s, then every 60 s up to 10 min');
});

test('a 92 s burst (a cycle every 5 s, Docker busy until the end) makes 5 deploys, the last right after it', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  const deploysAt: number[] = [];
  const start = clock.now();
  for (let t = 0; t <= 90_000; t += 5000) {
    if (pacer.decide(true, true) === 'deploy') deploysAt.push(clock.now() - start);
    await clock.advance(5000);
  }
  await clock.advance(-clock.now() + start + 92_500); // the quiet cycle just after the last event
  if (pacer.decide(true, false) === 'deploy') deploysAt.push(clock.now() - start);
  assert.deepEqual(deploysAt, [0, 10_000, 30_000, 70_000, 92_500]);
});

test('a paced deploy is owed: the next quiet cycle deploys even when it committed nothing', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  assert.equal(pacer.decide(true, true), 'deploy');
  await clock.advance(5000);
  assert.equal(pacer.decide(true, true), 'paced');
  await clock.advance(600);
  assert.equal(pacer.decide(false, false), 'deploy', 'the owed change goes out once Docker is quiet');
  assert.equal(pacer.decide(false, false), 'nothing');
});

test('a quiet cycle resets the interval', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(1000, clock);
  assert.equal(pacer.decide(true, true), 'deploy');
  await clock.advance(2000);
  assert.equal(pacer.decide(true, true), 'deploy', 'the interval (2 s) has passed');
  assert.equal(pacer.nextAllowedAt, clock.now() + 4000, 'and doubled');
  await clock.advance(3000);
  assert.equal(pacer.decide(true, true), 'paced');
  await clock.advance(100);
  assert.equal(pacer.decide(true, false), 'deploy');
  assert.equal(pacer.nextAllowedAt, clock.now() + 2000, 'back to the initial interval');
});

test('two docker runs 3 s apart are two lone changes: both deploy at once', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  for (let run = 0; run < 2; run++) {
    pacer.noteEvent(); // network connect
    pacer.noteEvent(); // container start
    assert.equal(pacer.decide(true, false), 'deploy');
    await clock.advance(3000);
  }
});

test('a burst with gaps longer than the quiet period is still busy: paced, and the owed deploy comes at the allowed time', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  const start = clock.now();
  const deploysAt: number[] = [];
  // dockerd starting 5 containers a second (10 events/s), with a cycle every 800 ms that finds nothing pending.
  for (let t = 0; t < 40_000; t += 100) {
    pacer.noteEvent();
    if (t % 800 === 0 && pacer.decide(true, false) === 'deploy') deploysAt.push(clock.now() - start);
    await clock.advance(100);
  }
  // Until 20 events are in the window the rate is no burst yet; from then on deploys are paced.
  assert.deepEqual(deploysAt, [0, 800, 1600, 12_000, 22_400], 'paced although no event was pending at any decision');
  // The burst is over: the cycle the daemon arranges at recheckAt (or the next quiet one) takes the owed deploy.
  await clock.advance(6000);
  assert.equal(pacer.decide(false, false), 'deploy');
});

test('containers started one after another, a second or so apart, are lone changes: each deploys at once', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  for (let run = 0; run < 20; run++) {
    pacer.noteEvent(); // network connect
    pacer.noteEvent(); // container start
    assert.equal(pacer.decide(true, false), 'deploy', `run ${run}`);
    await clock.advance(1000);
  }
});

test('after a burst, the owed deploy is looked at again once the event rate has fallen quiet, well before the pacing interval', async () => {
  const clock = new FakeClock();
  const pacer = DeployPacer.forMaxDelay(5000, clock);
  for (let i = 0; i < 25; i++) {
    pacer.noteEvent();
    await clock.advance(100);
  }
  assert.equal(pacer.decide(true, false), 'deploy');
  pacer.noteEvent();
  const lastEvent = clock.now();
  await clock.advance(600); // the quiet cycle after the burst's last event
  assert.equal(pacer.decide(true, false), 'paced', 'the rate still says busy');
  assert.equal(pacer.recheckAt, lastEvent + 5001, 'looked at again one window after the last event, not at the 10 s interval');
  await clock.advance(pacer.recheckAt! - clock.now());
  assert.equal(pacer.decide(false, false), 'deploy');
});
