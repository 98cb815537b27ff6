// Kept SSH sessions (device/session-pool.ts), as `translator watch` deploys with them: the real
// driver, the lab router and the whole deploy contract (runDeploys: lock, lease, plan, revert
// timer, verify, confirm, record). A kept session is reused when it passes its health check; one
// dropped meanwhile, or answering with another router's prompt, is replaced by a new login and
// the change still lands and is recorded; a session whose deploy saw a failure is never kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectDevice, type Device, type DeviceTarget } from '../../src/device/index.js';
import { SessionPool } from '../../src/device/session-pool.js';
import { deployInProcess, deployWorld, SEED_INTENDED, SEED_LINES, type DeployWorld } from './deploy-helpers.js';

interface Pooled {
  pool: SessionPool;
  /** How each session was had, in order: "reused" or "opened: why". */
  sessions: string[];
  /** Logins made through the pool (the driver's connect). */
  logins: () => number;
}

function pooled(t: { after(fn: () => Promise<void>): void }): Pooled {
  let logins = 0;
  const sessions: string[] = [];
  const open = (target: DeviceTarget): Promise<Device> => {
    logins++;
    return connectDevice(target);
  };
  const pool = new SessionPool(open, { onSession: (_router, how, why) => sessions.push(how === 'reused' ? how : `${how}: ${why}`) });
  t.after(() => pool.close());
  return { pool, sessions, logins: () => logins };
}

const deploy = (w: DeployWorld, pool: SessionPool, intended: string) => deployInProcess(w, intended, { connect: pool.connect });

const withStatic = (n: number) => SEED_INTENDED.replace(/^(ip nat inside source static .*)$/m, `$1\nip nat inside source static 192.168.1.${n} 10.0.1.${n} vrf mytenant`);

test('a kept session serves the next deploy without a new login; the change lands and is recorded', async (t) => {
  const w = await deployWorld(t);
  const { pool, sessions, logins } = pooled(t);
  const first = await deploy(w, pool, SEED_INTENDED);
  assert.equal(first.record.result, 'success', first.record.message);
  const second = await deploy(w, pool, withStatic(7));
  assert.equal(second.record.result, 'success', second.record.message);
  assert.deepEqual(second.record.commands, ['ip nat inside source static 192.168.1.7 10.0.1.7 vrf mytenant']);
  assert.equal(logins(), 1, 'one login for both deploys');
  assert.deepEqual(sessions, ['opened: no kept session', 'reused']);
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line);
  assert.match(running, /^ip nat inside source static 192\.168\.1\.7 10\.0\.1\.7 vrf mytenant$/m);
  assert.equal(w.lastRecord().result, 'success');
  assert.deepEqual(await w.pendingRollback(), { pending: false }, 'confirmed: no revert timer left running');
});

test('a kept session dropped meanwhile (router reload, network cut) fails its health check: a new login, and the change still lands and is recorded', async (t) => {
  const w = await deployWorld(t);
  const { pool, sessions, logins } = pooled(t);
  assert.equal((await deploy(w, pool, SEED_INTENDED)).record.result, 'success');
  assert.equal(w.lab.sessions(), 1, 'the session is kept open between deploys');
  w.lab.dropSessions();
  const after = await deploy(w, pool, withStatic(8));
  assert.equal(after.record.result, 'success', after.record.message);
  assert.equal(logins(), 2);
  assert.match(sessions[1]!, /^opened: the kept session failed its health check/);
  assert.match(await w.running(), /^ip nat inside source static 192\.168\.1\.8 10\.0\.1\.8 vrf mytenant$/m);
  const record = w.lastRecord();
  assert.equal(record.result, 'success');
  assert.deepEqual(record.commands, ['ip nat inside source static 192.168.1.8 10.0.1.8 vrf mytenant']);
});

test('a kept session that answers its health check with another prompt (the hostname changed) is replaced', async (t) => {
  const w = await deployWorld(t);
  const { pool, sessions, logins } = pooled(t);
  assert.equal((await deploy(w, pool, SEED_INTENDED)).record.result, 'success');
  const other = await w.session();
  await other.apply(['hostname edge9']);
  const after = await deploy(w, pool, withStatic(9));
  assert.equal(after.record.result, 'success', after.record.message);
  assert.equal(logins(), 2);
  assert.match(sessions[1]!, /^opened: the kept session failed its health check/);
  assert.match(await w.running(), /^ip nat inside source static 192\.168\.1\.9 10\.0\.1\.9 vrf mytenant$/m);
});

test('a session whose deploy saw a device failure is not kept: the next deploy logs in again', async (t) => {
  const w = await deployWorld(t);
  const { pool, sessions, logins } = pooled(t);
  assert.equal((await deploy(w, pool, SEED_INTENDED)).record.result, 'success');
  w.lab.setFaults({ reject: [{ pattern: '192\\.168\\.1\\.5 ', message: '% Invalid input detected at \'^\' marker.' }] });
  const refused = await deploy(w, pool, withStatic(5));
  assert.equal(refused.record.result, 'reverted', refused.record.message);
  w.lab.setFaults({});
  const after = await deploy(w, pool, withStatic(6));
  assert.equal(after.record.result, 'success', after.record.message);
  assert.deepEqual(sessions, ['opened: no kept session', 'reused', 'opened: no kept session']);
  assert.equal(logins(), 2);
  assert.equal(w.lab.sessions(), 1, 'the failed session was closed, not left open');
});
