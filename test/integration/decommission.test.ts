// translator decommission through the real CLI, the lab router and a bare remote (issue 10, item
// 12): refused for a router configured normally or unknown; once marked `decommission: true` no
// other command sees the router; a removal that fails archives nothing; one that works leaves the
// router without translator's objects (`ip nat outside` by the usual rule: kept while hand-made NAT
// needs it), hand-made config untouched, and its files moved to archive/ in one commit, pushed, the
// records kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../helpers/git.js';
import { validDocument } from '../helpers/schemas.js';
import { assertLookalikesUntouched, assertNoOwnedConfig, ROUTER_CONFIG, SEED_INTENDED } from './deploy-helpers.js';
import { fleetWorld } from './fleet-helpers.js';

test('decommission removes translator\'s objects from a router leaving the fleet, then archives its files', async (t) => {
  // edge2 has no hand-made NAT: nothing but translator's tenants needs its `ip nat outside`.
  const HAND_NAT = 'ip nat inside source static 172.16.20.5 198.51.100.5\n';
  assert.ok(ROUTER_CONFIG.includes(HAND_NAT));
  const fleet = await fleetWorld(t, ['edge1', 'edge2'], { edge2: ROUTER_CONFIG.replace('hostname edge1', 'hostname edge2').replace(HAND_NAT, '') });
  fleet.commitIntended({ edge1: SEED_INTENDED, edge2: SEED_INTENDED }, 'mytenant on both routers');
  const deployed = await fleet.cli('deploy', '--all', '--yes');
  assert.equal(deployed.code, 0, deployed.stderr);
  assert.match(await fleet.running('edge1'), /^interface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n ip nat outside$/m);
  const firstRecord = fleet.lastRecord('edge1').id as string;

  await t.test('refused for a router configured normally, or one translator.yaml does not name', async () => {
    const configured = await fleet.cli('decommission', '--router', 'edge1', '--yes');
    assert.equal(configured.code, 1);
    assert.match(configured.stderr, /edge1 is still configured normally in translator\.yaml: mark its entry `decommission: true` first/);
    const unknown = await fleet.cli('decommission', '--router', 'edge9', '--yes');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /edge9 is not in translator\.yaml: .*with `decommission: true`/);
    assert.match(await fleet.running('edge1'), /vrf definition mytenant/, 'nothing changed');
  });

  fleet.writeSettings({ decommission: ['edge1'] });

  await t.test('marked `decommission: true`, the router is no router of the fleet for other commands', async () => {
    const deploy = await fleet.cli('deploy', '--router', 'edge1', '--yes');
    assert.equal(deploy.code, 1);
    assert.match(deploy.stderr, /unknown router "edge1" \(configured: edge2\)/);
  });

  await t.test('someone\'s uncommitted change in routers/edge1/ refuses it before the router is touched', async () => {
    writeFileSync(join(fleet.repo, 'routers/edge1/notes.txt'), 'do not lose me\n');
    const dirty = await fleet.cli('decommission', '--router', 'edge1', '--yes');
    assert.equal(dirty.code, 1);
    assert.match(dirty.stderr, /routers\/edge1\/ holds uncommitted changes .*notes\.txt/);
    assert.equal(fleet.lastRecord('edge1').id, firstRecord, 'no deploy was attempted');
    git(fleet.repo, 'clean', '-fq', '--', 'routers/edge1');
  });

  await t.test('a removal that fails is reverted and archives nothing', async () => {
    const head = git(fleet.repo, 'rev-parse', 'HEAD').trim();
    fleet.labs.edge1!.setFaults({ reject: [{ pattern: '^no ip nat inside source static', message: '% Invalid input detected at \'^\' marker.' }] });
    const failed = await fleet.cli('decommission', '--router', 'edge1', '--yes');
    fleet.labs.edge1!.setFaults({});
    assert.equal(failed.code, 1, failed.stdout);
    assert.match(failed.stderr, /edge1: not archived: .*run `translator decommission --router edge1` again/);
    assert.equal(git(fleet.repo, 'rev-parse', 'HEAD').trim(), head, 'Git as it was');
    assert.ok(existsSync(join(fleet.repo, 'routers/edge1/intended.cfg')));
    assert.deepEqual([fleet.lastRecord('edge1').kind, fleet.lastRecord('edge1').result], ['decommission', 'reverted']);
    assert.match(await fleet.running('edge1'), /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m, 'the old state');
  });

  await t.test('run again: the router is emptied of what is translator\'s, the files archived in one commit and pushed', async () => {
    const before = git(fleet.repo, 'rev-parse', 'HEAD').trim();
    const done = await fleet.cli('decommission', '--router', 'edge1', '--yes', '--push');
    assert.equal(done.code, 0, done.stderr);
    assert.match(done.stdout, /edge1: success: /);
    assert.match(done.stdout, /edge1: decommissioned; remove its entry from translator\.yaml/);

    const running = await fleet.running('edge1');
    assertNoOwnedConfig(running);
    // translator added `ip nat outside`, but the hand-made static NAT needs it: the usual rule keeps it, and says so.
    assert.match(running, /^interface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n ip nat outside$/m);
    assert.match(done.stderr, /edge1: WARNING: left out .*ip nat outside.*ip nat inside source static 172\.16\.20\.5 198\.51\.100\.5/);
    assertLookalikesUntouched(running);

    const head = git(fleet.repo, 'rev-parse', 'HEAD').trim();
    assert.equal(git(fleet.repo, 'rev-parse', 'HEAD^').trim(), before, 'one commit on top');
    const moved = git(fleet.repo, 'show', '--name-status', '--format=%B', 'HEAD').trim();
    assert.match(moved, /^edge1: decommission: routers\/edge1\/ archived to archive\/routers\/edge1\/\d{8}T\d{6}Z\/\n\nedge1 is marked `decommission: true`/);
    const stamp = /archive\/routers\/edge1\/(\d{8}T\d{6}Z)\//.exec(moved)![1]!;
    assert.equal(git(fleet.repo, 'show', `HEAD:archive/routers/edge1/${stamp}/intended.cfg`), SEED_INTENDED);
    assert.equal(git(fleet.repo, 'ls-tree', '--name-only', 'HEAD', 'routers/').trim(), 'routers/edge2');
    assert.ok(!existsSync(join(fleet.repo, 'routers/edge1')), 'the work tree followed');
    assert.deepEqual(git(fleet.repo, 'status', '--porcelain').trim(), '');
    assert.equal(git(fleet.remote, 'rev-parse', 'main').trim(), head, 'pushed');

    const record = fleet.lastRecord('edge1');
    assert.deepEqual([record.kind, record.result, record.state, record.commit], ['decommission', 'success', 'new', head]);
    assert.equal(JSON.parse(fleet.recordFile('routers/edge1/live.json')!).commit, head, 'live: a commit where edge1 has no intended config');
    assert.ok(fleet.recordFile(`deploys/edge1/${firstRecord}.json`), 'the records stay');
  });

  await t.test('without hand-made NAT, the `ip nat outside` translator added leaves with the rest (inside a deny window: refused, then --ignore-deny-window, --format json)', async () => {
    fleet.writeSettings({ decommission: ['edge1', 'edge2'] });
    appendFileSync(join(fleet.repo, 'translator.yaml'), 'watch:\n  deploy:\n    deny: [{cron: "* * * * *", minutes: 60}]\n');
    git(fleet.repo, 'commit', '-q', '-am', 'always a deny window');
    const head = git(fleet.repo, 'rev-parse', 'HEAD').trim();
    const refused = await fleet.cli('decommission', '--router', 'edge2', '--yes');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /^translator: a deny window "\* \* \* \* \*" \(60 min, watch\.deploy\.deny\) is open until \S+: nothing was sent\./m);
    assert.equal(git(fleet.repo, 'rev-parse', 'HEAD').trim(), head, 'nothing archived');
    assert.match(await fleet.running('edge2'), /vrf definition mytenant/, 'nothing removed');

    const done = await fleet.cli('decommission', '--router', 'edge2', '--yes', '--ignore-deny-window', '--format', 'json');
    assert.equal(done.code, 0, done.stderr);
    const doc = validDocument(done.stdout, 'deploy') as Record<string, any>;
    assert.deepEqual([doc.command, doc.ok, doc.routers[0].result, doc.archive.commit], ['decommission', true, 'success', git(fleet.repo, 'rev-parse', 'HEAD').trim()]);
    assert.match(doc.routers[0].record.overrides[0], /^--ignore-deny-window: the deny window "\* \* \* \* \*"/);
    const running = await fleet.running('edge2');
    assertNoOwnedConfig(running);
    assert.match(running, /^interface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n!/m);
    assert.match(running, /^vrf definition handmade$/m);
    assert.equal(git(fleet.repo, 'ls-tree', '--name-only', 'HEAD', 'routers/').trim(), '', 'both archived');
  });
});
