/**
 * The example repository's CI jobs, run as the forges would run them: a copy of repo-example/
 * pushed to a bare remote, the `translator` lines of the workflow and .gitlab-ci.yml files
 * executed verbatim by `sh -c` in the checkout, with the CI secrets as environment variables,
 * against the lab router. So the pipelines do not only parse: plan, deploy and drift work,
 * in the order a pull request, a merge and a schedule bring them.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import { translatorCalls } from '../helpers/ci-pipelines.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { git, initBare, initRepo, tempDir } from '../helpers/git.js';
import { labForTest, privilegedShell } from '../helpers/lab.js';

const EXAMPLE = join(REPO_ROOT, 'repo-example');
const SEED_STATIC = 'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant';

/** A router as the example expects it: Gi1 outside, Gi2 inside, archive for the revert timer. */
const ROUTER_CONFIG = `hostname edge1
!
archive
 path flash:archive
 maximum 5
!
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
!
interface GigabitEthernet2
 no ip address
!
end
`;

/** The `translator` lines of one CI file, in file order. */
function ciLines(file: string): string[] {
  const doc = parseDocument(readFileSync(join(EXAMPLE, file), 'utf8')).toJS() as Record<string, unknown>;
  const shell = file.endsWith('.gitlab-ci.yml')
    ? Object.values(doc).flatMap((job) => ((job as { script?: string[] })?.script ?? []))
    : Object.values((doc as { jobs: Record<string, { steps: { run?: string }[] }> }).jobs).flatMap((job) => job.steps.map((s) => s.run ?? ''));
  return translatorCalls(shell.join('\n')).map((call) => call.line);
}

function line(file: string, command: string): string {
  const found = ciLines(file).find((l) => l.startsWith(`translator ${command} `));
  assert.ok(found, `${file} runs translator ${command}`);
  return found;
}

test('repo-example CI: the pipelines\' translator lines plan, deploy and find drift on the lab router', { timeout: 300_000 }, async (t) => {
  const tmp = tempDir('repo-example-ci');
  t.after(() => tmp.remove());
  const lab = await labForTest({ configText: ROUTER_CONFIG });
  t.after(() => lab.close());

  // The repository as a team would have it: the example, pointed at this router, on a remote.
  const repo = join(tmp.dir, 'checkout');
  cpSync(EXAMPLE, repo, { recursive: true });
  const settings = readFileSync(join(repo, 'translator.yaml'), 'utf8');
  // Never let a test reach the example's documentation address: the router is the lab.
  const local = settings.replace(/host: 192\.0\.2\.1( *)/, `host: ${lab.host}$1`).replace(/port: 22\b/, `port: ${lab.port}`);
  assert.notEqual(local, settings);
  writeFileSync(join(repo, 'translator.yaml'), local);
  initRepo(repo);
  git(repo, 'remote', 'add', 'origin', initBare(join(tmp.dir, 'remote.git')));
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'the example');
  git(repo, 'push', '-q', '-u', 'origin', 'main');
  const sha = git(repo, 'rev-parse', 'HEAD').trim();

  // `translator` on PATH is the real CLI, as in the image.
  const bin = join(tmp.dir, 'bin');
  mkdirSync(bin);
  const tsx = fileURLToPath(import.meta.resolve('tsx'));
  writeFileSync(join(bin, 'translator'), `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${join(REPO_ROOT, 'src', 'cli', 'main.ts')}" "$@"\n`);
  chmodSync(join(bin, 'translator'), 0o755);
  mkdirSync(join(tmp.dir, 'tmp'));
  const summary = join(tmp.dir, 'step-summary.md');
  const env: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: tmp.dir,
    TMPDIR: join(tmp.dir, 'tmp'), // deploy locks live in the OS temp dir: this run's own
    // What the CI secrets and the forge provide.
    IOS_USER: 'admin',
    IOS_PASS: 'admin',
    IOS_ENABLE_PASS: 'enable',
    IOS_HOST_KEY_FINGERPRINT: lab.hostKeyFingerprint,
    GITHUB_SHA: sha,
    CI_COMMIT_SHA: sha,
    GITHUB_STEP_SUMMARY: summary,
  };
  const sh = (command: string) =>
    new Promise<{ code: number; output: string }>((resolve) => {
      execFile('sh', ['-c', command], { cwd: repo, env, timeout: 120_000, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
      });
    });

  await t.test('pull request: the plan job\'s line writes the Markdown plan of the change', async () => {
    const result = await sh(line('.github/workflows/plan.yml', 'plan'));
    assert.equal(result.code, 0, result.output);
    assert.ok(readFileSync(join(repo, 'plan.md'), 'utf8').includes(SEED_STATIC), 'the plan shows the floating IP it would add');
    assert.ok(!lab.runningConfig().includes(SEED_STATIC), 'planning changed nothing');
  });

  await t.test('merge: the GitHub deploy line brings the router to the intended config and pushes the records', async () => {
    const result = await sh(line('.github/workflows/deploy.yml', 'deploy'));
    assert.equal(result.code, 0, result.output);
    assert.ok(lab.runningConfig().includes(SEED_STATIC));
    assert.match(git(join(tmp.dir, 'remote.git'), 'branch', '--list'), /translator\/records/, 'the records reached the remote');
  });

  await t.test('the GitLab deploy line on the same commit sends nothing', async () => {
    const before = lab.runningConfig();
    const result = await sh(line('.gitlab-ci.yml', 'deploy'));
    assert.equal(result.code, 0, result.output);
    assert.equal(lab.runningConfig(), before);
  });

  await t.test('schedule: drift lines pass on a converged router, fail (exit 2) after a hand edit', async () => {
    const clean = await sh(line('.github/workflows/drift.yml', 'drift'));
    assert.equal(clean.code, 0, clean.output);
    assert.notEqual(readFileSync(summary, 'utf8').trim(), '', 'the report reaches the job summary');

    const shell = await privilegedShell(lab);
    await shell.send('configure terminal');
    await shell.send(`no ${SEED_STATIC}`);
    await shell.send('end');
    shell.end();

    const drifted = await sh(line('.gitlab-ci.yml', 'drift'));
    assert.equal(drifted.code, 2, drifted.output);
    assert.match(drifted.output, /10\.0\.1\.1/, 'the drifted floating IP is named');
  });
});
