// SIGINT in the middle of `translator deploy` (a real child process, the lab router pushing
// slowly): no further line is sent, the change is reverted, the run is recorded, the exit code
// says it was interrupted; a second SIGINT during the revert is refused with a message.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertLookalikesUntouched, assertNoOwnedConfig, deployWorld, SEED_INTENDED, until } from './deploy-helpers.js';

/** A running-config without the lines that change with every change (size, time of the last change). */
function body(config: string): string {
  return config.replace(/^(Current configuration : \d+ bytes|! Last configuration change .*)\n/gm, '');
}

for (const archive of [true, false]) {
  test(`SIGINT during the push (${archive ? 'revert timer: configure revert now' : 'no archive: planned back to the backup'}); a second SIGINT is refused`, async (t) => {
    // Each line takes the device 60 ms: the 24 lines of the seed take well over a second.
    const w = await deployWorld(t, { archive, faults: { perLineMs: 60 } });
    w.commitIntended(SEED_INTENDED);
    const before = w.lab.runningConfig();
    const cli = w.spawn(['deploy', '--yes', ...(archive ? [] : ['--allow-no-archive'])]);
    await until(() => w.lab.runningConfig().includes('vrf definition mytenant'));
    cli.child.kill('SIGINT');
    await cli.waitFor(/SIGINT: stopping safely/);
    cli.child.kill('SIGINT');
    const { code } = await cli.exit;
    assert.equal(code, 130, cli.stderr());
    assert.match(cli.stderr(), /SIGINT again: reverting, please wait/);
    assert.match(cli.stderr(), /interrupted \(SIGINT\) during the push: the session was closed so that no further line was sent/);

    const record = w.lastRecord();
    assert.equal(record.result, 'reverted', record.message);
    assert.equal(record.state, 'old');
    assert.match(record.message, /^interrupted \(SIGINT\) during the push/);
    assert.ok(record.commands.length > 0);
    const running = await w.running();
    assertNoOwnedConfig(running);
    assertLookalikesUntouched(running);
    assert.equal(body(w.lab.runningConfig()), body(before), 'the config is exactly as before');
    const backup = w.recordFile(`routers/edge1/running.cfg`);
    assert.equal(backup, '', 'the backup of the owned part was empty, as the router is again');
    assert.deepEqual(await w.pendingRollback(), { pending: false });
  });
}

test('SIGTERM before anything is sent ends at once: nothing changed, recorded, exit 143', async (t) => {
  // A login that takes 3 s: the signal arrives while translator waits for the router.
  const w = await deployWorld(t, { faults: { loginDelayMs: 3000 } });
  w.commitIntended(SEED_INTENDED);
  const before = w.lab.runningConfig();
  const cli = w.spawn(['deploy', '--yes']);
  await cli.waitFor(/connecting to /);
  cli.child.kill('SIGTERM');
  const { code } = await cli.exit;
  assert.equal(code, 143, cli.stderr());
  const record = w.lastRecord();
  assert.deepEqual([record.result, record.state, record.message], ['failed', 'old', 'interrupted (SIGTERM) before anything was sent: nothing was changed on the router']);
  assert.equal(body(w.lab.runningConfig()), body(before));
});
