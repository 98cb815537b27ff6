/**
 * The example repository's CI jobs, run as the forges would run them: a copy of repo-example/
 * grown to two routers (each with its own credentials, as the README says to add one), pushed
 * to a bare remote, and each job's shell lines of the workflow and .gitlab-ci.yml files executed
 * verbatim in the checkout (GitHub's `shell: bash` as `bash -eo pipefail`, the rest by `sh`), with
 * only the variables that job is given, against two lab routers. In the order a pull request, a
 * merge, a second pull request, a redeploy and a schedule bring them:
 * - the plan jobs run without any router secret and read no router, and their plan says what it
 *   started from and how old that is; the comment posters keep one comment, edited in place;
 * - deploy brings both routers to the deploy branch's tip with their own credentials and pushes
 *   the records; the GitLab deploy job gives git its token through a credential helper, never a
 *   remote URL, and on the same commit sends nothing;
 * - drift passes on converged routers and fails (exit 2) after a hand edit.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';
import {
  fakeGithub,
  fakeGitlabNotes,
  githubWorkflowSchema,
  gitlabCiSchema,
  gitlabJobs,
  runGithubScript,
  type ForgeComment,
} from '../helpers/ci-pipelines.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { git, initBare, initRepo, tempDir } from '../helpers/git.js';
import { labForTest, openShell } from '../helpers/lab.js';

const EXAMPLE = join(REPO_ROOT, 'repo-example');
const SEED_STATIC = 'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant';
const SECOND_STATIC = 'ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant';
const THIRD_STATIC = 'ip nat inside source static 192.168.1.3 10.0.1.3 vrf mytenant';

/** A router as the example expects it: Gi1 outside, Gi2 inside, archive for the revert timer. */
const routerConfig = (hostname: string) =>
  `hostname ${hostname}\n!\narchive\n path flash:archive\n maximum 5\n!\ninterface GigabitEthernet1\n ip address 203.0.113.2 255.255.255.0\n!\ninterface GigabitEthernet2\n no ip address\n!\nend\n`;

/** Each router's own credentials, as the deploy and drift jobs get them from the forge's secrets. */
const CREDENTIALS = {
  edge1: { username: 'admin', password: 'edge1-Pa55', enableSecret: 'edge1-En4ble' },
  edge2: { username: 'ops', password: 'edge2-Pa55', enableSecret: 'edge2-En4ble' },
};
const ROUTER_SECRETS = {
  EDGE1_USER: CREDENTIALS.edge1.username, EDGE1_PASS: CREDENTIALS.edge1.password, EDGE1_ENABLE_PASS: CREDENTIALS.edge1.enableSecret,
  EDGE2_USER: CREDENTIALS.edge2.username, EDGE2_PASS: CREDENTIALS.edge2.password, EDGE2_ENABLE_PASS: CREDENTIALS.edge2.enableSecret,
};

interface Step {
  run: string;
  shell?: string;
}

/** The shell steps of a workflow's (only) job, in order. */
function githubJob(file: string): Step[] {
  const workflow = githubWorkflowSchema.parse(parseDocument(readFileSync(join(EXAMPLE, '.github', 'workflows', file), 'utf8')).toJS());
  const [job] = Object.values(workflow.jobs);
  return job!.steps.flatMap((step) => (step.run === undefined ? [] : [{ run: step.run, ...(step.shell ? { shell: step.shell } : {}) }]));
}

/** A GitLab job's script lines. */
function gitlabJob(name: string): Step[] {
  const ci = gitlabCiSchema.parse(parseDocument(readFileSync(join(EXAMPLE, '.gitlab-ci.yml'), 'utf8')).toJS());
  const job = gitlabJobs(ci).find(([jobName]) => jobName === name)?.[1];
  assert.ok(job, `.gitlab-ci.yml has a job ${name}`);
  return job.script.map((run) => ({ run }));
}

/** The github-script step's code of the plan workflow. */
function commentScript(): string {
  const workflow = githubWorkflowSchema.parse(parseDocument(readFileSync(join(EXAMPLE, '.github', 'workflows', 'plan.yml'), 'utf8')).toJS());
  const step = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses?.startsWith('actions/github-script@'));
  return String(step?.with?.script ?? '');
}

test('repo-example CI: the pipelines\' jobs plan, deploy and find drift on two lab routers, each with its own credentials', { timeout: 420_000 }, async (t) => {
  const tmp = tempDir('repo-example-ci');
  t.after(() => tmp.remove());
  const labs = {
    edge1: await labForTest({ configText: routerConfig('edge1'), ...CREDENTIALS.edge1 }),
    edge2: await labForTest({ configText: routerConfig('edge2'), ...CREDENTIALS.edge2 }),
  };
  t.after(() => Promise.all(Object.values(labs).map((lab) => lab.close())));

  // The repository as a team would have it: the example, pointed at these routers, a second router
  // added with its own variables, on a remote where GitLab would keep it ($CI_SERVER_URL/$CI_PROJECT_PATH.git).
  const server = join(tmp.dir, 'gitlab');
  const remote = join(server, 'netops', 'routers.git');
  initBare(remote);
  const repo = join(tmp.dir, 'checkout');
  cpSync(EXAMPLE, repo, { recursive: true });
  const settings = parseDocument(readFileSync(join(repo, 'translator.yaml'), 'utf8'));
  const edge1 = settings.getIn(['routers', 0]) as { toJSON(): Record<string, unknown> };
  settings.addIn(['routers'], settings.createNode({
    ...edge1.toJSON(),
    name: 'edge2',
    username: { env: 'EDGE2_USER' },
    password: { env: 'EDGE2_PASS' },
    enablePassword: { env: 'EDGE2_ENABLE_PASS' },
  }));
  for (const [index, lab] of [labs.edge1, labs.edge2].entries()) {
    // Never let a test reach the example's documentation address: the routers are the labs.
    settings.setIn(['routers', index, 'host'], lab.host);
    settings.setIn(['routers', index, 'port'], lab.port);
    settings.setIn(['routers', index, 'hostKey'], { fingerprint: lab.hostKeyFingerprint });
  }
  writeFileSync(join(repo, 'translator.yaml'), settings.toString());
  mkdirSync(join(repo, 'routers', 'edge2'));
  writeFileSync(join(repo, 'routers', 'edge2', 'intended.cfg'), readFileSync(join(repo, 'routers', 'edge1', 'intended.cfg'), 'utf8'));
  initRepo(repo);
  git(repo, 'remote', 'add', 'origin', remote);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'the example, with a second router');
  git(repo, 'push', '-q', '-u', 'origin', 'main');

  // `translator` on PATH is the real CLI, as in the image.
  const bin = join(tmp.dir, 'bin');
  mkdirSync(bin);
  const tsx = fileURLToPath(import.meta.resolve('tsx'));
  writeFileSync(join(bin, 'translator'), `#!/bin/sh\nexec "${process.execPath}" --import "${tsx}" "${join(REPO_ROOT, 'src', 'cli', 'main.ts')}" "$@"\n`);
  chmodSync(join(bin, 'translator'), 0o755);
  mkdirSync(join(tmp.dir, 'home'));
  mkdirSync(join(tmp.dir, 'tmp'));
  const summary = join(tmp.dir, 'step-summary.md');
  const gitlabToken = 'glpat-push-Tok3n';
  // What the forge gives every job; router secrets only where the pipeline file maps them (deploy, drift).
  const forge: NodeJS.ProcessEnv = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: join(tmp.dir, 'home'),
    TMPDIR: join(tmp.dir, 'tmp'), // deploy locks live in the OS temp dir: this run's own
    GITHUB_WORKSPACE: repo,
    GITHUB_STEP_SUMMARY: summary,
    CI_PROJECT_DIR: repo,
    CI_DEFAULT_BRANCH: 'main',
    CI_SERVER_URL: `file://${server}`,
    CI_PROJECT_PATH: 'netops/routers',
  };
  const runJob = async (steps: Step[], env: NodeJS.ProcessEnv) => {
    let output = '';
    for (const step of steps) {
      const [shell, args] = step.shell === 'bash' ? ['bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c']] : ['sh', ['-ec']];
      const result = await new Promise<{ code: number; output: string }>((resolve) => {
        execFile(shell, [...args, step.run], { cwd: repo, env, timeout: 120_000, maxBuffer: 16 * 2 ** 20 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` });
        });
      });
      output += `$ ${step.run}\n${result.output}`;
      if (result.code !== 0) return { code: result.code, output };
    }
    return { code: 0, output };
  };
  const planText = () => readFileSync(join(repo, 'plan.md'), 'utf8');
  const comments: ForgeComment[] = [{ id: 1, body: 'please check edge2 too', user: 'alice' }];
  const postComment = () =>
    runGithubScript(commentScript(), { files: { 'plan.md': planText() }, github: fakeGithub(comments), context: { repo: { owner: 'netops', repo: 'routers' }, issue: { number: 7 } } });
  const gitlabNotes: { id: number; body: string; user: string; authorId: number }[] = [];
  const gitlab = await fakeGitlabNotes({ project: 'netops/routers', iid: '3', token: 'glpat-note-Tok3n', userId: 42, notes: gitlabNotes });
  t.after(() => gitlab.close());
  const mergeRequest = { CI_API_V4_URL: gitlab.apiUrl, CI_PROJECT_ID: 'netops/routers', CI_MERGE_REQUEST_IID: '3', GITLAB_NOTE_TOKEN: 'glpat-note-Tok3n' };

  const pullRequest = (branch: string, router: string, line: string) => {
    git(repo, 'checkout', '-q', '-b', branch, 'main');
    const file = join(repo, 'routers', router, 'intended.cfg');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^(ip nat inside source static .*)$/m, `$1\n${line}`));
    git(repo, 'commit', '-q', '-am', `${router}: add ${line}`);
    git(repo, 'push', '-q', 'origin', branch);
  };
  const merge = (branch: string) => {
    git(repo, 'checkout', '-q', 'main');
    git(repo, 'merge', '-q', '--no-ff', '-m', `Merge ${branch}`, branch);
    git(repo, 'push', '-q', 'origin', 'main');
  };

  await t.test('pull request: both plan jobs run with no router secret, plan from the records (nothing yet) and post one comment / note', async () => {
    pullRequest('second-nat', 'edge1', SECOND_STATIC);
    const before = { edge1: labs.edge1.runningConfig(), edge2: labs.edge2.runningConfig() };
    const github = await runJob(githubJob('plan.yml'), forge);
    assert.equal(github.code, 0, github.output);
    assert.ok(planText().includes(SECOND_STATIC) && planText().includes(SEED_STATIC), 'nothing deployed yet: the whole intent is planned');
    assert.match(planText(), /^> edge1: planned offline against nothing recorded on translator\/records yet/m);
    await postComment();
    assert.deepEqual(comments.map((c) => c.user), ['alice', 'github-actions[bot]']);

    const gitlabPlan = await runJob(gitlabJob('plan'), { ...forge, ...mergeRequest });
    assert.equal(gitlabPlan.code, 0, gitlabPlan.output);
    assert.equal(gitlabNotes.length, 1);
    assert.match(gitlabNotes[0]!.body, /^<!-- translator-plan part 1 -->\n# edge1 \(intended [0-9a-f]{12}\)\n> edge1: planned offline/);
    assert.deepEqual({ edge1: labs.edge1.runningConfig(), edge2: labs.edge2.runningConfig() }, before, 'planning changed nothing');
  });

  await t.test('merge: the GitHub deploy job brings both routers to main\'s tip, each with its own credentials, and pushes the records', async () => {
    merge('second-nat');
    const result = await runJob(githubJob('deploy.yml'), { ...forge, ...ROUTER_SECRETS });
    assert.equal(result.code, 0, result.output);
    assert.ok(labs.edge1.runningConfig().includes(SEED_STATIC) && labs.edge1.runningConfig().includes(SECOND_STATIC));
    assert.ok(labs.edge2.runningConfig().includes(SEED_STATIC) && !labs.edge2.runningConfig().includes(SECOND_STATIC));
    assert.equal(git(remote, 'show', 'translator/records:routers/edge2/live.json').includes(git(repo, 'rev-parse', 'main').trim()), true, 'the records reached the remote');
    for (const secret of Object.values(ROUTER_SECRETS)) assert.ok(!result.output.includes(secret), 'no secret in the job log');
  });

  await t.test('next pull request: the plan starts from the live commit, says how old it is; the same comment and note are edited', async () => {
    pullRequest('third-nat', 'edge2', THIRD_STATIC);
    const commentId = comments[1]!.id;
    const result = await runJob(githubJob('plan.yml'), forge);
    assert.equal(result.code, 0, result.output);
    const plan = planText();
    assert.match(plan, /^> edge2: planned offline against the intended config of [0-9a-f]{12}, live since deploy \S+ \(verified on the router when it ended\), recorded \S+ \(\d+ s ago\)\./m);
    const edge2 = plan.slice(plan.indexOf('# edge2'));
    assert.ok(edge2.includes('**1 to add, 0 to change, 0 to remove** (1 commands)') && edge2.includes(`\`\`\`\n${THIRD_STATIC}\n\`\`\``), `only the change is planned for edge2:\n${plan}`);
    assert.match(plan.slice(plan.indexOf('# edge1'), plan.indexOf('# edge2')), /No changes: the router already matches the intent\./);
    await postComment();
    assert.deepEqual(comments.map((c) => [c.id, c.user]), [[1, 'alice'], [commentId, 'github-actions[bot]']], 'the same comment, edited');
    assert.ok(comments[1]!.body.includes(THIRD_STATIC));

    const gitlabPlan = await runJob(gitlabJob('plan'), { ...forge, ...mergeRequest });
    assert.equal(gitlabPlan.code, 0, gitlabPlan.output);
    assert.equal(gitlabNotes.length, 1, 'the same note, edited');
    assert.ok(gitlabNotes[0]!.body.includes(THIRD_STATIC));
    git(repo, 'checkout', '-q', 'main');
  });

  await t.test('redeploy: the GitLab deploy job on the same commit sends nothing, and its push token reaches git only through the credential store', async () => {
    const before = { edge1: labs.edge1.runningConfig(), edge2: labs.edge2.runningConfig() };
    const result = await runJob(gitlabJob('deploy'), { ...forge, ...ROUTER_SECRETS, GITLAB_PUSH_TOKEN: gitlabToken });
    assert.equal(result.code, 0, result.output);
    assert.deepEqual({ edge1: labs.edge1.runningConfig(), edge2: labs.edge2.runningConfig() }, before);
    assert.equal(git(repo, 'remote', 'get-url', 'origin').trim(), `file://${server}/netops/routers.git`, 'the remote URL holds no token');
    assert.ok(!readFileSync(join(repo, '.git', 'config'), 'utf8').includes(gitlabToken), 'nor does .git/config');
    assert.ok(!result.output.includes(gitlabToken), 'nor the job log');
    // For https:// the stored credential matches every URL of the host; a file:// one matches its path.
    const fill = await new Promise<string>((resolve, reject) => {
      const child = execFile('git', ['credential', 'fill'], { cwd: repo, env: forge }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
      child.stdin!.end(`url=${forge.CI_SERVER_URL}\n\n`);
    });
    assert.match(fill, new RegExp(`^password=${gitlabToken}$`, 'm'), 'git gets the token from its credential helper');
  });

  await t.test('schedule: the drift jobs pass on converged routers, fail (exit 2) after a hand edit', async () => {
    const clean = await runJob(githubJob('drift.yml'), { ...forge, ...ROUTER_SECRETS });
    assert.equal(clean.code, 0, clean.output);
    assert.notEqual(readFileSync(summary, 'utf8').trim(), '', 'the report reaches the job summary');

    const shell = await openShell(labs.edge2, CREDENTIALS.edge2);
    await shell.send('enable', /Password: $/);
    await shell.send(CREDENTIALS.edge2.enableSecret);
    await shell.send('configure terminal');
    await shell.send(`no ${SEED_STATIC}`);
    await shell.send('end');
    shell.end();

    const drifted = await runJob(gitlabJob('drift'), { ...forge, ...ROUTER_SECRETS });
    assert.equal(drifted.code, 2, drifted.output);
    assert.match(drifted.output, /edge2[\s\S]*10\.0\.1\.1/, 'the drifted router and floating IP are named');
    const githubDrift = await runJob(githubJob('drift.yml'), { ...forge, ...ROUTER_SECRETS });
    assert.equal(githubDrift.code, 2, 'bash -eo pipefail: tee keeps drift\'s exit code');
  });
});
