// Errors name each thing once (issue 12): the router is the context of a deploy's record and of each
// router's line, so what goes into them does not name it again (`edge1: edge1: login: …` was printed).
// The exact lines of the real CLI for a login failure, an unreachable router and a refused plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { deployWorld, SEED_INTENDED, type DeployWorld } from './deploy-helpers.js';

const LOGIN =
  'login: login refused for user admin (tried password, then keyboard-interactive)';
const LOGIN_ADVICE = 'check the username and password (IOS_USER, IOS_PASS / IOS_PASS_FILE) and the enable secret (IOS_ENABLE_PASS / IOS_ENABLE_PASS_FILE)';
const CONNECT_ADVICE = 'check the address and port (routers[].host/port, IOS_MGMT_IP/IOS_MGMT_PORT) and that SSH is reachable from here';

/** Every line of stderr names the router at most once as a prefix. */
function namedOnce(stderr: string): void {
  for (const line of stderr.split('\n')) assert.doesNotMatch(line, /edge1: .*\bedge1: |router edge1/, `a line names edge1 twice: ${line}`);
}

async function lines(w: DeployWorld, ...args: string[]): Promise<{ code: number; stderr: string[] }> {
  const result = await w.cli(...args);
  namedOnce(result.stderr);
  return { code: result.code, stderr: result.stderr.split('\n') };
}

test('a login failure: deploy, plan and drift name the router once', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  writeFileSync(w.env.IOS_PASS_FILE!, 'not-the-password\n');
  const deploy = await lines(w, 'deploy', '--yes');
  assert.equal(deploy.code, 1);
  assert.ok(deploy.stderr.includes(`edge1: failed: ${LOGIN}. Nothing was changed on the router: ${LOGIN_ADVICE}`), deploy.stderr.join('\n'));
  assert.equal(w.lastRecord().message, `${LOGIN}. Nothing was changed on the router: ${LOGIN_ADVICE}`, 'the record names the step, its router is the record');
  const plan = await lines(w, 'plan');
  assert.equal(plan.code, 1);
  assert.ok(plan.stderr.includes(`translator: edge1: ${LOGIN}: ${LOGIN_ADVICE}`), plan.stderr.join('\n'));
  const drift = await lines(w, 'drift');
  assert.equal(drift.code, 1);
  assert.ok(drift.stderr.includes(`edge1: cannot check: ${LOGIN}: ${LOGIN_ADVICE}`), drift.stderr.join('\n'));
});

test('an unreachable router: deploy and plan name it once', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  const where = `${w.lab.host}:${w.lab.port}`;
  await w.lab.close();
  const connect = `login: cannot connect to ${where}: connect ECONNREFUSED ${where}`;
  const deploy = await lines(w, 'deploy', '--yes');
  assert.equal(deploy.code, 1);
  assert.ok(deploy.stderr.includes(`edge1: failed: ${connect}. Nothing was changed on the router: ${CONNECT_ADVICE}`), deploy.stderr.join('\n'));
  const plan = await lines(w, 'plan');
  assert.equal(plan.code, 1);
  assert.ok(plan.stderr.includes(`translator: edge1: ${connect}: ${CONNECT_ADVICE}`), plan.stderr.join('\n'));
});

test('a refused plan: deploy and plan name the router once, then the object', async (t) => {
  const w = await deployWorld(t);
  // The router has a hand-made GigabitEthernet2.20 without the marker; this intent wants it.
  w.commitIntended(SEED_INTENDED.replace(/GigabitEthernet2\.10/g, 'GigabitEthernet2.20').replace('encapsulation dot1Q 10', 'encapsulation dot1Q 20'));
  const problem =
    '  - subinterface "GigabitEthernet2.20" already exists on the router without the ownership marker (a description starting with "translator:") ' +
    '(running-config line 30); refusing to take it over. Rename it, or pass --adopt GigabitEthernet2.20 to let the plan manage it and mark it.';
  const deploy = await lines(w, 'deploy', '--yes');
  assert.equal(deploy.code, 1);
  const at = deploy.stderr.indexOf('edge1: refused: plan refused:');
  assert.ok(at >= 0, deploy.stderr.join('\n'));
  assert.deepEqual(deploy.stderr.slice(at + 1, at + 3), [problem, 'Nothing was sent to the router: fix the intended config or the router first']);
  const plan = await lines(w, 'plan');
  assert.equal(plan.code, 1);
  const planAt = plan.stderr.indexOf('translator: edge1: plan refused:');
  assert.ok(planAt >= 0, plan.stderr.join('\n'));
  assert.equal(plan.stderr[planAt + 1], problem);
});
