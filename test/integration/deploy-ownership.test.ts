// Ownership that never breaks a human's config (issue 9), through the real CLI, driver and lab router:
// a global IP that unowned NAT already maps, a tenant named like a legacy `ip vrf`, and an owned ACL
// that a vty line uses. The first two leave out only what collides; the third refuses the plan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployWorld, ROUTER_CONFIG, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

/** The seed plus a floating IP whose global address the router's hand-made static NAT already maps. */
const CLASHING = SEED_INTENDED.replace(
  'ip nat inside source list',
  'ip nat inside source static 192.168.1.2 198.51.100.5 vrf mytenant\nip nat inside source list',
);

test('a global IP that unowned NAT maps is left out with the reason; the rest deploys; a second deploy sends nothing', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(CLASHING);
  const deployed = await w.cli('deploy', '--yes');
  assert.equal(deployed.code, 0, deployed.stderr);
  const record = w.lastRecord();
  assert.equal(record.result, 'success', record.message);
  assert.match(record.message, /left out ip nat inside source static 192\.168\.1\.2 198\.51\.100\.5 vrf mytenant: .*198\.51\.100\.5/);
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line);
  assert.doesNotMatch(running, /192\.168\.1\.2 198\.51\.100\.5/);
  assert.match(running, /^ip nat inside source static 172\.16\.20\.5 198\.51\.100\.5$/m, 'the hand-made mapping is untouched');

  const again = await w.cli('deploy', '--yes');
  assert.equal(again.code, 0, again.stderr);
  assert.equal(w.lastRecord().result, 'unchanged');
});

test('a tenant named like a legacy `ip vrf` on the router is left out whole; the legacy VRF is untouched', async (t) => {
  const legacy = ROUTER_CONFIG.replace('archive\n', 'ip vrf mytenant\n rd 65000:10\n!\narchive\n');
  const w = await deployWorld(t, { configText: legacy });
  w.commitIntended(SEED_INTENDED);
  const deployed = await w.cli('deploy', '--yes');
  assert.equal(deployed.code, 0, deployed.stderr);
  const record = w.lastRecord();
  assert.equal(record.result, 'unchanged', record.message);
  assert.match(record.message, /left out vrf definition mytenant: .*ip vrf mytenant/);
  const running = await w.running();
  assert.match(running, /^ip vrf mytenant\n rd 65000:10$/m);
  assert.doesNotMatch(running, /translator:|TRANSLATOR-|GigabitEthernet2\.10|vrf definition mytenant/);
});

test('an owned ACL that a vty line uses is never removed: the plan is refused, naming the object and the line', async (t) => {
  // An operator protects the vty lines with translator's ACL (the lab models no `line` mode, so it boots with it).
  const w = await deployWorld(t, { configText: ROUTER_CONFIG.replace(' login local\n', ' access-class TRANSLATOR-NAT-mytenant in\n login local\n') });
  w.commitIntended(SEED_INTENDED);
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  w.commitIntended('end\n', 'the tenant is gone');
  const removal = await w.cli('deploy', '--yes');
  assert.equal(removal.code, 1);
  assert.match(removal.stderr, /TRANSLATOR-NAT-mytenant.*access-class TRANSLATOR-NAT-mytenant in/s);
  assert.equal(w.lastRecord().result, 'refused');
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line, 'nothing was sent');
});
