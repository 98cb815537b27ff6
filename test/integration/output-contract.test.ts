// The output contract (issue 12): every command that prints results prints, with --format json, one
// versioned document of the same shape for one router or many, valid against its schema in
// schemas/; text says when there is nothing to do; output survives a closed pipe; a no-op deploy
// leaves live.json alone and adds one records commit. Real CLI processes, the lab router, real Git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { git } from '../helpers/git.js';
import { validDocument } from '../helpers/schemas.js';
import { deployWorld, SEED_INTENDED } from './deploy-helpers.js';

const ENTRY = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));
const SECOND_NAT = 'ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant';
const WITH_SECOND = SEED_INTENDED.replace(/^(ip nat inside source static .*\n)/m, `$1${SECOND_NAT}\n`);

type Json = Record<string, any>;

test('translator --version and `translator version [--format json]`', async () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
  const short = await runCli(['--version']);
  assert.equal(short.code, 0, short.stderr);
  assert.equal(short.stdout, `${pkg.version}\n`);

  const text = await runCli(['version']);
  assert.equal(text.code, 0, text.stderr);
  assert.equal(text.stdout.split('\n')[0], `${pkg.name} ${pkg.version}`);
  assert.match(text.stdout, new RegExp(`^node ${process.version.replace(/\./g, '\\.')} ${process.platform}/${process.arch}$`, 'm'));

  const doc = validDocument((await runCli(['version', '--format', 'json'])).stdout, 'version');
  assert.deepEqual([doc.name, doc.version, doc.node, doc.platform, doc.arch], [pkg.name, pkg.version, process.version, process.platform, process.arch]);
  // This test runs from a checkout: its commit is known, and it is the checkout's HEAD, not made up.
  assert.equal(doc.commit, git(REPO_ROOT, 'rev-parse', 'HEAD').trim());
  assert.match(text.stdout, new RegExp(`^commit ${doc.commit}$`, 'm'));
});

test('plan, deploy, drift, rollback, status, unlock: one versioned document each; empty plans say so; a no-op deploy keeps live.json and adds one records commit', async (t) => {
  const w = await deployWorld(t);
  const seed = w.commitIntended(SEED_INTENDED);

  const planned = await w.cli('plan', '--format', 'json');
  assert.equal(planned.code, 0, planned.stderr);
  const plan = validDocument(planned.stdout, 'plan') as Json;
  assert.equal(plan.routers.length, 1, 'one router: still a list');
  assert.equal(plan.routers[0].router, 'edge1');
  assert.equal(plan.routers[0].commit, seed);
  assert.ok(plan.routers[0].commands > 0 && plan.changes > 0);

  const deployed = await w.cli('deploy', '--yes', '--format', 'json');
  assert.equal(deployed.code, 0, deployed.stderr);
  const deploy = validDocument(deployed.stdout, 'deploy') as Json;
  assert.deepEqual([deploy.command, deploy.ok, deploy.routers[0].result, deploy.routers[0].record.commit], ['deploy', true, 'success', seed]);
  assert.equal(deploy.routers[0].lines, deploy.routers[0].record.commands.length);
  assert.equal(deploy.routers[0].recordCommit, git(w.repo, 'rev-parse', 'translator/records').trim());
  assert.deepEqual(deploy.records, { pushed: true, note: deploy.records.note });

  // A no-op deploy: one records commit (the record, its log line and the refreshed backup), live.json as it was.
  const live = w.recordFile('routers/edge1/live.json');
  for (const format of ['text', 'json']) {
    const before = git(w.repo, 'rev-parse', 'translator/records').trim();
    const logLines = w.recordFile('routers/edge1/deploys.log')!.trim().split('\n').length;
    const again = await w.cli('deploy', '--yes', '--format', format);
    assert.equal(again.code, 0, again.stderr);
    if (format === 'json') assert.equal((validDocument(again.stdout, 'deploy') as Json).routers[0].result, 'unchanged');
    else assert.match(again.stdout, /^edge1: unchanged: the router already runs [0-9a-f]{12}: nothing to send$/m);
    assert.equal(git(w.repo, 'rev-list', '--count', `${before}..translator/records`).trim(), '1', 'one records commit');
    assert.equal(w.recordFile('routers/edge1/live.json'), live, "live.json unchanged: its since stays the first deploy's");
    assert.equal(w.recordFile('routers/edge1/deploys.log')!.trim().split('\n').length, logLines + 1, 'one deploys.log line');
    assert.equal(w.lastRecord().result, 'unchanged');
  }
  assert.match(git(w.repo, 'show', '--stat', '--format=%s', 'translator/records'), /routers\/edge1\/running\.cfg|deploys\/edge1\//);

  const nothing = `edge1: nothing to change (the router matches ${seed.slice(0, 12)})\n`;
  for (const format of ['text', 'diff']) assert.equal((await w.cli('plan', '--format', format)).stdout, nothing, `${format}: an empty plan says so`);
  const empty = validDocument((await w.cli('plan', '--format', 'json')).stdout, 'plan') as Json;
  assert.deepEqual([empty.changes, empty.routers[0].commands, empty.routers[0].plan.commands], [0, 0, []]);
  const offline = await w.cli('plan', '--from-records', '--format', 'text');
  assert.match(offline.stdout, new RegExp(`^edge1: nothing to change \\(what was recorded for the router matches ${seed.slice(0, 12)}\\)$`, 'm'));

  const inSync = await w.cli('drift', '--format', 'json');
  assert.equal(inSync.code, 0, inSync.stderr);
  const noDrift = validDocument(inSync.stdout, 'drift') as Json;
  assert.deepEqual([noDrift.drifted, noDrift.routers[0].drift, noDrift.fix], [0, false, null]);

  const second = w.commitIntended(WITH_SECOND, 'second NAT');
  const drifting = await w.cli('drift', '--format', 'json');
  assert.equal(drifting.code, 2, 'drift found: exit 2, as in text');
  const drift = validDocument(drifting.stdout, 'drift') as Json;
  assert.equal(drift.commit, second);
  assert.deepEqual(drift.routers[0].objects, [{ action: 'add', kind: 'nat-static', name: 'mytenant', line: SECOND_NAT }]);
  const fixed = await w.cli('drift', '--fix', '--yes', '--format', 'json');
  assert.equal(fixed.code, 0, fixed.stderr);
  const fix = validDocument(fixed.stdout, 'drift') as Json;
  assert.deepEqual([fix.fix.ok, fix.fix.routers[0].result, fix.fix.routers[0].record.kind, fix.fix.routers[0].lines], [true, 'success', 'drift-fix', 1]);

  const rolled = await w.cli('rollback', '--yes', '--to', seed, '--format', 'json');
  assert.equal(rolled.code, 0, rolled.stderr);
  const rollback = validDocument(rolled.stdout, 'deploy') as Json;
  assert.deepEqual([rollback.command, rollback.routers[0].result, rollback.routers[0].record.kind, rollback.routers[0].commit], ['rollback', 'success', 'rollback', seed]);

  // status: --format json is the option, --json its alias; the document is the status page's (GET /api/v1/status).
  const status = await w.cli('status', '--offline', '--format', 'json');
  assert.equal(status.code, 0, status.stderr);
  const statusDoc = validDocument(status.stdout, 'status') as Json;
  const aliased = JSON.parse((await w.cli('status', '--offline', '--json')).stdout) as Json;
  assert.deepEqual({ ...aliased, generatedAt: statusDoc.generatedAt }, statusDoc, 'the same document but for when it was made');
  assert.equal((await w.cli('status', '--offline', '--json', '--format', 'text')).code, 64, '--json and --format text contradict each other');

  const unlocked = await w.cli('unlock', '--format', 'json');
  assert.equal(unlocked.code, 0, unlocked.stderr);
  assert.deepEqual(validDocument(unlocked.stdout, 'unlock'), { schemaVersion: 1, kind: 'unlock', routers: [{ router: 'edge1', removed: [], recordedIn: null }], records: null });

  for (const command of ['deploy', 'rollback', 'drift', 'plan', 'unlock', 'version']) {
    const bad = await runCli([command, '--format', 'yaml']);
    assert.equal(bad.code, 64, `${command} --format yaml is a usage error`);
    assert.match(bad.stderr, /argument 'yaml' is invalid/);
  }
});

/** `translator ARGS | TAIL` in bash; translator's own exit code and stderr (in a file), and what the pipe's end printed. */
function pipeline(args: string, tail: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; shown: string; stderr: string }> {
  const errFile = join(REPO_ROOT, `.pipe-${process.pid}-${Math.random().toString(16).slice(2)}.err`);
  const script = `node --import tsx "$ENTRY" ${args} 2>"$ERR" ${tail}; exit \${PIPESTATUS[0]}`;
  return new Promise((resolve) => {
    execFile('bash', ['-c', script], { cwd: REPO_ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env, ENTRY, ERR: errFile }, timeout: 120_000 }, (error, stdout) => {
      const stderr = readFileSync(errFile, 'utf8');
      execFile('rm', ['-f', errFile], () => resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, shown: stdout, stderr }));
    });
  });
}

test('output survives a closed pipe: plan, render, status and version end with their own exit code and no stack trace', async (t) => {
  const w = await deployWorld(t);
  // 4000 static NATs: a plan and a render far larger than a pipe's buffer, so writes fail after `head` has gone.
  const many = Array.from({ length: 4000 }, (_, i) => `ip nat inside source static 192.168.${1 + Math.floor(i / 250)}.${1 + (i % 250)} 10.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)} vrf mytenant`);
  const big = SEED_INTENDED.replace(/^ip nat inside source static .*\n/m, `${many.join('\n')}\n`).replace('255.255.255.0', '255.255.0.0').replace('192.168.1.254', '192.168.255.254');
  w.commitIntended(big, 'big');
  const state = join(w.dir, 'state.json');
  const containers = many.map((_, i) => ({
    ...EXAMPLE_STATE.containers[0]!,
    id: `${i}`.padStart(64, 'c'),
    name: `c${i}`,
    labels: { global_ip: `10.0.${1 + Math.floor(i / 250)}.${1 + (i % 250)}` },
    addresses: { mytenant: `192.168.${1 + Math.floor(i / 250)}.${1 + (i % 250)}` },
  }));
  const network = { ...EXAMPLE_STATE.networks[0]!, subnet: '192.168.0.0/16', gateway: '192.168.255.254' };
  writeFileSync(state, JSON.stringify({ networks: [network], containers }));
  const env = { ...w.env };
  const cases: [string, string][] = [
    [`plan --all --format diff --repo "${w.repo}"`, '| head -1'],
    [`plan --format json --repo "${w.repo}" --detailed-exitcode`, '| head -c 10'],
    [`render --stdout --state "${state}"`, '| head -1'],
    [`render --format json --state "${state}"`, '| head -1'],
    [`status --offline --repo "${w.repo}"`, '| true'],
    ['version --format json', '| true'],
  ];
  for (const [args, tail] of cases) {
    const { code, shown, stderr } = await pipeline(args, tail, env);
    assert.doesNotMatch(stderr, /EPIPE|Error:|at .*\.(ts|js):\d+/, `${args} ${tail}: no stack trace:\n${stderr}`);
    assert.equal(code, args.includes('--detailed-exitcode') ? 2 : 0, `${args} ${tail}: its own exit code\n${stderr}`);
    if (tail.startsWith('| head')) assert.ok(shown.length > 0, `${args}: the first line came through`);
  }
});
