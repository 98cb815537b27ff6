// Deploys exclude each other across machines (issue 10, item 3): two real translator processes,
// each in its own clone of one bare remote with its own lock directory (as on two machines), deploy
// to one lab router at once; an expired lease left by another machine is taken over; a live one
// refuses until `translator unlock` removes it, on the record; an unreachable remote refuses.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runCli } from '../helpers/cli.js';
import { cloneRepo, git } from '../helpers/git.js';
import { assertLookalikesUntouched, assertNoOwnedConfig, deployWorld, SEED_INTENDED, SEED_LINES, type DeployWorld } from './deploy-helpers.js';
import { eventually } from '../unit/watch/harness.js';

const LEASE = 'refs/translator/leases/edge1';
/** Generous device timeouts: the lab is slowed down on purpose while the second process runs. */
const TIMEOUTS = 'timeouts: { loginMs: 60000, commandMs: 60000, lineMs: 60000 }';

/** A settings file of one "machine": its own lock directory. */
function machineConfig(w: DeployWorld, name: string, extra = ''): string {
  const file = join(w.dir, `${name}.yaml`);
  writeFileSync(file, `deploy:\n  lockDir: ${JSON.stringify(join(w.dir, `locks-${name}`))}\n  ${TIMEOUTS}\n${extra}`);
  return file;
}

const leaseOnRemote = (w: DeployWorld) => git(w.remote, 'for-each-ref', '--format=%(objectname)', LEASE).trim();


test('two machines deploy one router at once: exactly one proceeds, the other is refused naming the holder; no lease is left', async (t) => {
  // Every line costs the lab 3 s while the second process runs, so the first cannot finish meanwhile.
  const w = await deployWorld(t, { faults: { perLineMs: 3000 } });
  const commit = w.commitIntended(SEED_INTENDED);
  git(w.repo, 'push', '-q', 'origin', 'main');
  const clone = cloneRepo(pathToFileURL(w.remote).href, join(w.dir, 'clone'));
  const run = (repo: string, config: string) => runCli(['deploy', '--yes', '--repo', repo, '--config', config], { env: w.env, timeoutMs: 300_000 });

  const first = run(w.repo, machineConfig(w, 'one'));
  await eventually('the first deploy holds the lease on the remote', () => leaseOnRemote(w) !== '');
  const second = await run(clone, machineConfig(w, 'two'));
  w.lab.setFaults({});
  const one = await first;

  assert.equal(one.code, 0, one.stderr);
  assert.match(one.stdout, /edge1: success: deployed/);
  const winner = /edge1: recorded as (\S+)/.exec(one.stdout)![1]!;
  assert.equal(second.code, 1, second.stdout);
  assert.match(
    second.stderr,
    new RegExp(`edge1: refused: another translator holds the deploy lease on origin: deploy ${winner} \\(deploy edge1 ${commit.slice(0, 12)}\\) by .*, pid \\d+ on ${os.hostname()}.*Nothing was sent to the router`),
  );
  assert.equal(leaseOnRemote(w), '', 'released: no lease ref left on the remote');
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line);
  assertLookalikesUntouched(running);
  // Both outcomes are on the shared records branch.
  const log = git(w.remote, 'show', 'translator/records:routers/edge1/deploys.log').trim().split('\n');
  assert.deepEqual(log.map((l) => l.split(/\s{2,}/)[1]).sort(), ['refused', 'success']);
});

/** Leaves a lease of another machine on the remote, as that machine would have. */
function plantLease(w: DeployWorld, info: { host: string; renewed: Date }): void {
  const lease = {
    router: 'edge1', deploy: '20260101T000000Z-edge1-abcdef', purpose: 'deploy edge1 0123456789ab', actor: 'github acme/edge run 7', host: info.host, pid: 4242,
    taken: info.renewed.toISOString(), renewed: info.renewed.toISOString(), seconds: 300,
    expires: new Date(info.renewed.getTime() + 300_000).toISOString(), nonce: 'planted',
  };
  const env = ['-c', 'user.name=other', '-c', 'user.email=other@example.invalid'];
  const tree = git(w.repo, 'hash-object', '-t', 'tree', '-w', '/dev/null').trim(); // the empty tree
  const commit = git(w.repo, ...env, 'commit-tree', tree, '-m', `lease edge1\n\n${JSON.stringify(lease)}`).trim();
  git(w.repo, 'push', '-q', '--force', 'origin', `${commit}:${LEASE}`);
}

test('a live lease of another machine refuses until `translator unlock` removes it (recorded); an expired one is taken over', async (t) => {
  const w = await deployWorld(t);
  const commit = w.commitIntended(SEED_INTENDED);
  git(w.repo, 'push', '-q', 'origin', 'main');

  plantLease(w, { host: 'ci-runner-7', renewed: new Date() });
  const refused = await w.cli('deploy', '--yes');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /another translator holds the deploy lease on origin: deploy 20260101T000000Z-edge1-abcdef \(deploy edge1 0123456789ab\) by github acme\/edge run 7, pid 4242 on ci-runner-7/);
  assert.match(refused.stderr, /`translator unlock --router edge1` removes it/);
  assertNoOwnedConfig(await w.running());

  const status = await w.cli('status', '--offline');
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /lease: +deploy 20260101T000000Z-edge1-abcdef .* on ci-runner-7.*held until/);

  const unlocked = await w.cli('unlock', '--router', 'edge1');
  assert.equal(unlocked.code, 0, unlocked.stderr);
  assert.match(unlocked.stdout, /edge1: removed the deploy lease on origin: deploy 20260101T000000Z-edge1-abcdef/);
  assert.equal(leaseOnRemote(w), '');
  const unlocks = git(w.remote, 'show', 'translator/records:routers/edge1/unlocks.log');
  assert.match(unlocks, /^\S+Z {2}\S+@\S+ {2}the deploy lease on origin: deploy 20260101T000000Z-edge1-abcdef/m, 'who removed what, pushed to the remote');
  assert.match(git(w.remote, 'log', '-1', '--format=%s', 'translator/records'), /^edge1: unlock by /);

  const deployed = await w.cli('deploy', '--yes');
  assert.equal(deployed.code, 0, deployed.stderr);

  // Expired two hours ago: taken over without anyone's help.
  plantLease(w, { host: 'ci-runner-8', renewed: new Date(Date.now() - 7_200_000) });
  const again = await w.cli('deploy', '--yes', '--ref', commit);
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stderr, /taking over the deploy lease of deploy 20260101T000000Z-edge1-abcdef .*pid 4242 on ci-runner-8.*not renewed since/);
  assert.equal(leaseOnRemote(w), '');
});

test('an unreachable remote refuses the deploy (nothing sent); deploy.lease: local deploys without it', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  git(w.repo, 'remote', 'set-url', 'origin', 'git://127.0.0.1:1/gone.git');
  const refused = await w.cli('deploy', '--yes');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /edge1: refused: cannot reach the deploy lease on origin \(.*\)\. Refusing: without the lease, a translator on another machine could be deploying to this router right now/);
  assertNoOwnedConfig(await w.running());

  const config = machineConfig(w, 'local', '  lease: local\n');
  const local = await runCli(['deploy', '--yes', '--repo', w.repo, '--config', config], { env: w.env, timeoutMs: 120_000 });
  for (const line of SEED_LINES) assert.match(await w.running(), line);
  // Deployed, but the records could not reach the remote either: that is an error saying so (exit 1).
  assert.equal(local.code, 1, local.stderr);
  assert.match(local.stderr, /could not be pushed to origin.*edge1 IS changed: it runs the new config \(result success\)/s);
});
