// The git work of a fleet deploy is batch-wide, not per router (issue 14): through the real CLI,
// six lab routers and a bare remote, with a `git` first on PATH that logs each command it runs.
// What a run reads (intended configs, live.json, records, refs) goes through one long-lived
// `git cat-file --batch`; the first backups of every router come from one `git log`; lease and
// records commits are written by one kept `git hash-object`, not a `git commit-tree` each, and the
// records branch moves through one kept `git update-ref --stdin`; every router's lease is taken up
// front in one push, though only two routers run at once. Every router still gets its own record
// and deploys.log line. Counted, never timed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { ENABLE, PASSWORD, SEED_INTENDED } from './deploy-helpers.js';
import { fleetWorld } from './fleet-helpers.js';

const ROUTERS = ['edge1', 'edge2', 'edge3', 'edge4', 'edge5', 'edge6'];

test('deploy --all: git commands that ran once per router now run once per batch, and every router is recorded', async (t) => {
  const fleet = await fleetWorld(t, ROUTERS);
  fleet.writeSettings();
  fleet.commitIntended(Object.fromEntries(ROUTERS.map((r) => [r, SEED_INTENDED])), 'the fleet');
  const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  const log = join(fleet.dir, 'git-commands.log');
  const wrapper = join(fleet.dir, 'bin');
  execFileSync('mkdir', ['-p', wrapper]);
  writeFileSync(join(wrapper, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> ${JSON.stringify(log)}\nexec ${JSON.stringify(realGit)} "$@"\n`);
  chmodSync(join(wrapper, 'git'), 0o755);
  const deployAll = async () => {
    writeFileSync(log, '');
    const result = await runCli(['deploy', '--all', '--yes', '--concurrency', '2', '--repo', fleet.repo], {
      env: { PATH: `${wrapper}:${process.env.PATH}`, LAB_PASS: PASSWORD, LAB_ENABLE: ENABLE },
      timeoutMs: 120_000,
    });
    assert.equal(result.code, 0, result.stderr);
    const commands = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    const count = (pattern: RegExp) => commands.filter((line) => pattern.test(line)).length;
    return { result, commands, count };
  };

  for (const run of ['changing', 'nothing to change'] as const) {
    const { result, commands, count } = await deployAll();
    for (const router of ROUTERS) assert.match(result.stdout, new RegExp(`^${router}: ${run === 'changing' ? 'success' : 'unchanged'}: `, 'm'));
    assert.ok(count(/^cat-file --batch$/) <= 2, `reads go through one long-lived cat-file (${run}): ${commands.join(' | ')}`);
    assert.equal(count(/^rev-parse (--verify|--is-inside)/), 1, `only opening the repository asks rev-parse (${run})`);
    assert.ok(count(/^log --reverse --diff-filter=A/) <= 1, `the first backups of every router: one git log (${run})`);
    assert.equal(count(/^(commit-tree|read-tree|update-index|write-tree)\b/), 0, `no commit built in an index or by commit-tree (${run}): ${commands.join(' | ')}`);
    const commitWriters = count(/^hash-object -w --no-filters --stdin-paths -t commit$/);
    assert.ok(commitWriters >= 1 && commitWriters <= 2, `lease and records commits written by one kept hash-object (${run}): ${commitWriters}`);
    assert.ok(count(/^update-ref -m translator: record --stdin$/) <= 2, `the records branch moved by one kept update-ref (${run})`);
    assert.equal(count(/^for-each-ref /), 0, `tips read by cat-file (${run})`);
    // A take expects the lease absent (`--force-with-lease=<ref>:` with nothing after the colon).
    const takes = commands.filter((line) => /^push .*--force-with-lease=refs\/translator\/leases\/[^:\s]+:(\s|$)/.test(line));
    assert.equal(takes.length, 1, `every router's lease taken in one push (${run}): ${takes.join(' | ')}`);
    for (const router of ROUTERS) assert.ok(takes[0]!.includes(`leases/${router}:`), `${router}'s lease is in that push (${run})`);
  }
  for (const router of ROUTERS) {
    const lines = (fleet.recordFile(`routers/${router}/deploys.log`) ?? '').split('\n').filter(Boolean);
    assert.equal(lines.length, 2, `${router}: a record for each run`);
    assert.notEqual(fleet.recordFile(`routers/${router}/running.cfg`), null, `${router}: its backup`);
  }
});
