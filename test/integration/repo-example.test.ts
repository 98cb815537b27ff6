/**
 * repo-example/ is a GitOps repository people copy, so it must stay true:
 * - its routers' files are what the real CLI renders from the committed state.json under the
 *   example's own translator.yaml (regenerate with scripts/update-repo-example.ts), and that
 *   state is the seed's example;
 * - its CI files are valid YAML of the right shape (zod schemas in helpers/ci-pipelines), they
 *   plan on pull/merge requests, deploy on the deploy branch and check drift on a schedule;
 * - they are safe as shipped: the plan jobs hold no router secret and read no router (they plan
 *   from the records); deploy and drift hold them, run only on the deploy branch (also by hand),
 *   share one concurrency group, have time limits; actions are pinned by commit; no token is put
 *   into a remote URL;
 * - every `translator` command line in them names a real subcommand and only options it declares;
 * - the code that posts the plan as a comment works on a real Markdown plan, and keeps one
 *   comment (per part) that every push updates.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import { MARKDOWN_PART_BREAK } from '../../src/cli/commands/plan-output.js';
import {
  evaluateCondition,
  fakeGithub,
  fakeGitlabNotes,
  githubJobShell,
  githubWorkflowSchema,
  gitlabCiSchema,
  gitlabJobRuns,
  gitlabJobs,
  runGithubScript,
  translatorCalls,
  type ForgeComment,
  type GithubWorkflow,
  type GitlabCi,
  type TranslatorCall,
} from '../helpers/ci-pipelines.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';

const EXAMPLE = join(REPO_ROOT, 'repo-example');
const WORKFLOWS = join(EXAMPLE, '.github', 'workflows');
const routers = readdirSync(join(EXAMPLE, 'routers'));

/** Parses YAML strictly: any error or warning (duplicate key, bad indentation) fails. */
function readYaml(path: string): unknown {
  const document = parseDocument(readFileSync(path, 'utf8'), { prettyErrors: true, uniqueKeys: true });
  const problems = [...document.errors, ...document.warnings].map((e) => e.message);
  assert.deepEqual(problems, [], `${path} is not clean YAML`);
  return document.toJS();
}

function parseWith<T>(schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } } }, value: unknown, path: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    assert.fail(`${path}:\n${result.error.issues.map((i) => `  ${i.path.map(String).join('.')}: ${i.message}`).join('\n')}`);
  }
  return result.data;
}

const workflows = readdirSync(WORKFLOWS)
  .filter((name) => /\.ya?ml$/.test(name))
  .map((name) => ({ name, path: join(WORKFLOWS, name) }));
const gitlabPath = join(EXAMPLE, '.gitlab-ci.yml');

test('repo-example: committed routers are what the CLI renders from their state', async (t) => {
  assert.deepEqual(routers, ['edge1']);
  for (const router of routers) {
    await t.test(`routers/${router}/intended.cfg is current (render --state state.json --stdout)`, async () => {
      const state = join(EXAMPLE, 'routers', router, 'state.json');
      const result = await runCli(['render', '--repo', EXAMPLE, '--router', router, '--state', state, '--stdout']);
      assert.equal(result.stderr, '', 'the example renders without rejections');
      assert.equal(result.code, 0);
      assert.equal(readFileSync(join(EXAMPLE, 'routers', router, 'intended.cfg'), 'utf8'), result.stdout);
    });
  }

  await t.test('both files are byte for byte what `translator render` writes from the seed\'s example', async (tt) => {
    const scratch = mkdtempSync(join(tmpdir(), 'translator-repo-example-'));
    tt.after(() => rmSync(scratch, { recursive: true, force: true }));
    cpSync(join(EXAMPLE, 'translator.yaml'), join(scratch, 'translator.yaml'));
    writeFileSync(join(scratch, 'seed-state.json'), JSON.stringify(EXAMPLE_STATE));
    const result = await runCli(['render', '--repo', scratch, '--state', join(scratch, 'seed-state.json')]);
    assert.equal(result.code, 0, result.stderr);
    for (const file of ['intended.cfg', 'state.json']) {
      const fresh = readFileSync(join(scratch, 'routers', 'edge1', file), 'utf8');
      assert.equal(readFileSync(join(EXAMPLE, 'routers', 'edge1', file), 'utf8'), fresh,
        `repo-example/routers/edge1/${file} is stale: run node --import tsx scripts/update-repo-example.ts`);
    }
  });

  await t.test('the example is the seed\'s: the golden seed config', () => {
    const golden = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'render', 'seed.cfg'), 'utf8');
    assert.equal(readFileSync(join(EXAMPLE, 'routers', 'edge1', 'intended.cfg'), 'utf8'), golden);
  });

  await t.test('translator.yaml keeps secrets out: every credential is an {env} or {file} reference', () => {
    const settings = readYaml(join(EXAMPLE, 'translator.yaml')) as { routers: Record<string, unknown>[] };
    for (const router of settings.routers) {
      for (const key of ['password', 'enablePassword']) {
        const ref = router[key] as Record<string, unknown> | undefined;
        assert.ok(ref && (typeof ref.env === 'string' || typeof ref.file === 'string'), `${String(router.name)}.${key} must be a reference`);
      }
    }
  });
});

test('repo-example: CI pipelines are valid, do plan / deploy / drift, and are safe as shipped', async (t) => {
  const github = new Map<string, GithubWorkflow>();
  for (const { name, path } of workflows) {
    await t.test(`.github/workflows/${name} is a well-formed GitHub Actions workflow`, () => {
      github.set(name, parseWith(githubWorkflowSchema, readYaml(path), path));
    });
  }
  let gitlab: GitlabCi | undefined;
  await t.test('.gitlab-ci.yml is a well-formed GitLab CI file (jobs, stages, rules)', () => {
    gitlab = parseWith(gitlabCiSchema, readYaml(gitlabPath), gitlabPath);
  });

  type GithubJob = GithubWorkflow['jobs'][string];
  const githubJob = (file: string): GithubJob => {
    const jobs = Object.values(github.get(file)?.jobs ?? {});
    assert.equal(jobs.length, 1, `${file} has one job`);
    return jobs[0]!;
  };
  const githubRuns = (job: GithubJob) => githubJobShell(job).flatMap((run) => translatorCalls(run));
  const githubWith = (trigger: keyof GithubWorkflow['on']) => [...github.entries()].filter(([, wf]) => wf.on[trigger] !== undefined).map(([file]) => file);
  const gitlabJob = (name: string) => {
    const job = gitlabJobs(gitlab!).find(([jobName]) => jobName === name)?.[1];
    assert.ok(job, `.gitlab-ci.yml has a job ${name}`);
    return job;
  };
  const gitlabRuns = (name: string) => gitlabJob(name).script.flatMap((line) => translatorCalls(line));
  const routerSecrets = (job: GithubJob) => Object.entries(job.env ?? {}).filter(([, value]) => /\$\{\{\s*secrets\./.test(String(value)));

  await t.test('GitHub: pull requests to main get a Markdown plan from the records, with no secret and no router runner', () => {
    assert.deepEqual(githubWith('pull_request'), ['plan.yml']);
    const plan = github.get('plan.yml')!;
    assert.deepEqual(plan.on.pull_request?.branches, ['main']);
    const job = githubJob('plan.yml');
    const [call, ...more] = githubRuns(job);
    assert.ok(call && more.length === 0 && call.command === 'plan');
    assert.ok(call.options.includes('--from-records') && call.words.join(' ').includes('--format markdown'), call.line);
    assert.deepEqual(routerSecrets(job), [], 'no secret in the job a branch can rewrite');
    assert.doesNotMatch(readFileSync(join(WORKFLOWS, 'plan.yml'), 'utf8'), /secrets\./, 'no secret anywhere in the plan workflow');
    assert.equal(job['runs-on'], 'ubuntu-latest', 'not the runner in the routers\' network');
    assert.ok(job.steps.some((step) => step.uses?.startsWith('actions/github-script@')), 'the plan is posted as a comment');
    assert.deepEqual(plan.permissions, { contents: 'read', 'pull-requests': 'write' });
  });

  await t.test('GitHub: deploy on push to main, and by hand only on main, the tip of main; drift on a schedule', () => {
    assert.deepEqual(githubWith('push'), ['deploy.yml']);
    assert.deepEqual(github.get('deploy.yml')!.on.push?.branches, ['main']);
    const deploy = githubJob('deploy.yml');
    assert.ok(githubRuns(deploy).some((call) => call.command === 'deploy' && call.options.includes('--all') && call.options.includes('--yes') && call.words.join(' ').includes('--ref origin/main')));
    assert.deepEqual(githubWith('schedule'), ['drift.yml']);
    assert.ok(githubRuns(githubJob('drift.yml')).some((call) => call.command === 'drift' && call.options.includes('--all')));
    for (const file of ['deploy.yml', 'drift.yml']) {
      const job = githubJob(file);
      assert.ok(github.get(file)!.on.workflow_dispatch !== undefined, `${file} can be run by hand`);
      assert.ok(job.if, `${file}: a condition on the branch`);
      assert.equal(evaluateCondition(job.if, { 'github.ref': 'refs/heads/main' }), true, `${file} runs on main`);
      assert.equal(evaluateCondition(job.if, { 'github.ref': 'refs/heads/feature' }), false, `${file} refuses another branch run by hand`);
      assert.equal(job.environment, 'routers', `${file}: the router secrets live in an environment limited to main`);
    }
  });

  await t.test('GitHub: deploy and drift share one concurrency group and never cancel each other; every job has a time limit', () => {
    const groups = ['deploy.yml', 'drift.yml'].map((file) => githubJob(file).concurrency);
    assert.deepEqual(groups, [{ group: 'translator-routers', 'cancel-in-progress': false }, { group: 'translator-routers', 'cancel-in-progress': false }]);
    assert.deepEqual(github.get('plan.yml')!.concurrency, { group: 'translator-plan-${{ github.event.pull_request.number }}', 'cancel-in-progress': true }, 'plans read no router: a newer push replaces them');
    for (const [file, wf] of github) for (const job of Object.values(wf.jobs)) assert.ok((job['timeout-minutes'] ?? 0) > 0, `${file}: timeout-minutes`);
  });

  await t.test('GitHub: each router\'s own secrets, named as translator.yaml names them', () => {
    const settings = readYaml(join(EXAMPLE, 'translator.yaml')) as { routers: Record<string, { env?: string }>[] };
    const variables = settings.routers.flatMap((router) => ['username', 'password', 'enablePassword'].map((key) => router[key]?.env)).filter(Boolean);
    assert.deepEqual(variables, ['EDGE1_USER', 'EDGE1_PASS', 'EDGE1_ENABLE_PASS']);
    for (const file of ['deploy.yml', 'drift.yml']) {
      assert.deepEqual(Object.fromEntries(routerSecrets(githubJob(file))), Object.fromEntries(variables.map((v) => [v, `\${{ secrets.${v} }}`])), file);
    }
  });

  await t.test('GitHub: actions are pinned by full commit id, the release tag beside it, the same everywhere', () => {
    const pins = new Map<string, string>();
    for (const { name, path } of workflows) {
      for (const [, action, sha, tag] of readFileSync(path, 'utf8').matchAll(/uses:\s*(\S+)@(\S+)(?:\s+#\s*(\S+))?/g)) {
        assert.match(sha!, /^[0-9a-f]{40}$/, `${name}: ${action} is pinned by a commit id, not ${sha}`);
        assert.match(tag ?? '', /^v\d+\.\d+\.\d+$/, `${name}: ${action}@${sha} says which release it is`);
        const pin = `${sha} ${tag}`;
        assert.equal(pins.get(action!) ?? pin, pin, `${action} pinned alike in every workflow`);
        pins.set(action!, pin);
      }
    }
    assert.deepEqual([...pins.keys()].sort(), ['actions/checkout', 'actions/github-script']);
  });

  await t.test('GitLab: which job runs in which pipeline (plan on merge requests, deploy and drift on the default branch only)', () => {
    const main = { CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'main' };
    const feature = { CI_DEFAULT_BRANCH: 'main', CI_COMMIT_BRANCH: 'feature' };
    const pipelines: [string, Record<string, string>, string[]][] = [
      ['merge request', { CI_DEFAULT_BRANCH: 'main', CI_PIPELINE_SOURCE: 'merge_request_event' }, ['plan']],
      ['push to main', { ...main, CI_PIPELINE_SOURCE: 'push' }, ['deploy']],
      ['push to a branch', { ...feature, CI_PIPELINE_SOURCE: 'push' }, []],
      ['Run pipeline on main', { ...main, CI_PIPELINE_SOURCE: 'web' }, ['deploy']],
      ['Run pipeline on a branch', { ...feature, CI_PIPELINE_SOURCE: 'web' }, []],
      ['schedule on main', { ...main, CI_PIPELINE_SOURCE: 'schedule' }, ['drift']],
      ['schedule on a branch', { ...feature, CI_PIPELINE_SOURCE: 'schedule' }, []],
    ];
    for (const [what, variables, expected] of pipelines) {
      assert.deepEqual(gitlabJobs(gitlab!).filter(([, job]) => gitlabJobRuns(job, variables)).map(([name]) => name), expected, what);
    }
  });

  await t.test('GitLab: plan from the records on any runner; deploy and drift on the router runner, in one resource group, with time limits', () => {
    const [plan, ...more] = gitlabRuns('plan');
    assert.ok(plan && more.length === 0 && plan.options.includes('--from-records') && plan.words.join(' ').includes('--format markdown'), plan?.line);
    assert.equal(gitlabJob('plan').tags, undefined, 'the plan needs no runner in the routers\' network');
    assert.ok(gitlabJob('plan').script.some((line) => line.includes('ci/gitlab-mr-note.mjs')), 'the plan is posted as a note');
    assert.ok(gitlabRuns('deploy').some((call) => call.command === 'deploy' && call.options.includes('--all') && call.options.includes('--yes') && call.line.includes('--ref "origin/$CI_DEFAULT_BRANCH"')));
    assert.ok(gitlabRuns('drift').some((call) => call.command === 'drift' && call.options.includes('--all')));
    for (const name of ['deploy', 'drift']) {
      assert.deepEqual(gitlabJob(name).tags, ['router-mgmt'], name);
      assert.equal(gitlabJob(name).resource_group, 'routers', `${name}: one resource group`);
    }
    for (const [name, job] of gitlabJobs(gitlab!)) assert.match(job.timeout ?? '', /^\d+m$/, `${name}: timeout`);
  });

  await t.test('CI uses one image, from a variable; no password and no token in a pipeline file or a remote URL', () => {
    for (const [name, wf] of github) {
      for (const job of Object.values(wf.jobs)) assert.deepEqual(job.container, { image: '${{ vars.TRANSLATOR_IMAGE }}', options: '--user root' }, name);
    }
    assert.deepEqual(gitlab?.default?.image, { name: '$TRANSLATOR_IMAGE', entrypoint: [''] });
    const text = [...workflows.map((w) => readFileSync(w.path, 'utf8')), readFileSync(gitlabPath, 'utf8')].join('\n').replace(/(^|\s)#.*$/gm, '');
    assert.doesNotMatch(text, /(PASS|TOKEN)\w*\s*[:=]\s*['"]?(?!\$)\w/, 'no literal password or token');
    assert.doesNotMatch(text, /:\/\/[^\s'"]*\$\{?\{?\s*[\w.]+\s*\}?\}?[^\s'"/]*@/, 'no variable in the user part of a URL');
    const setUrl = gitlabJob('deploy').script.find((line) => line.includes('remote set-url'));
    assert.equal(setUrl, 'git remote set-url origin "$CI_SERVER_URL/$CI_PROJECT_PATH.git"');
  });
});

test('repo-example: the Swarm stack file: one replica on a manager, as uid 10001, secrets as *_FILE, required variables', () => {
  // docker/cli reads compose files as YAML 1.1 (mode: 0400 is octal there).
  const text = readFileSync(join(EXAMPLE, 'translator-stack.yml'), 'utf8');
  const document = parseDocument(text, { version: '1.1', prettyErrors: true, uniqueKeys: true });
  assert.deepEqual([...document.errors, ...document.warnings].map((e) => e.message), []);
  const stack = document.toJS() as { services: Record<string, StackService>; networks: Record<string, unknown>; secrets: Record<string, unknown> };
  assert.deepEqual(Object.keys(stack.services), ['watch']);
  const watch = stack.services.watch!;
  // ${VAR:?message} makes a variable required; docker/cli tries ${VAR-default} first, so a "-" in the message would become a default.
  const required = [...text.matchAll(/\$\{(\w+):\?([^}]*)\}/g)].map(([, name, message]) => {
    assert.doesNotMatch(message!, /-/, `${name}: no "-" in its message`);
    return name;
  });
  assert.deepEqual(required, ['TRANSLATOR_IMAGE', 'DOCKER_GID', 'GITOPS_REMOTE']);
  assert.equal(watch.image, '${TRANSLATOR_IMAGE:?set TRANSLATOR_IMAGE to the translator image}');
  assert.deepEqual(watch.command, ['watch']);
  assert.match(watch.user, /^10001:\$\{DOCKER_GID:\?/, 'the image\'s user, the socket\'s group');
  assert.equal(watch.deploy.replicas, 1);
  assert.deepEqual(watch.deploy.placement.constraints, ['node.role == manager']);
  assert.equal(watch.deploy.update_config.order, 'stop-first');
  assert.ok(watch.healthcheck && !watch.healthcheck.test, 'the image\'s own HEALTHCHECK, with the service\'s timing');
  assert.deepEqual(watch.networks, ['host']);
  assert.deepEqual(stack.networks, { host: { external: true, name: 'host' } });
  assert.match(watch.environment.TRANSLATOR_REPO_URL ?? '', /^\$\{GITOPS_REMOTE:\?/);
  assert.deepEqual(watch.volumes, [{ type: 'bind', source: '${DOCKER_SOCKET:-/var/run/docker.sock}', target: '/var/run/docker.sock' }]);
  // Every secret translator.yaml names comes from a Docker secret through VAR_FILE.
  const secretName = (secret: string | { source: string }) => (typeof secret === 'string' ? secret : secret.source);
  const mounted = new Set(watch.secrets.map(secretName));
  assert.deepEqual(Object.keys(stack.secrets).sort(), [...mounted].sort());
  const settings = readYaml(join(EXAMPLE, 'translator.yaml')) as { routers: Record<string, { env?: string }>[] };
  for (const variable of settings.routers.flatMap((router) => Object.values(router).map((value) => value?.env).filter((v): v is string => typeof v === 'string'))) {
    const file = watch.environment[`${variable}_FILE`];
    assert.match(file ?? '', /^\/run\/secrets\/\w+$/, `${variable}_FILE`);
    assert.ok(mounted.has(file!.slice('/run/secrets/'.length)), `${variable}: its secret is mounted`);
    assert.equal(watch.environment[variable], undefined, `${variable} itself is not set`);
  }
  const key = watch.secrets.find((secret): secret is { source: string; uid?: string; mode?: number } => secretName(secret) === 'gitops_deploy_key' && typeof secret !== 'string');
  assert.deepEqual([key?.uid, key?.mode], ['10001', 0o400], 'the deploy key is readable by the user alone (ssh insists)');
});

test('repo-example: every translator command line in the pipelines parses with the real CLI', async (t) => {
  const sources = [
    ...workflows.map(({ name, path }) => ({ file: `.github/workflows/${name}`, text: shellOfGithub(readYaml(path)) })),
    { file: '.gitlab-ci.yml', text: shellOfGitlab(readYaml(gitlabPath)) },
  ];
  const calls = sources.flatMap(({ file, text }) => translatorCalls(text).map((call) => ({ file, call })));
  assert.ok(calls.length >= 6, 'plan, deploy and drift in both CI systems');

  const help = new Map<string, Promise<{ code: number; stdout: string; stderr: string }>>();
  for (const { file, call } of calls) {
    await t.test(`${file}: ${call.line}`, async () => {
      if (!help.has(call.command)) help.set(call.command, runCli([call.command, '--help']));
      const { code, stdout, stderr } = await help.get(call.command)!;
      assert.equal(code, 0, `translator ${call.command} --help failed: ${stderr.trim()}`);
      // commander answers `translator nosuch --help` with the program's help and exit 0.
      assert.match(stdout, new RegExp(`^Usage: translator ${call.command} `), `translator has no subcommand "${call.command}"`);
      const declared = declaredOptions(stdout);
      for (const option of call.options) assert.ok(declared.has(option), `translator ${call.command} has no option ${option} (has: ${[...declared].join(' ')})`);
      assertOptionValues(call, stdout);
    });
  }
});

test('repo-example: the plan comment posters keep one comment per part of a real Markdown plan, updated on every push', async (t) => {
  // A real plan: the example's intended config against an empty router (offline plan).
  const scratch = mkdtempSync(join(tmpdir(), 'translator-plan-comment-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  writeFileSync(join(scratch, 'running.cfg'), 'hostname edge1\n!\nend\n');
  const planned = await runCli(['plan', '--running', join(scratch, 'running.cfg'), '--intended', join(EXAMPLE, 'routers', 'edge1', 'intended.cfg'), '--format', 'markdown']);
  assert.equal(planned.code, 0, planned.stderr);
  assert.match(planned.stdout, /ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/);
  // A long plan comes in parts: three on the first push, one after the next (the plan got shorter).
  const pushes = [[planned.stdout, 'part two', 'part three'], ['the plan after the second push']];
  const markdown = (parts: string[]) => parts.join(`\n${MARKDOWN_PART_BREAK}\n`);
  const marked = (parts: string[]) => parts.map((part, i) => `<!-- translator-plan part ${i + 1} -->\n${part.trim()}`);

  await t.test('GitHub: the github-script step creates the parts, then edits part 1 in place and deletes the parts gone', async () => {
    const workflow = parseWith(githubWorkflowSchema, readYaml(join(WORKFLOWS, 'plan.yml')), 'plan.yml');
    const step = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses?.startsWith('actions/github-script@'));
    const script = String(step?.with?.script ?? '');
    // Other people's comments, one of them quoting the marker, come first: several pages of them.
    const comments: ForgeComment[] = [
      { id: 1, body: 'LGTM', user: 'alice' },
      { id: 2, body: '<!-- translator-plan part 1 --> quoted by a person', user: 'mallory' },
      { id: 3, body: 'what about edge2?', user: 'bob' },
    ];
    const context = { repo: { owner: 'netops', repo: 'routers' }, issue: { number: 7 } };
    await runGithubScript(script, { files: { 'plan.md': markdown(pushes[0]!) }, github: fakeGithub(comments), context });
    const others = comments.slice(0, 3).map((c) => ({ ...c }));
    assert.deepEqual(comments.slice(3).map((c) => [c.user, c.body]), marked(pushes[0]!).map((body) => ['github-actions[bot]', body]));
    const firstId = comments[3]!.id;

    await runGithubScript(script, { files: { 'plan.md': markdown(pushes[1]!) }, github: fakeGithub(comments), context });
    assert.deepEqual(comments, [...others, { id: firstId, body: marked(pushes[1]!)[0], user: 'github-actions[bot]' }], 'one comment, edited; others untouched');
  });

  await t.test('GitLab: ci/gitlab-mr-note.mjs posts the parts as notes, then edits and deletes its own notes only', async () => {
    const notes = [
      { id: 10, body: 'LGTM', user: 'alice', authorId: 5 },
      { id: 11, body: '<!-- translator-plan part 2 --> by a person', user: 'mallory', authorId: 6 },
      { id: 12, body: 'ship it', user: 'bob', authorId: 7 },
    ];
    const gitlab = await fakeGitlabNotes({ project: 'netops/routers', iid: '12', token: 'glpat-test-token', userId: 42, notes });
    t.after(() => gitlab.close());
    const env = { PATH: process.env.PATH, CI_API_V4_URL: gitlab.apiUrl, CI_PROJECT_ID: 'netops/routers', CI_MERGE_REQUEST_IID: '12', GITLAB_NOTE_TOKEN: 'glpat-test-token' };
    const planFile = join(scratch, 'plan.md');
    writeFileSync(planFile, markdown(pushes[0]!));
    const first = await node([join(EXAMPLE, 'ci', 'gitlab-mr-note.mjs'), planFile], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stdout, /0 plan note\(s\) updated, 3 posted, 0 removed/);
    assert.deepEqual(notes.slice(3).map((n) => n.body), marked(pushes[0]!));
    const firstId = notes[3]!.id;

    writeFileSync(planFile, markdown(pushes[1]!));
    const second = await node([join(EXAMPLE, 'ci', 'gitlab-mr-note.mjs'), planFile], env);
    assert.equal(second.code, 0, second.stderr);
    assert.match(second.stdout, /1 plan note\(s\) updated, 0 posted, 2 removed/);
    assert.deepEqual(notes.map((n) => [n.id, n.body]), [[10, 'LGTM'], [11, '<!-- translator-plan part 2 --> by a person'], [12, 'ship it'], [firstId, marked(pushes[1]!)[0]]]);
    assert.ok(gitlab.requests.includes('GET /api/v4/projects/netops%2Frouters/merge_requests/12/notes'), 'notes are listed page by page');

    const withoutToken = await node([join(EXAMPLE, 'ci', 'gitlab-mr-note.mjs'), planFile], { ...env, GITLAB_NOTE_TOKEN: '' });
    assert.equal(withoutToken.code, 1);
    assert.match(withoutToken.stderr, /not set: GITLAB_NOTE_TOKEN/);
  });
});

/** The parts of the stack file's service the test reads. */
interface StackService {
  image: string;
  command: string[];
  user: string;
  deploy: { replicas: number; placement: { constraints: string[] }; update_config: { order: string } };
  healthcheck?: { test?: string[] };
  networks: string[];
  environment: Record<string, string | undefined>;
  volumes: unknown[];
  secrets: (string | { source: string; uid?: string; mode?: number })[];
}

/** Long options listed in a commander help text (`--format <format>`, `--no-archive`). */
function declaredOptions(help: string): Set<string> {
  const options = help.slice(help.indexOf('\nOptions:'));
  return new Set([...options.matchAll(/^\s+(?:-\w, )?(--[a-z][a-z0-9-]*)/gm)].map((match) => match[1]!));
}

/**
 * A value given to an option with a fixed set must be one of them, e.g. `--format markdown`.
 * The set is commander's `(choices: "a", "b")`, or a description that lists the values and
 * nothing else: `output: a, b, c (default: "a")`.
 */
function assertOptionValues(call: TranslatorCall, help: string): void {
  call.words.forEach((word, i) => {
    const value = call.words[i + 1];
    if (!word.startsWith('--') || value === undefined || value.startsWith('-')) return;
    const description = optionHelp(help, word);
    if (description === null || !description.startsWith(`${word} <`)) return; // a flag: the next word is not its value
    const choices = /\(choices: ([^)]*)\)/.exec(description)?.[1]?.match(/"[^"]*"/g)?.map((q) => q.slice(1, -1))
      ?? /:\s+([\w-]+(?:, [\w-]+)+)\s*(?:\(default|$)/.exec(description)?.[1]?.split(', ');
    if (choices) assert.ok(choices.includes(value), `${word} ${value}: not one of ${choices.join(', ')}`);
  });
}

/** An option's entry in commander's help, wrapped lines joined: `--format <format> output: ...`. */
function optionHelp(help: string, option: string): string | null {
  const lines = help.split('\n');
  const first = lines.findIndex((l) => new RegExp(`^\\s+(-\\w, )?${option}\\b`).test(l));
  if (first < 0) return null;
  const indent = /^\s*/.exec(lines[first]!)![0].length;
  const block = [lines[first]!.trim().replace(/^-\w, /, '')];
  for (const next of lines.slice(first + 1)) {
    if (/^\s*$/.test(next) || /^\s*/.exec(next)![0].length <= indent) break;
    block.push(next.trim());
  }
  return block.join(' ').replace(/\s+/g, ' ');
}

function shellOfGithub(workflow: unknown): string {
  const jobs = (workflow as { jobs: Record<string, { steps: { run?: string }[] }> }).jobs;
  return Object.values(jobs).flatMap((job) => job.steps.map((step) => step.run ?? '')).join('\n');
}

function shellOfGitlab(ci: unknown): string {
  return Object.values(ci as Record<string, { script?: string[] }>).flatMap((job) => job.script ?? []).join('\n');
}

function node(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { env, timeout: 30_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}

