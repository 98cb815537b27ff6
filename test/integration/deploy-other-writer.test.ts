// Another writer on the router during a deploy, independently of any lock: a second SSH session
// (a person, another tool, a translator with another lock directory) changes the router at each
// step. The real driver and lab router, with the second session acting at the chosen moment:
// the deploy never reports success over someone else's change and never touches it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DeployBatch } from '../../src/deploy/service.js';
import { connectDevice, type Device, type DeviceTarget } from '../../src/device/index.js';
import { assertNoOwnedConfig, deployInProcess, deployWorld, SEED_INTENDED, SEED_LINES, type DeployWorld } from './deploy-helpers.js';

const OTHER_VRF = /^vrf definition otherwriter$/m;

/** The real driver; right after the first session's `method`, the other writer acts. */
function actingAfter(method: 'apply' | 'confirm', act: () => Promise<void>) {
  let sessions = 0;
  return async (target: DeviceTarget): Promise<Device> => {
    const device = await connectDevice(target);
    if (++sessions > 1) return device;
    return new Proxy(device, {
      get(real, property) {
        const value = Reflect.get(real, property, real);
        if (typeof value !== 'function') return value;
        if (property !== method) return value.bind(real);
        return async (...args: unknown[]) => {
          const result = await value.apply(real, args);
          await act();
          return result;
        };
      },
    });
  };
}

async function deployWith(w: DeployWorld, more: Partial<DeployBatch>) {
  return (await deployInProcess(w, SEED_INTENDED, more)).record;
}

test('a change started by someone else while the run waited for approval: refused, nothing sent, theirs untouched', async (t) => {
  const w = await deployWorld(t);
  const other = await w.session();
  const record = await deployWith(w, {
    approve: async () => {
      await other.apply(['vrf definition otherwriter'], { revertTimerMinutes: 9 });
      return true;
    },
  });
  assert.equal(record.result, 'refused', record.message);
  assert.match(record.message, /started on the router while this run prepared \(revert timer 9 min\): another writer is at work/);
  assert.deepEqual(record.commands, []);
  const running = await w.running();
  assert.match(running, OTHER_VRF);
  assertNoOwnedConfig(running);
  assert.deepEqual(await w.pendingRollback(), { pending: true, minutes: 9 });
  await other.revertNow();
});

test('someone restarts the revert timer with another value after the push: stopped, neither confirmed nor reverted', async (t) => {
  const w = await deployWorld(t);
  const other = await w.session();
  const record = await deployWith(w, {
    connect: actingAfter('apply', async () => {
      await other.apply(['vrf definition otherwriter'], { revertTimerMinutes: 9 });
    }),
  });
  assert.deepEqual([record.result, record.state], ['unknown', 'unknown'], record.message);
  assert.match(record.message, /revert timer of 9 min was pending, but translator started one of 5 min: another writer is at work.*neither confirmed nor reverted it/s);
  assert.deepEqual(await w.pendingRollback(), { pending: true, minutes: 9 }, 'the other writer\'s rollback is still theirs to end');
  const running = await w.running();
  assert.match(running, OTHER_VRF);
  for (const line of SEED_LINES) assert.match(running, line);
  assert.equal(w.recordFile('routers/edge1/live.json'), null, 'not recorded as live');
  await other.revertNow();
  assertNoOwnedConfig(await w.running());
});

test('the owned config changed by someone right after configure confirm: not success, says what differs, left alone', async (t) => {
  const w = await deployWorld(t);
  const other = await w.session();
  const record = await deployWith(w, {
    connect: actingAfter('confirm', async () => {
      await other.apply(['ip access-list standard TRANSLATOR-NAT-mytenant', ' 20 permit 10.9.9.0 0.0.0.255']);
    }),
  });
  assert.deepEqual([record.result, record.state, record.saved], ['unknown', 'unknown', false], record.message);
  assert.match(record.message, /configure confirm succeeded, but right after it the router's owned config differed from the intended config in 1 object\(s\): differs on the router: acl ip access-list standard TRANSLATOR-NAT-mytenant\. It seems another writer is at work/);
  assert.match(await w.running(), /^ 20 permit 10\.9\.9\.0 0\.0\.0\.255$/m, 'the other writer\'s line is left alone');
  assert.equal(w.recordFile('routers/edge1/live.json'), null);
});

test('a rollback started by someone right after configure confirm: not success, not touched', async (t) => {
  const w = await deployWorld(t);
  const other = await w.session();
  const record = await deployWith(w, {
    connect: actingAfter('confirm', async () => {
      await other.apply(['vrf definition otherwriter'], { revertTimerMinutes: 7 });
    }),
  });
  assert.deepEqual([record.result, record.state], ['unknown', 'unknown'], record.message);
  assert.match(record.message, /a rollback-confirmed change was pending again \(revert timer 7 min\): another writer is at work/);
  assert.deepEqual(await w.pendingRollback(), { pending: true, minutes: 7 });
  await other.revertNow();
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line, 'our confirmed change was not part of their rollback');
  assert.doesNotMatch(running, OTHER_VRF);
});

test('another session holds the configuration lock: refused as busy, nothing sent; with the kill offer declined too', async (t) => {
  for (const offerKill of [false, true]) {
    const w = await deployWorld(t, { faults: { configLock: { process: 484, user: 'NETCONF', terminal: 64, offerKill } } });
    const record = await deployWith(w, {});
    assert.deepEqual([record.result, record.state], ['refused', 'old'], record.message);
    assert.match(record.message, /router busy: another session holds the configuration lock \(process 484, user NETCONF, terminal 64\)( \(the device offered to end that session; translator never does\))?; nothing was changed; retry later/);
    if (offerKill) assert.match(record.message, /translator never does/);
    assert.deepEqual(record.commands, []);
    assertNoOwnedConfig(await w.running());
    assert.deepEqual(await w.pendingRollback(), { pending: false });
  }
});
