// Signals during a run that changes routers (src/cli/interrupt.ts): the first stops the run, the
// later ones only say to wait, SIGHUP is ignored, and the handlers go away when the run ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { interruptOnSignals } from '../../../src/cli/interrupt.js';

test('the first SIGINT aborts with its name; a second one says "reverting, please wait"; the exit code is 130', () => {
  const said: string[] = [];
  const before = process.listenerCount('SIGINT');
  const interrupt = interruptOnSignals((line) => said.push(line));
  try {
    assert.equal(interrupt.exitCode(), null);
    process.emit('SIGINT', 'SIGINT');
    assert.equal(interrupt.signal.aborted, true);
    assert.equal(interrupt.signal.reason, 'SIGINT');
    assert.equal(interrupt.received, 'SIGINT');
    process.emit('SIGTERM', 'SIGTERM');
    process.emit('SIGINT', 'SIGINT');
    assert.equal(interrupt.signal.reason, 'SIGINT', 'later signals change nothing');
    assert.equal(interrupt.exitCode(), 130);
    assert.equal(said.length, 3);
    assert.match(said[0]!, /^translator: SIGINT: stopping safely: no further line is sent, a change not yet confirmed is reverted/);
    assert.match(said[1]!, /^translator: SIGTERM again: reverting, please wait/);
    assert.match(said[2]!, /^translator: SIGINT again: reverting, please wait/);
  } finally {
    interrupt.release();
  }
  assert.equal(process.listenerCount('SIGINT'), before);
  assert.equal(process.listenerCount('SIGHUP'), 0);
});

test('SIGTERM first gives 143; SIGHUP (the terminal went away) does not stop the run', () => {
  const interrupt = interruptOnSignals(() => undefined);
  try {
    process.emit('SIGHUP', 'SIGHUP');
    assert.equal(interrupt.signal.aborted, false);
    process.emit('SIGTERM', 'SIGTERM');
    assert.equal(interrupt.exitCode(), 143);
  } finally {
    interrupt.release();
  }
});
