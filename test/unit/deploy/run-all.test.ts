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

