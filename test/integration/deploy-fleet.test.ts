// The fleet check through the real CLI, two lab routers and a bare remote (issue 10, item 12): a
// tenant moved from edge1 to edge2; rolling edge1 back (or deploying it an old ref) would give its
// VLAN and floating IP to both routers, and is refused naming both and the objects, until --force,
// which the deploy record keeps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SEED_INTENDED } from './deploy-helpers.js';
import { fleetWorld } from './fleet-helpers.js';

const EMPTY = 'end\n';

test('a rollback that would give a VLAN and a global IP held by another router is refused, unless --force (recorded)', async (t) => {
  const fleet = await fleetWorld(t, ['edge1', 'edge2']);
  const c1 = fleet.commitIntended({ edge1: SEED_INTENDED, edge2: EMPTY }, 'mytenant on edge1');
  let result = await fleet.cli('deploy', '--all', '--yes');
  assert.equal(result.code, 0, result.stderr);
  const c2 = fleet.commitIntended({ edge1: EMPTY, edge2: SEED_INTENDED }, 'mytenant moves to edge2');
  result = await fleet.cli('deploy', '--all', '--yes');
  assert.equal(result.code, 0, `one run moving the tenant is consistent: ${result.stderr}`);
  assert.doesNotMatch(await fleet.running('edge1'), /GigabitEthernet2\.10|10\.0\.1\.1/);
  assert.match(await fleet.running('edge2'), /^interface GigabitEthernet2\.10$/m);

  const refusedAs = (stderr: string, kind: string) => {
    assert.match(stderr, new RegExp(`edge1: refused: fleet check refused edge1 at ${c1.slice(0, 12)}: VLAN 10 \\(interface GigabitEthernet2\\.10\\) is held by edge2 \\(interface GigabitEthernet2\\.10; live ${c2.slice(0, 12)}\\)`));
    assert.match(stderr, /global IP 10\.0\.1\.1 \(ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant\) is held by edge2/);
    assert.match(stderr, /Nothing was sent to the router\. .*--force/);
    const record = fleet.lastRecord('edge1');
    assert.deepEqual([record.kind, record.result, record.state, record.commit, record.commands], [kind, 'refused', 'old', c1, []]);
  };

  await t.test('rollback (to the commit live before the last change) is refused, naming both routers and the objects', async () => {
    const rollback = await fleet.cli('rollback', '--router', 'edge1', '--yes');
    assert.equal(rollback.code, 1, rollback.stdout);
    refusedAs(rollback.stderr, 'rollback');
    assert.doesNotMatch(await fleet.running('edge1'), /GigabitEthernet2\.10|10\.0\.1\.1/, 'nothing was sent');
  });

  await t.test('so is a deploy of the old ref', async () => {
    const deploy = await fleet.cli('deploy', '--router', 'edge1', '--ref', c1, '--yes');
    assert.equal(deploy.code, 1, deploy.stdout);
    refusedAs(deploy.stderr, 'deploy');
  });

  await t.test('--force deploys it anyway and the record says what was overridden', async () => {
    const forced = await fleet.cli('rollback', '--router', 'edge1', '--to', c1, '--force', '--yes');
    assert.equal(forced.code, 0, forced.stderr);
    assert.match(forced.stderr, /edge1: fleet check overridden by --force: VLAN 10 .* is held by edge2/);
    const record = fleet.lastRecord('edge1');
    assert.equal(record.result, 'success');
    assert.equal(record.forced.length, 2);
    assert.match(record.forced[0], /^VLAN 10 \(interface GigabitEthernet2\.10\) is held by edge2 /);
    assert.match(record.forced[1], /^global IP 10\.0\.1\.1 /);
    assert.match(await fleet.running('edge1'), /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
  });

  await t.test('an ordinary deploy records an empty `forced`', async () => {
    const back = await fleet.cli('deploy', '--all', '--yes');
    assert.equal(back.code, 0, back.stderr);
    assert.deepEqual(fleet.lastRecord('edge1').forced, []);
    assert.doesNotMatch(await fleet.running('edge1'), /GigabitEthernet2\.10/);
  });
});
