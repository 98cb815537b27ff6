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
  assertNoTenant(running);
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

/** The lab's config without the hand-made static NAT (so no unowned NAT needs `ip nat outside`). */
const NO_UNOWNED_NAT = ROUTER_CONFIG.replace('ip nat inside source static 172.16.20.5 198.51.100.5\n', '');
const OUTSIDE_NAT = /^interface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n ip nat outside$/m;

test('`ip nat outside` that translator added goes with the last tenant; kept while unowned NAT still needs it', async (t) => {
  const w = await deployWorld(t, { configText: NO_UNOWNED_NAT });
  w.commitIntended(SEED_INTENDED);
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  assert.match(await w.running(), OUTSIDE_NAT);
  assert.match(w.recordFile('routers/edge1/facts.json') ?? '', /"interfaceAddresses"/, 'the facts are kept with the backup');
  w.commitIntended('end\n', 'the tenant is gone');
  const removal = await w.cli('deploy', '--yes');
  assert.equal(removal.code, 0, removal.stderr);
  assert.doesNotMatch(await w.running(), /ip nat outside/, 'the first backup shows the router without it: translator added it');

  const shared = await deployWorld(t);
  shared.commitIntended(SEED_INTENDED);
  assert.equal((await shared.cli('deploy', '--yes')).code, 0);
  shared.commitIntended('end\n', 'the tenant is gone');
  assert.equal((await shared.cli('deploy', '--yes')).code, 0);
  const running = await shared.running();
  assert.match(running, OUTSIDE_NAT, 'the hand-made static NAT still needs it');
  assert.match(shared.lastRecord().message, /left out .*ip nat outside/);
});

test('a hand-made `ip nat outside` (there before translator\'s first backup) is never removed', async (t) => {
  const handmade = NO_UNOWNED_NAT.replace(' ip address 203.0.113.2 255.255.255.0\n', ' ip address 203.0.113.2 255.255.255.0\n ip nat outside\n');
  const w = await deployWorld(t, { configText: handmade });
  w.commitIntended(SEED_INTENDED);
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  w.commitIntended('end\n', 'the tenant is gone');
  const removal = await w.cli('deploy', '--yes');
  assert.equal(removal.code, 0, removal.stderr);
  assert.match(await w.running(), OUTSIDE_NAT);
  assertNoTenant(await w.running());
});

function assertNoTenant(running: string): void {
  assert.doesNotMatch(running, /translator:|TRANSLATOR-|vrf definition mytenant|GigabitEthernet2\.10/);
}
