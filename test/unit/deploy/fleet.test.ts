// The fleet check on a real repository and records branch (no router is touched): what another
// router holds comes from its live commit, this run, or the deploy branch's tip; what the deployed
// commit itself gives to both is not a conflict; a live commit this clone lacks cannot be checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DeployRecord } from '../../../src/deploy/record.js';
import { fleetCheck, refusedByFleet } from '../../../src/deploy/fleet.js';
import type { RouterDeployRequest } from '../../../src/deploy/request.js';
import { routerSettings, scopeOf } from '../../../src/deploy/routers.js';
import { recordsStore, deployOptions } from '../../../src/deploy/service.js';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import { git, initRepo, tempDir, writeRepoFile } from '../../helpers/git.js';

const SEED = readFileSync(new URL('../../fixtures/render/seed.cfg', import.meta.url), 'utf8');
const VLAN20 = SEED.replaceAll('mytenant', 'other').replaceAll('GigabitEthernet2.10', 'GigabitEthernet2.20').replace('dot1Q 10', 'dot1Q 20')
  .replaceAll('192.168.1.', '192.168.2.').replace(' 10.0.1.1 ', ' 10.0.2.1 ');
const router = (name: string) => ({ name, inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' });
const settings = settingsSchemas().settingsSchema.parse({ routers: [router('edge1'), router('edge2'), router('edge3')], git: { branch: 'main' } });

test('the fleet check refuses what another router holds, and only that', async (t) => {
  const tmp = tempDir('fleet');
  t.after(tmp.remove);
  const dir = initRepo(join(tmp.dir, 'repo'));
  const commit = (configs: Record<string, string>, message: string) => {
    for (const [name, text] of Object.entries(configs)) writeRepoFile(dir, `routers/${name}/intended.cfg`, text);
    git(dir, 'add', '--all');
    git(dir, 'commit', '-q', '--allow-empty', '-m', message);
    return git(dir, 'rev-parse', 'HEAD').trim();
  };
  const c1 = commit({ edge1: SEED, edge2: 'end\n', edge3: 'end\n' }, 'mytenant on edge1');
  const c2 = commit({ edge1: 'end\n', edge2: SEED }, 'mytenant moves to edge2');
  const c3 = commit({ edge1: SEED }, 'the intent gives VLAN 10 and 10.0.1.1 to edge1 and edge2 alike');
  const c4 = commit({ edge1: 'end\n', edge3: VLAN20 }, 'edge3 gets VLAN 20, never deployed');
  const repo = await GitOpsRepo.open(dir);
  const records = recordsStore(repo, settings);
  await records.saveRecord(liveRecord('edge2', c2), true);

  const request = (name: string, at: string): RouterDeployRequest => ({
    router: routerSettings(settings, name),
    scope: scopeOf(settings, routerSettings(settings, name)),
    kind: 'rollback',
    ref: at,
    commit: at,
    intended: git(dir, 'show', `${at}:routers/${name}/intended.cfg`),
    options: deployOptions(settings, {}),
    actor: { kind: 'user', name: 'alice@ops' },
    records,
    target: () => assert.fail('the fleet check never reaches a router'),
    connect: () => assert.fail('the fleet check never reaches a router'),
  });
  const check = (requests: RouterDeployRequest[], force = false) => fleetCheck({ repo, settings, records, requests, force });

  // edge1 back at C1 takes VLAN 10 and 10.0.1.1, which edge2 runs since C2.
  const back = await check([request('edge1', c1)]);
  const refusal = back.get('edge1') ?? '';
  assert.match(refusal, new RegExp(`^fleet check refused edge1 at ${c1.slice(0, 12)}: VLAN 10 \\(interface GigabitEthernet2\\.10\\) is held by edge2 \\(interface GigabitEthernet2\\.10; live ${c2.slice(0, 12)}\\)`));
  assert.match(refusal, /; global IP 10\.0\.1\.1 \(ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant\) is held by edge2 /);
  assert.match(refusal, /Nothing was sent to the router\. .*--force/);

  assert.equal((await check([request('edge1', c2)])).size, 0, 'edge1 at C2 takes nothing');
  assert.equal((await check([request('edge1', c1), request('edge2', c1)])).size, 0, 'one run giving both routers C1: consistent');
  assert.equal((await check([request('edge1', c3)])).size, 0, 'C3 itself gives VLAN 10 to both: the intent decided that, not this deploy');

  // edge3 was never deployed: what it is about to get is the deploy branch's tip (C4: VLAN 20).
  const onVlan20 = commit({ edge1: VLAN20, edge3: 'end\n' }, 'VLAN 20 on edge1 instead');
  git(dir, 'reset', '-q', '--hard', c4);
  const never = (await check([request('edge1', onVlan20)])).get('edge1') ?? '';
  assert.match(never, /VLAN 20 \(interface GigabitEthernet2\.20\) is held by edge3 \(interface GigabitEthernet2\.20; deploy branch, never deployed [0-9a-f]{12}\)/);
  assert.match(never, /global IP 10\.0\.2\.1 .* is held by edge3/);

  // --force: nothing refused, what was overridden travels with the request into the record.
  const forcedRequest = request('edge1', c1);
  assert.equal((await check([forcedRequest], true)).size, 0);
  assert.equal(forcedRequest.forced?.length, 2);
  assert.match(forcedRequest.forced![0]!, /^VLAN 10 \(interface GigabitEthernet2\.10\) is held by edge2 /);

  // A refusal is recorded like every run: refused, the router untouched.
  const outcome = await refusedByFleet(request('edge1', c1), refusal);
  assert.equal(outcome.record.result, 'refused');
  assert.equal(outcome.record.state, 'old');
  assert.deepEqual(outcome.record.commands, []);
  assert.ok(outcome.recordCommit);
  assert.match(git(dir, 'show', `translator/records:deploys/edge1/${outcome.record.id}.json`), /fleet check refused edge1/);

  // A live commit this clone does not have cannot be checked: refused, with how to get it.
  const absent = 'e'.repeat(40);
  await records.saveRecord(liveRecord('edge2', absent), true);
  const unknown = (await check([request('edge1', c1)])).get('edge1') ?? '';
  assert.match(unknown, new RegExp(`cannot be checked against edge2: its live commit ${absent.slice(0, 12)} is not in this clone`));
});

function liveRecord(routerName: string, commit: string): DeployRecord {
  return {
    id: `20260101T000000Z-${routerName}-${commit.slice(0, 6)}`, router: routerName, kind: 'deploy', ref: 'main', commit, previousLive: null,
    started: '2026-01-01T00:00:00.000Z', ended: '2026-01-01T00:00:01.000Z', actor: { kind: 'user', name: 'alice@ops' },
    result: 'success', state: 'new', message: 'test', commands: [], rollback: [], failedLines: [],
    revertTimerMinutes: 5, saved: true, backupBlob: null, summary: null,
  };
}
