/** `translator plan` end to end as a process: files in, commands out, Terraform-style exit codes. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { renderIntended, renderRunning } from './world.js';
import type { World } from './world.js';
import { validDocument } from '../../helpers/schemas.js';

const one: World = { tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']] }] };
const two: World = { tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1'], [2, '10.0.1.2']] }] };

function translator(args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'src', 'cli', 'main.ts'), 'plan', ...args], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, INSIDE_INTERFACE: '', OUTSIDE_INTERFACE: '' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function workspace(t: { after: (fn: () => void) => void }) {
  const dir = mkdtempSync(join(tmpdir(), 'translator-plan-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    return path;
  };
  return { dir, write };
}

test('plan --intended: text by default; --detailed-exitcode gives 2 with changes, 0 without', (t) => {
  const { write } = workspace(t);
  const running = write('running.cfg', renderRunning(one));
  const intended = write('intended.cfg', renderIntended(two));
  const changes = translator(['--running', running, '--intended', intended, '--detailed-exitcode']);
  assert.equal(changes.code, 2, changes.stderr);
  assert.equal(changes.stdout, 'ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant\n');

  assert.equal(translator(['--running', running, '--intended', intended]).code, 0, 'without the flag, changes are success');
  const same = translator(['--running', running, '--intended', write('same.cfg', renderIntended(one)), '--detailed-exitcode']);
  assert.equal(same.code, 0, same.stderr);
  assert.equal(same.stdout, 'the router: nothing to change (the running-config matches the intended config)\n', 'an empty plan says so');
  const sameDiff = translator(['--running', running, '--intended', write('same2.cfg', renderIntended(one)), '--format', 'diff']);
  assert.equal(sameDiff.stdout, 'the router: nothing to change (the running-config matches the intended config)\n');
  const sameJson = translator(['--running', running, '--intended', write('same3.cfg', renderIntended(one)), '--format', 'json']);
  const doc = validDocument(sameJson.stdout, 'plan') as { changes: number; routers: { router: null; commands: number; plan: { commands: unknown[] } }[] };
  assert.equal(doc.changes, 0);
  assert.deepEqual([doc.routers[0]!.router, doc.routers[0]!.commands, doc.routers[0]!.plan.commands], [null, 0, []]);
});

test('plan --format json|diff|markdown', (t) => {
  const { write } = workspace(t);
  const args = ['--running', write('running.cfg', renderRunning(one)), '--intended', write('intended.cfg', renderIntended(two))];
  const json = translator([...args, '--format', 'json']);
  assert.equal(json.code, 0, json.stderr);
  const doc = validDocument(json.stdout, 'plan') as { changes: number; routers: { commands: number; plan: { lines: string[] } }[] };
  assert.deepEqual(doc.routers[0]!.plan.lines, ['ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant']);
  assert.deepEqual([doc.changes, doc.routers[0]!.commands], [1, 1]);
  assert.match(translator([...args, '--format', 'diff']).stdout, /^\+ip nat inside source static 192\.168\.1\.2 10\.0\.1\.2 vrf mytenant$/m);
  assert.match(translator([...args, '--format', 'markdown']).stdout, /\*\*1 to add, 0 to change, 0 to remove\*\*/);
  assert.equal(translator([...args, '--format', 'yaml']).code, 64);
});

test('plan refuses a conflict naming the object (exit 1) and proceeds with --adopt', (t) => {
  const { write } = workspace(t);
  const running = write(
    'running.cfg',
    renderRunning({ tenants: [] }).replace('interface GigabitEthernet1', 'vrf definition mytenant\n address-family ipv4\n exit-address-family\n!\ninterface GigabitEthernet1'),
  );
  const intended = write('intended.cfg', renderIntended(one));
  const refused = translator(['--running', running, '--intended', intended, '--detailed-exitcode']);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /vrf "mytenant" already exists on the router without the ownership marker/);
  const adopted = translator(['--running', running, '--intended', intended, '--adopt', 'mytenant', '--detailed-exitcode']);
  assert.equal(adopted.code, 2, adopted.stderr);
  assert.match(adopted.stdout, /^vrf definition mytenant\n description translator: mytenant\nexit\n/);
});

test('plan --repo: reads routers/<router>/intended.cfg, interfaces from translator.yaml or from the file', (t) => {
  const { dir, write } = workspace(t);
  const running = write('running.cfg', renderRunning(one));
  write('repo/routers/edge1/intended.cfg', renderIntended(two));
  const inferred = translator(['--running', running, '--repo', join(dir, 'repo'), '--detailed-exitcode']);
  assert.equal(inferred.code, 2, inferred.stderr);
  assert.equal(inferred.stdout, 'ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant\n');

  // Settings name other interfaces: then our sub-interface is not INSIDE's, and the plan refuses it.
  write('repo/translator.yaml', 'routers:\n  - name: edge1\n    inside: GigabitEthernet4\n    outside: GigabitEthernet1\n');
  const configured = translator(['--running', running, '--repo', join(dir, 'repo')]);
  assert.equal(configured.code, 1);
  assert.match(configured.stderr, /"interface GigabitEthernet2\.10" is outside the managed scope/);

  write('repo/routers/edge2/intended.cfg', renderIntended(two));
  const ambiguous = translator(['--running', running, '--repo', join(dir, 'repo')]);
  assert.equal(ambiguous.code, 1);
  assert.match(ambiguous.stderr, /2 routers \(edge1, edge2\): choose one with --router/);
});

test('plan errors: a missing file, or neither --intended nor --repo', (t) => {
  const { dir } = workspace(t);
  const missing = translator(['--running', join(dir, 'nope.cfg'), '--intended', join(dir, 'nope.cfg')]);
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /cannot read running-config .*nope\.cfg: ENOENT/);
  assert.equal(translator(['--running', join(dir, 'nope.cfg')]).code, 64);
});
