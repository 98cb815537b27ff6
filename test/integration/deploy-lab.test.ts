// translator deploy against the lab router through the real CLI: the contract, records, idempotence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openShell } from '../helpers/lab.js';
import { assertLookalikesUntouched, deployWorld, ENABLE, PASSWORD, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

const STATIC = /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m;

test('deploy applies the intended commit, verifies, confirms, saves and records it', async (t) => {
  const w = await deployWorld(t);
  const commit = w.commitIntended(SEED_INTENDED);
  const planned = await w.cli('plan', '--detailed-exitcode');
  assert.equal(planned.code, 2, planned.stderr);
  assert.match(planned.stdout, /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
  assertLookalikesUntouched(await w.running());
  const diff = await w.cli('plan', '--format', 'diff', '--ref', commit);
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /^\+ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
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

  assert.equal((await w.cli('plan', '--detailed-exitcode')).code, 0, 'nothing left to plan');
  const second = await w.cli('deploy', '--yes');
  assert.equal(second.code, 0, second.stderr);
  assert.equal(w.lastRecord().result, 'unchanged');
  assert.deepEqual(w.lastRecord().commands, []);
});

test('status, drift (exit 2, each object), drift --fix, and rollback to the config live before the last deploy', async (t) => {
  const w = await deployWorld(t);
  const a = w.commitIntended(SEED_INTENDED, 'seed');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  const b = w.commitIntended(SEED_INTENDED.replace(/^ip nat inside source static .*\n/m, ''), 'remove the floating IP');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  assert.doesNotMatch(await w.running(), STATIC);

  const status = await w.cli('status');
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`live: +${b.slice(0, 12)}`));
  assert.match(status.stdout, /last deploy: .* deploy .* success by /);
  assert.match(status.stdout, /drift: +none/);

  // Someone changes an owned object by hand.
  const shell = await openShell(w.lab, { password: PASSWORD });
  await shell.send('enable', /Password: $/);
  await shell.send(ENABLE);
  await shell.send('configure terminal');
  await shell.send('interface GigabitEthernet2.10');
  await shell.send('no ip nat inside');
  await shell.send('end');
  shell.end();

  const drift = await w.cli('drift');
  assert.equal(drift.code, 2, drift.stderr);
  assert.match(drift.stdout, /edge1: DRIFT from [0-9a-f]{12} \(1 object\(s\)\):\n {2}differs on the router: subinterface interface GigabitEthernet2\.10/);
  assert.match((await w.cli('status')).stdout, /drift: +DRIFT \(1 object\(s\)\)/);

  const fixed = await w.cli('drift', '--fix', '--yes');
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(w.lastRecord().kind, 'drift-fix');
  assert.equal((await w.cli('drift')).code, 0);

  const rollback = await w.cli('rollback', '--yes');
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.match(rollback.stderr, new RegExp(`rolling back to ${a.slice(0, 12)}`));
  const record = w.lastRecord();
  assert.equal(record.kind, 'rollback');
  assert.equal(record.commit, a);
  assert.match(await w.running(), STATIC);
  assert.equal(JSON.parse(w.recordFile('routers/edge1/live.json')!).commit, a);

  const forward = await w.cli('rollback', '--yes', '--to', b);
  assert.equal(forward.code, 0, forward.stderr);
  assert.doesNotMatch(await w.running(), STATIC);
});
