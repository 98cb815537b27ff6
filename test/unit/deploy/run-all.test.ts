import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { RouterDeployOutcome } from '../../../src/deploy/request.js';
import { resultTable, runLimited } from '../../../src/deploy/run-all.js';

test('runLimited keeps at most `limit` running, runs every item to its end, keeps input order', async () => {
  let running = 0;
  let peak = 0;
  const results = await runLimited([5, 1, 4, 2, 3], 2, async (n) => {
    running++;
    peak = Math.max(peak, running);
    await new Promise((r) => setTimeout(r, n));
    running--;
    if (n === 4) return 'failed';
    return `ok ${n}`;
  });
  assert.equal(peak, 2);
  assert.deepEqual(results, ['ok 5', 'ok 1', 'failed', 'ok 2', 'ok 3']);
});

test('runLimited: free() gives an item\'s place to the next before it ends; never more than `limit` hold a place', async () => {
  let holding = 0;
  let peakHolding = 0;
  let running = 0;
  let peakRunning = 0;
  const order: string[] = [];
  const results = await runLimited([1, 2, 3, 4, 5, 6], 2, async (n, free) => {
    holding++;
    running++;
    peakHolding = Math.max(peakHolding, holding);
    peakRunning = Math.max(peakRunning, running);
    order.push(`start ${n}`);
    await new Promise((r) => setTimeout(r, 5));
    holding--;
    free();
    free(); // a second call changes nothing
    await new Promise((r) => setTimeout(r, 30)); // the part that needs no place (a record being written)
    running--;
    return n * 10;
  });
  assert.deepEqual(results, [10, 20, 30, 40, 50, 60]);
  assert.equal(peakHolding, 2, 'at most two hold a place');
  assert.ok(peakRunning > 2, `items that freed their place run on while the next start (peak ${peakRunning})`);
  assert.deepEqual(order.slice(0, 2), ['start 1', 'start 2']);
});

test('runLimited: a failed item rejects the whole once every item ran; an empty list gives an empty result', async () => {
  const ran: number[] = [];
  await assert.rejects(
    runLimited([1, 2, 3, 4, 5], 1, async (n) => {
      ran.push(n);
      if (n === 2) throw new Error('boom');
      return n;
    }),
    /boom/,
  );
  assert.deepEqual(ran, [1, 2, 3, 4, 5], 'the failed item\'s place went to the next');
  assert.deepEqual(await runLimited([], 3, async () => 1), []);
});

test('the result table has one row per router with result, state, commit, lines and the first message line', () => {
  const outcome = (router: string, result: string, lines: number, message: string) =>
    ({ record: { router, result, state: result === 'success' ? 'new' : 'old', commit: 'b'.repeat(40), commands: new Array(lines).fill('x'), message }, warnings: [], plan: null, recordCommit: null }) as unknown as RouterDeployOutcome;
  const table = resultTable([outcome('edge1', 'success', 24, 'deployed'), outcome('edge-long-name', 'reverted', 3, 'line 2 rejected\nmore')]);
  assert.equal(
    table,
    'ROUTER          RESULT    STATE  COMMIT        LINES  MESSAGE\n' +
      'edge1           success   new    bbbbbbbbbbbb  24     deployed\n' +
      'edge-long-name  reverted  old    bbbbbbbbbbbb  3      line 2 rejected\n',
  );
});

