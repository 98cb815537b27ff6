// translator deploy against the lab router through the real CLI: the contract, records, idempotence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLookalikesUntouched, deployWorld, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

test('deploy applies the intended commit, verifies, confirms, saves and records it', async (t) => {
  const w = await deployWorld(t);
  const commit = w.commitIntended(SEED_INTENDED);
  const first = await w.cli('deploy', '--yes');
  assert.equal(first.code, 0, first.stderr);
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line);
  assertLookalikesUntouched(running);
  const record = w.lastRecord();
  assert.equal(record.result, 'success');
  assert.equal(record.commit, commit);
  assert.ok(record.commands.length > 10);
  assert.equal(record.saved, true);
  assert.equal(JSON.parse(w.recordFile('routers/edge1/live.json')!).commit, commit);

  const second = await w.cli('deploy', '--yes');
  assert.equal(second.code, 0, second.stderr);
  assert.equal(w.lastRecord().result, 'unchanged');
  assert.deepEqual(w.lastRecord().commands, []);
});
