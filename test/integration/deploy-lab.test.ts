// translator deploy against the lab router through the real CLI: the contract, records, idempotence.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { git } from '../helpers/git.js';
import { openShell, startLab } from '../helpers/lab.js';
import { assertLookalikesUntouched, deployWorld, ENABLE, PASSWORD, ROUTER_CONFIG, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

const STATIC = /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m;

test('deploy applies the intended commit, verifies, confirms, saves and records it', async (t) => {
  const w = await deployWorld(t);
  const commit = w.commitIntended(SEED_INTENDED);
  const planned = await w.cli('plan', '--detailed-exitcode');
  assert.equal(planned.code, 2, planned.stderr);
  assert.match(planned.stdout, /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
  assertLookalikesUntouched(await w.running());
  const diff = await w.cli('plan', '--format', 'diff', '--ref', commit);
  assert.equal(diff.code, 0, diff.stderr);
  assert.match(diff.stdout, /^\+ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);
  // An uncommitted edit in the work tree is not what gets deployed: the commit is.
  writeFileSync(join(w.repo, 'routers/edge1/intended.cfg'), 'vrf definition uncommitted\n description translator: x\nend\n');
  const first = await w.cli('deploy', '--yes');
  assert.equal(first.code, 0, first.stderr);
  assert.doesNotMatch(await w.running(), /uncommitted/);
  git(w.repo, 'checkout', '--', 'routers/edge1/intended.cfg');
  const running = await w.running();
  for (const line of SEED_LINES) assert.match(running, line);
  assertLookalikesUntouched(running);
  const record = w.lastRecord();
  assert.equal(record.result, 'success');
  assert.equal(record.commit, commit);
  assert.ok(record.commands.length > 10);
  assert.equal(record.saved, true);
  assert.equal(JSON.parse(w.recordFile('routers/edge1/live.json')!).commit, commit);

  assert.equal((await w.cli('plan', '--detailed-exitcode')).code, 0, 'nothing left to plan');
  const second = await w.cli('deploy', '--yes');
  assert.equal(second.code, 0, second.stderr);
  assert.equal(w.lastRecord().result, 'unchanged');
  assert.deepEqual(w.lastRecord().commands, []);
});

test('status, drift (exit 2, each object), drift --fix, and rollback to the config live before the last deploy', async (t) => {
  const w = await deployWorld(t);
  const a = w.commitIntended(SEED_INTENDED, 'seed');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  const b = w.commitIntended(SEED_INTENDED.replace(/^ip nat inside source static .*\n/m, ''), 'remove the floating IP');
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  assert.doesNotMatch(await w.running(), STATIC);

  const status = await w.cli('status');
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, new RegExp(`live: +${b.slice(0, 12)}`));
  assert.match(status.stdout, /last deploy: .* deploy .* success by /);
  assert.match(status.stdout, /drift: +none/);
  const offline = await w.cli('status', '--offline', '--json');
  assert.equal(offline.code, 0, offline.stderr);
  const doc = JSON.parse(offline.stdout);
  assert.equal(doc.kind, 'status');
  const [row] = doc.routers;
  assert.equal(row.live.commit, b);
  assert.equal(row.lastDeploy.result, 'success');
  assert.equal(row.tip, b);
  assert.equal(row.drift.checked, false);
  assert.equal(row.state, 'in-sync');

  // Someone changes an owned object by hand.
  const shell = await openShell(w.lab, { password: PASSWORD });
  await shell.send('enable', /Password: $/);
  await shell.send(ENABLE);
  await shell.send('configure terminal');
  await shell.send('interface GigabitEthernet2.10');
  await shell.send('no ip nat inside');
  await shell.send('end');
  shell.end();

  const drift = await w.cli('drift');
  assert.equal(drift.code, 2, drift.stderr);
  assert.match(drift.stdout, /edge1: DRIFT from [0-9a-f]{12} \(1 object\(s\)\):\n {2}differs on the router: subinterface interface GigabitEthernet2\.10/);
  assert.match((await w.cli('status')).stdout, /drift: +DRIFT \(1 object\(s\)\)/);

  const fixed = await w.cli('drift', '--fix', '--yes');
  assert.equal(fixed.code, 0, fixed.stderr);
  assert.equal(w.lastRecord().kind, 'drift-fix');
  assert.equal((await w.cli('drift')).code, 0);

  const rollback = await w.cli('rollback', '--yes');
  assert.equal(rollback.code, 0, rollback.stderr);
  assert.match(rollback.stderr, new RegExp(`rolling back to ${a.slice(0, 12)}`));
  const record = w.lastRecord();
  assert.equal(record.kind, 'rollback');
  assert.equal(record.commit, a);
  assert.match(await w.running(), STATIC);
  assert.equal(JSON.parse(w.recordFile('routers/edge1/live.json')!).commit, a);

  const forward = await w.cli('rollback', '--yes', '--to', b);
  assert.equal(forward.code, 0, forward.stderr);
  assert.doesNotMatch(await w.running(), STATIC);
});

test('--all: routers in parallel, a failed router does not stop the others, a result table, exit 1', async (t) => {
  const w = await deployWorld(t);
  const edge2 = await startLab({
    port: 0, configText: ROUTER_CONFIG.replace('hostname edge1', 'hostname edge2'), password: PASSWORD, enableSecret: ENABLE,
    faults: { reject: [{ pattern: '^route-map', message: '% Command rejected: lab fault' }] },
  });
  t.after(() => edge2.close());
  const router = (name: string, lab: { host: string; port: number; hostKeyFingerprint: string }) => `
  - name: ${name}
    host: ${lab.host}
    port: ${lab.port}
    inside: GigabitEthernet2
    outside: GigabitEthernet1
    username: admin
    password: { file: ${JSON.stringify(w.env.IOS_PASS_FILE)} }
    enablePassword: { env: EDGE_ENABLE }
    hostKey: { fingerprint: "${lab.hostKeyFingerprint}" }`;
  const yaml = `${readFileSync(join(w.repo, 'translator.yaml'), 'utf8')}  concurrency: 2\nrouters:${router('edge1', w.lab)}${router('edge2', edge2)}\n`;
  writeFileSync(join(w.repo, 'translator.yaml'), yaml);
  w.env.EDGE_ENABLE = ENABLE;
  for (const key of ['IOS_MGMT_IP', 'IOS_MGMT_PORT', 'IOS_USER', 'IOS_PASS_FILE', 'IOS_ENABLE_PASS', 'IOS_HOST_KEY_FINGERPRINT', 'INSIDE_INTERFACE', 'OUTSIDE_INTERFACE']) delete w.env[key];
  w.commitIntended(SEED_INTENDED);
  mkdirSync(join(w.repo, 'routers/edge2'), { recursive: true });
  writeFileSync(join(w.repo, 'routers/edge2/intended.cfg'), SEED_INTENDED);
  git(w.repo, 'add', '-A');
  git(w.repo, 'commit', '-q', '-m', 'two routers');

  const missing = await w.cli('deploy', '--yes');
  assert.equal(missing.code, 64, `two routers and no --router/--all is a usage error: ${missing.stderr}`);
  const result = await w.cli('deploy', '--all', '--yes');
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stdout, /^ROUTER +RESULT +STATE +COMMIT +LINES +MESSAGE$/m);
  assert.match(result.stdout, /^edge1 +success +new +[0-9a-f]{12} +24 +deployed/m);
  assert.match(result.stdout, /^edge2 +reverted +old +[0-9a-f]{12} +24 +the router rejected line \d+ "route-map TRANSLATOR-EGRESS permit 10"/m);
  for (const line of SEED_LINES) assert.match(await w.running(), line);
  assert.doesNotMatch(edge2.runningConfig(), /mytenant/);
  assert.match(w.recordFile('routers/edge2/deploys.log')!, /reverted/);
});
