// The deploy phases that send nothing, each run alone on a fake router: each either hands on to
// the next phase or ends the run with the router untouched.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeviceError } from '../../../src/device/index.js';
import { approve, backup, connect, preflight, readAndPlan } from '../../../src/deploy/phases-prepare.js';
import { ended, fakeRecords, FakeRouter, fakeRun, INTENDED, NEW, nextName, OLD, plannedRun } from './fake-router.js';



test('connect: a target that cannot be resolved, or a refused login, ends the run before anything is sent', async () => {
  const device = new FakeRouter();
  const noSecret = fakeRun(device, {
    target: () => {
      throw new Error('no password reference');
    },
  });
  assert.deepEqual(ended(await connect.run(noSecret)), { result: 'failed', state: 'old', message: 'no password reference. Nothing was sent to the router' });

  const refused = fakeRun(device, {
    connect: async () => {
      throw new DeviceError('login refused for user admin', { router: 'edge1', step: 'login', kind: 'auth' });
    },
  });
  const end = ended(await connect.run(refused));
  assert.equal(end.result, 'failed');
  assert.match(end.message, /login refused.*Nothing was changed on the router: check the username and password/);
  assert.deepEqual(device.calls, []);
});

test('connect: connected, hands on to preflight; interrupted during the login, closes the session it got', async () => {
  const device = new FakeRouter();
  const run = fakeRun(device);
  assert.equal(nextName(await connect.run(run)), 'preflight');
  assert.equal(run.device, device);

  const controller = new AbortController();
  const late = new FakeRouter();
  const interrupted = fakeRun(late, {
    signal: controller.signal,
    connect: async () => {
      controller.abort('SIGINT');
      return late;
    },
  });
  assert.match(ended(await connect.run(interrupted)).message, /^interrupted \(SIGINT\) before anything was sent/);
  assert.equal(late.closed, true);
});

test('preflight: a pending rollback refuses; no archive is noted for later; otherwise on to read-and-plan', async () => {
  const device = new FakeRouter();
  device.pending = { pending: true, minutes: 10 };
  const end = ended(await preflight.run(Object.assign(fakeRun(device), { device })));
  assert.equal(end.result, 'refused');
  assert.match(end.message, /rollback-confirmed change is pending on the router \(revert timer 10 min\).*Nothing was sent/s);

  const bare = new FakeRouter();
  bare.archive = false;
  const run = Object.assign(fakeRun(bare), { device: bare });
  assert.equal(nextName(await preflight.run(run)), 'read-and-plan');
  assert.equal(run.archive, false);
  assert.deepEqual(bare.calls, ['hasArchive'], 'no rollback to ask about without the archive');
});

test('read-and-plan: plans against the running-config; a refused plan ends the run', async () => {
  const device = new FakeRouter();
  const run = Object.assign(fakeRun(device), { device });
  assert.equal(nextName(await readAndPlan.run(run)), 'backup');
  assert.equal(run.plan!.commands.length > 0, true);
  assert.deepEqual(run.rollback, ['no vrf definition t1']);
  assert.equal(run.oldSections.size, 0, 'nothing was owned before');

  const foreign = Object.assign(fakeRun(device, { intended: `${INTENDED.replace(/end\n$/, '')}ip route 0.0.0.0 0.0.0.0 192.0.2.1\nend\n` }), { device });
  const end = ended(await readAndPlan.run(foreign));
  assert.equal(end.result, 'refused');
  assert.match(end.message, /plan refused:.*Nothing was sent to the router/s);
});

test('backup: the owned part is committed before anything is sent; a failed backup ends the run', async () => {
  const run = await plannedRun(new FakeRouter());
  assert.equal(nextName(await backup.run(run)), 'approve');
  assert.equal(run.backupBlob, 'b'.repeat(40));

  const failing = await plannedRun(new FakeRouter(), {
    records: fakeRecords({
      saveBackup: async () => {
        throw new Error('no space left on device');
      },
    }),
  });
  assert.deepEqual(ended(await backup.run(failing)), {
    result: 'failed',
    state: 'old',
    message: 'cannot back up the running-config to translator/records: no space left on device. Nothing was sent to the router',
  });
});

test('approve: nothing to do is `unchanged`; no archive is refused unless allowed; a "no" is refused; else on to the push', async () => {
  const inSync = await plannedRun(new FakeRouter(NEW), { options: { revertTimerMinutes: 5, save: 'always', inUse: 'fail', allowNoArchive: false, lockDir: '' } });
  assert.equal(ended(await approve.run(inSync)).result, 'unchanged');
  assert.equal(inSync.saved, true, 'save: always writes memory even when nothing changed');

  const bare = new FakeRouter(OLD);
  bare.archive = false;
  const noArchive = await plannedRun(bare);
  assert.match(ended(await approve.run(noArchive)).message, /no archive feature.*--allow-no-archive/);

  let asked = '';
  const declined = await plannedRun(new FakeRouter(), {
    approve: async (router, plan) => {
      asked = `${router}: ${plan.commands.length}`;
      return false;
    },
  });
  assert.deepEqual(ended(await approve.run(declined)), { result: 'refused', state: 'old', message: 'not approved: nothing was sent to the router' });
  assert.match(asked, /^edge1: \d+$/);

  assert.equal(nextName(await approve.run(await plannedRun(new FakeRouter()))), 'push');
});
