// A fleet takes every router's lease at the start of the run, two routers talked to at a time
// (issue 14): through the real CLI, four lab routers and a bare remote. A router whose lease a
// translator on another machine holds is refused on its own, naming the holder, with nothing sent;
// its lease is left exactly as it was; every other router is deployed and recorded, and every lease
// this run took is gone from the remote at its end.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { assertNoOwnedConfig, SEED_INTENDED } from './deploy-helpers.js';
import { fleetWorld } from './fleet-helpers.js';
import { git } from '../helpers/git.js';

const ROUTERS = ['edge1', 'edge2', 'edge3', 'edge4'];
const lease = (router: string) => `refs/translator/leases/${router}`;

test('deploy --all: a lease held elsewhere refuses that router alone; every lease the run took is released', async (t) => {
  const fleet = await fleetWorld(t, ROUTERS);
  fleet.writeSettings();
  fleet.commitIntended(Object.fromEntries(ROUTERS.map((r) => [r, SEED_INTENDED])), 'the fleet');
  git(fleet.repo, 'push', '-q', 'origin', 'main');

  // A live lease of another machine on edge3, as lease.test.ts plants one.
  const now = new Date();
  const holder = {
    router: 'edge3', deploy: '20260101T000000Z-edge3-abcdef', purpose: 'deploy edge3 0123456789ab', actor: 'github acme/edge run 9', host: 'ci-runner-9', pid: 4242,
    taken: now.toISOString(), renewed: now.toISOString(), seconds: 300, expires: new Date(now.getTime() + 300_000).toISOString(), nonce: 'planted',
  };
  const identity = ['-c', 'user.name=other', '-c', 'user.email=other@example.invalid'];
  const tree = git(fleet.repo, 'hash-object', '-t', 'tree', '-w', '/dev/null').trim();
  const planted = git(fleet.repo, ...identity, 'commit-tree', tree, '-m', `lease edge3\n\n${JSON.stringify(holder)}`).trim();
  git(fleet.repo, 'push', '-q', 'origin', `${planted}:${lease('edge3')}`);

  const run = await fleet.cli('deploy', '--all', '--yes', '--concurrency', '2');
  assert.equal(run.code, 1, 'a refused router fails the run');
  assert.match(run.stdout, /^edge3 +refused /m);
  assert.match(run.stderr, /another translator holds the deploy lease on origin: deploy 20260101T000000Z-edge3-abcdef .* on ci-runner-9/);
  assertNoOwnedConfig(await fleet.running('edge3'));
  assert.equal(fleet.lastRecord('edge3').result, 'refused');
  for (const router of ['edge1', 'edge2', 'edge4']) {
    assert.match(run.stdout, new RegExp(`^${router} +success `, 'm'));
    assert.equal(fleet.lastRecord(router).result, 'success');
  }
  const leases = git(fleet.remote, 'for-each-ref', '--format=%(refname) %(objectname)', 'refs/translator/leases/').trim().split('\n').filter(Boolean);
  assert.deepEqual(leases, [`${lease('edge3')} ${planted}`], 'the planted lease untouched, every lease of this run released');
});
