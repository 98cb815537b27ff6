// --adopt works wherever a refusal suggests it: plan (online), deploy, drift and drift --fix; the
// deploy record says what was adopted. A router with a hand-made VRF named like the tenant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployWorld, ROUTER_CONFIG, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

const HANDMADE_TENANT = ROUTER_CONFIG.replace('archive\n', 'vrf definition mytenant\n description made by hand\n !\n address-family ipv4\n exit-address-family\n!\narchive\n');
const REFUSAL = /vrf "mytenant" already exists on the router without the ownership marker .* pass --adopt mytenant/;

test('deploy refuses an unmarked VRF of the tenant\'s name and suggests --adopt; plan and deploy --adopt take it over, recorded', async (t) => {
  const w = await deployWorld(t, { configText: HANDMADE_TENANT });
  w.commitIntended(SEED_INTENDED);

  const refused = await w.cli('deploy', '--yes');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, REFUSAL);
  assert.equal(w.lastRecord().result, 'refused');

  const planned = await w.cli('plan', '--adopt', 'mytenant');
  assert.equal(planned.code, 0, planned.stderr);
  assert.match(planned.stdout, /description translator: mytenant/);

  const adopted = await w.cli('deploy', '--yes', '--adopt', 'mytenant');
  assert.equal(adopted.code, 0, adopted.stderr);
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line);
  assert.doesNotMatch(running, /made by hand/);
  const record = w.lastRecord();
  assert.equal(record.result, 'success');
  assert.deepEqual(record.adopt, ['mytenant']);

  // Marked now: it is ours without --adopt from here on.
  const again = await w.cli('deploy', '--yes');
  assert.equal(again.code, 0, again.stderr);
  assert.equal(w.lastRecord().result, 'unchanged');
  assert.deepEqual(w.lastRecord().adopt, []);
});

test('drift cannot check an unmarked VRF without --adopt; drift --fix --adopt takes it over', async (t) => {
  const w = await deployWorld(t, { configText: HANDMADE_TENANT });
  w.commitIntended(SEED_INTENDED);

  const blocked = await w.cli('drift');
  assert.equal(blocked.code, 1);
  assert.match(blocked.stderr, REFUSAL);

  const fixed = await w.cli('drift', '--fix', '--yes', '--adopt', 'mytenant');
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.match(fixed.stdout, /edge1: DRIFT from/);
  const record = w.lastRecord();
  assert.deepEqual([record.kind, record.result, record.adopt], ['drift-fix', 'success', ['mytenant']]);
  for (const line of SEED_LINES) assert.match(await w.running(), line);
  assert.equal((await w.cli('drift')).code, 0, 'in sync afterwards');
});
