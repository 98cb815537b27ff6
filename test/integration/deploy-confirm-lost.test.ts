// The session is lost at `configure confirm`, so its outcome is unknown. The real driver and lab
// router, with the driver's session cut at that moment (before or after the confirm reached the
// router): translator reconnects and finds out which state the router is in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runDeploys } from '../../src/deploy/service.js';
import { connectDevice, DeviceError, type Device, type DeviceTarget } from '../../src/device/index.js';
import { GitOpsRepo } from '../../src/gitops/repo.js';
import { loadSettings } from '../../src/settings/load.js';
import { assertNoOwnedConfig, deployWorld, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

/** The real driver, except that the first session dies at `configure confirm`. */
function cutAtConfirm(confirmReaches: boolean) {
  let sessions = 0;
  return async (target: DeviceTarget): Promise<Device> => {
    const device = await connectDevice(target);
    if (++sessions > 1) return device;
    return {
      name: device.name,
      getRunningConfig: () => device.getRunningConfig(),
      apply: (...args: Parameters<Device['apply']>) => device.apply(...args),
      hasArchive: () => device.hasArchive(),
      pendingRollback: () => device.pendingRollback(),
      revertNow: () => device.revertNow(),
      save: () => device.save(),
      close: () => device.close(),
      confirm: async () => {
        if (confirmReaches) await device.confirm();
        await device.close();
        throw new DeviceError('session lost: the SSH connection closed', { router: device.name, step: 'configure confirm', kind: 'session-lost' });
      },
    };
  };
}

for (const reaches of [false, true]) {
  test(`session lost at configure confirm (${reaches ? 'after' : 'before'} it reached the router): ${reaches ? 'kept, new state' : 'reverted, old state'}`, async (t) => {
    const w = await deployWorld(t);
    const commit = w.commitIntended(SEED_INTENDED);
    const settings = loadSettings({ repo: w.repo, env: w.env });
    const { outcomes } = await runDeploys({
      repo: await GitOpsRepo.open(w.repo),
      settings,
      routers: ['edge1'],
      kind: 'deploy',
      refFor: async () => ({ ref: 'main', commit }),
      overrides: {},
      env: w.env,
      connect: cutAtConfirm(reaches),
    });
    const { record } = outcomes[0]!;
    const running = await w.running();
    if (reaches) {
      assert.equal(record.result, 'success', record.message);
      assert.match(record.message, /reconnected; the router had kept the change/);
      for (const line of SEED_LINES) assert.match(running, line);
    } else {
      assert.equal(record.result, 'reverted', record.message);
      assert.match(record.message, /reconnected; the revert timer was still pending: sent `configure revert now`/);
      assertNoOwnedConfig(running);
    }
    assert.equal(w.lab.runningConfig().includes('mytenant'), reaches);
  });
}
