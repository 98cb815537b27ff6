// A deploy never depends on its terminal: with its output going to a pipe that closes early
// (`| head`) or to a full disk (/dev/full), the real CLI finishes, records and leaves the router
// consistent, with no revert timer pending.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../helpers/cli.js';
import { deployWorld, SEED_INTENDED, SEED_LINES, type DeployWorld } from './deploy-helpers.js';

const ENTRY = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const WITHOUT_STATIC = SEED_INTENDED.replace(/^ip nat inside source static .*\n/m, '');

/** Runs `translator ARGS` inside a bash pipeline `tail` (e.g. `2>&1 | head -2`); resolves with translator's own exit code and what the shell printed. */
function pipeline(w: DeployWorld, args: string, tail: string): Promise<{ code: number; shown: string }> {
  const script = `node --import tsx "$ENTRY" ${args} --repo "$REPO" ${tail}; exit \${PIPESTATUS[0]}`;
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...w.env, ENTRY, REPO: w.repo }, timeout: 120_000 }, (error, stdout) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, shown: stdout });
    });
  });
}

test('`translator rollback … 2>&1 | head -2`: the rollback runs to its end and is recorded, no timer left pending', async (t) => {
  // A slow push: head has long gone when translator logs that it is verifying.
  const w = await deployWorld(t, { faults: { perLineMs: 20 } });
  w.commitIntended(SEED_INTENDED);
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  w.commitIntended(WITHOUT_STATIC, 'drop the floating IP');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);

  const { code, shown } = await pipeline(w, 'rollback --router edge1 --yes', '2>&1 | head -2');
  assert.equal(shown.trim().split('\n').length, 2);
  assert.equal(code, 0, `translator exited ${code}; the two lines it could show: ${shown}`);
  const record = w.lastRecord();
  assert.equal(record.kind, 'rollback');
  assert.equal(record.result, 'success', record.message);
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line);
  assert.deepEqual(await w.pendingRollback(), { pending: false });
});

test('`translator deploy … | head -1` and `deploy … 2>/dev/full`: deployed, recorded, exit 0', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(WITHOUT_STATIC);
  const closed = await pipeline(w, 'deploy --yes', '| head -1');
  assert.match(closed.shown, /^edge1: success: deployed/);
  assert.equal(closed.code, 0);
  assert.equal(w.lastRecord().result, 'success');

  w.commitIntended(SEED_INTENDED, 'add the floating IP');
  const full = await pipeline(w, 'deploy --yes', '2>/dev/full');
  assert.equal(full.code, 0, full.shown);
  assert.match(full.shown, /^edge1: success: deployed/m, 'stdout still works');
  assert.equal(w.lastRecord().result, 'success');
  for (const line of SEED_LINES) assert.match(await w.running(), line);
  assert.deepEqual(await w.pendingRollback(), { pending: false });
});
