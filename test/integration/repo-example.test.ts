/**
 * repo-example/ is a GitOps repository people copy, so it must stay true:
 * - its routers' files are what the real CLI renders from the committed state.json under the
 *   example's own translator.yaml (regenerate with scripts/update-repo-example.ts), and that
 *   state is the seed's example;
 * - its CI files are valid YAML of the right shape (zod schemas in helpers/ci-pipelines), they
 *   plan on pull/merge requests, deploy on the deploy branch and check drift on a schedule;
 * - every `translator` command line in them names a real subcommand and only options it declares;
 * - the code that posts the plan as a comment works on a real Markdown plan.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseDocument } from 'yaml';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import { MARKDOWN_PART_BREAK } from '../../src/cli/commands/plan.js';
import {
  githubWorkflowSchema,
  gitlabCiSchema,
  gitlabJobs,
  translatorCalls,
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

test('repo-example: CI pipelines are valid and do plan / deploy / drift', async (t) => {
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

  const githubRuns = (wf: GithubWorkflow) => Object.values(wf.jobs).flatMap((job) => job.steps.flatMap((step) => translatorCalls(step.run ?? '')));
  const githubWith = (trigger: keyof GithubWorkflow['on']) => [...github.values()].filter((wf) => wf.on[trigger] !== undefined);

  await t.test('GitHub: plan on pull requests to main, as a Markdown comment', () => {
    const [plan, ...others] = githubWith('pull_request');
    assert.ok(plan && others.length === 0, 'one workflow runs on pull requests');
    assert.deepEqual(plan.on.pull_request?.branches, ['main']);
    assert.ok(githubRuns(plan).some((call) => call.command === 'plan' && call.words.join(' ').includes('--format markdown')));
    const steps = Object.values(plan.jobs).flatMap((job) => job.steps);
    assert.ok(steps.some((step) => step.uses?.startsWith('actions/github-script@')), 'the plan is posted as a comment');
    assert.equal(plan.permissions !== undefined && typeof plan.permissions === 'object' ? plan.permissions['pull-requests'] : undefined, 'write');
  });

  await t.test('GitHub: deploy on push to main (the deploy branch), one at a time', () => {
    const [deploy] = githubWith('push');
    assert.ok(deploy, 'a workflow runs on push');
    assert.deepEqual(deploy.on.push?.branches, ['main']);
    assert.ok(githubRuns(deploy).some((call) => call.command === 'deploy' && call.options.includes('--all') && call.options.includes('--yes')));
    assert.deepEqual(deploy.concurrency, { group: 'translator-deploy', 'cancel-in-progress': false });
  });

  await t.test('GitHub: scheduled drift check', () => {
    const [drift] = githubWith('schedule');
    assert.ok(drift, 'a workflow runs on a schedule');
    assert.ok(githubRuns(drift).some((call) => call.command === 'drift' && call.options.includes('--all')));
  });

  await t.test('GitLab: plan on merge requests, deploy on the default branch, drift on schedules', () => {
    assert.ok(gitlab);
    const jobs = gitlabJobs(gitlab);
    const jobFor = (condition: RegExp) => jobs.find(([, job]) => job.rules.some((rule) => condition.test(rule.if ?? '')));
    const calls = (entry: (typeof jobs)[number] | undefined) => entry?.[1].script.flatMap((line) => translatorCalls(line)) ?? [];

    const plan = jobFor(/CI_PIPELINE_SOURCE == "merge_request_event"/);
    assert.ok(calls(plan).some((call) => call.command === 'plan' && call.words.join(' ').includes('--format markdown')));
    assert.ok(plan?.[1].script.some((line) => line.includes('ci/gitlab-mr-note.mjs')), 'the plan is posted as a note');
    const deploy = jobFor(/CI_COMMIT_BRANCH == \$CI_DEFAULT_BRANCH/);
    assert.ok(calls(deploy).some((call) => call.command === 'deploy' && call.options.includes('--all') && call.options.includes('--yes')));
    assert.ok(deploy?.[1].resource_group, 'deploys are serialised by a resource_group');
    const drift = jobFor(/CI_PIPELINE_SOURCE == "schedule"/);
    assert.ok(calls(drift).some((call) => call.command === 'drift' && call.options.includes('--all')));
  });

  await t.test('CI uses one image, from a variable, and router secrets only from CI secrets', () => {
    for (const [name, wf] of github) {
      for (const job of Object.values(wf.jobs)) {
        assert.deepEqual(job.container, { image: '${{ vars.TRANSLATOR_IMAGE }}' }, name);
        for (const variable of ['IOS_USER', 'IOS_PASS', 'IOS_ENABLE_PASS']) assert.equal(job.env?.[variable], `\${{ secrets.${variable} }}`, name);
      }
    }
    assert.deepEqual(gitlab?.default?.image, { name: '$TRANSLATOR_IMAGE', entrypoint: [''] });
    const text = [...workflows.map((w) => readFileSync(w.path, 'utf8')), readFileSync(gitlabPath, 'utf8')].join('\n');
    assert.doesNotMatch(text, /IOS_(ENABLE_)?PASS\s*[:=]\s*['"]?(?!\$)\w/, 'no literal password in a pipeline');
  });
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

test('repo-example: the plan comment posters handle a real Markdown plan', async (t) => {
  // A real plan: the example's intended config against an empty router (offline plan).
  const scratch = mkdtempSync(join(tmpdir(), 'translator-plan-comment-'));
  t.after(() => rmSync(scratch, { recursive: true, force: true }));
  writeFileSync(join(scratch, 'running.cfg'), 'hostname edge1\n!\nend\n');
  const planned = await runCli(['plan', '--running', join(scratch, 'running.cfg'), '--intended', join(EXAMPLE, 'routers', 'edge1', 'intended.cfg'), '--format', 'markdown']);
  assert.equal(planned.code, 0, planned.stderr);
  const planFile = join(scratch, 'plan.md');
  // Two parts, as a long plan is printed, so that the split is exercised.
  const markdown = `${planned.stdout}\n${MARKDOWN_PART_BREAK}\n${planned.stdout}`;
  writeFileSync(planFile, markdown);
  const expectedParts = markdown.split(MARKDOWN_PART_BREAK).map((part) => part.trim());
  assert.match(expectedParts[0]!, /ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/);

  await t.test('GitHub: the github-script step comments each part on the pull request', async () => {
    const workflow = parseWith(githubWorkflowSchema, readYaml(join(WORKFLOWS, 'plan.yml')), 'plan.yml');
    const step = Object.values(workflow.jobs).flatMap((job) => job.steps).find((s) => s.uses?.startsWith('actions/github-script@'));
    const script = String(step?.with?.script ?? '');
    const comments: unknown[] = [];
    const github = { rest: { issues: { createComment: async (body: unknown) => void comments.push(body) } } };
    const context = { repo: { owner: 'netops', repo: 'routers' }, issue: { number: 7 } };
    const fakeRequire = (name: string) => {
      assert.equal(name, 'fs');
      return { readFileSync: (path: string) => (assert.equal(path, 'plan.md'), markdown) };
    };
    // github-script runs the text as the body of an async function with these names in scope.
    const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
    await new AsyncFunction('require', 'github', 'context', script)(fakeRequire, github, context);
    assert.deepEqual(comments, expectedParts.map((body) => ({ owner: 'netops', repo: 'routers', issue_number: 7, body })));
  });

  await t.test('GitLab: ci/gitlab-mr-note.mjs posts each part as a note with the token', async () => {
    const notes: { path: string; token: string | undefined; body: string }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        notes.push({ path: `${req.method} ${req.url}`, token: req.headers['private-token'] as string | undefined, body: JSON.parse(body).body });
        res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());
    const env = {
      PATH: process.env.PATH,
      CI_API_V4_URL: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`,
      CI_PROJECT_ID: 'netops/routers',
      CI_MERGE_REQUEST_IID: '12',
      GITLAB_API_TOKEN: 'glpat-test-token',
    };
    const result = await node([join(EXAMPLE, 'ci', 'gitlab-mr-note.mjs'), planFile], env);
    assert.equal(result.code, 0, result.stderr);
    assert.deepEqual(notes, expectedParts.map((body) => ({ path: 'POST /api/v4/projects/netops%2Frouters/merge_requests/12/notes', token: 'glpat-test-token', body })));

    const withoutToken = await node([join(EXAMPLE, 'ci', 'gitlab-mr-note.mjs'), planFile], { ...env, GITLAB_API_TOKEN: '' });
    assert.equal(withoutToken.code, 1);
    assert.match(withoutToken.stderr, /not set: GITLAB_API_TOKEN/);
  });
});

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

