/**
 * What the example repository's CI files must look like to run at all, as zod schemas over the
 * parsed YAML: the parts of GitHub Actions' workflow syntax and of GitLab CI's .gitlab-ci.yml
 * that these files use (triggers, jobs, steps with `run` xor `uses`, stages, scripts, rules).
 * Unknown keys are errors, so a typo (`step:`, `script` as a string map, `rule:`) fails here
 * rather than on the forge. Plus the shell lines that call translator, for checking them
 * against the real CLI; an evaluator of the jobs' conditions, to ask which jobs a pipeline runs;
 * and fakes of the forges' comment APIs, to run the plan-comment code against.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Cron } from 'croner';
import { z } from 'zod';

const stringMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

/** A 5-field cron expression (GitHub's and GitLab's), parseable by croner. */
const cron = z.string().refine((text) => {
  if (text.trim().split(/\s+/).length !== 5) return false;
  try {
    new Cron(text, { paused: true });
    return true;
  } catch {
    return false;
  }
}, { message: 'not a 5-field cron expression' });

// ---- GitHub Actions ------------------------------------------------------------------------

const githubStep = z
  .strictObject({
    name: z.string().min(1).optional(),
    id: z.string().optional(),
    if: z.string().optional(),
    uses: z.string().regex(/^[\w.-]+\/[\w.-]+(\/[\w./-]+)?@[\w.-]+$/, { message: 'expected owner/repo@ref' }).optional(),
    with: stringMap.optional(),
    run: z.string().min(1).optional(),
    shell: z.enum(['bash', 'sh', 'pwsh', 'python']).optional(),
    env: stringMap.optional(),
    'working-directory': z.string().optional(),
    'continue-on-error': z.boolean().optional(),
    'timeout-minutes': z.number().optional(),
  })
  .refine((step) => (step.uses === undefined) !== (step.run === undefined), { message: 'a step has exactly one of `uses` and `run`' });

const permissionLevel = z.enum(['read', 'write', 'none']);
const permissions = z.union([
  z.enum(['read-all', 'write-all']),
  z.partialRecord(
    z.enum(['actions', 'checks', 'contents', 'deployments', 'id-token', 'issues', 'packages', 'pages', 'pull-requests', 'statuses']),
    permissionLevel,
  ),
]);
const concurrency = z.union([z.string(), z.strictObject({ group: z.string(), 'cancel-in-progress': z.boolean().optional() })]);
const branchFilter = z.strictObject({
  branches: z.array(z.string()).optional(),
  paths: z.array(z.string()).optional(),
  types: z.array(z.string()).optional(),
});

const githubJob = z.strictObject({
  name: z.string().optional(),
  'runs-on': z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
  container: z
    .union([z.string(), z.strictObject({ image: z.string().min(1), credentials: stringMap.optional(), options: z.string().optional(), env: stringMap.optional() })])
    .optional(),
  environment: z.union([z.string(), z.strictObject({ name: z.string(), url: z.string().optional() })]).optional(),
  permissions: permissions.optional(),
  concurrency: concurrency.optional(),
  needs: z.union([z.string(), z.array(z.string())]).optional(),
  if: z.string().optional(),
  env: stringMap.optional(),
  'timeout-minutes': z.number().optional(),
  steps: z.array(githubStep).min(1),
});

export const githubWorkflowSchema = z.strictObject({
  name: z.string().min(1),
  on: z
    .strictObject({
      pull_request: branchFilter.optional(),
      push: branchFilter.optional(),
      schedule: z.array(z.strictObject({ cron })).min(1).optional(),
      workflow_dispatch: z.strictObject({}).nullable().optional(),
    })
    .refine((on) => Object.keys(on).length > 0, { message: 'no trigger' }),
  permissions: permissions.optional(),
  concurrency: concurrency.optional(),
  env: stringMap.optional(),
  jobs: z.record(z.string().regex(/^[A-Za-z_][\w-]*$/), githubJob).refine((jobs) => Object.keys(jobs).length > 0, { message: 'no job' }),
});
export type GithubWorkflow = z.output<typeof githubWorkflowSchema>;

// ---- GitLab CI -----------------------------------------------------------------------------

const gitlabImage = z.union([z.string().min(1), z.strictObject({ name: z.string().min(1), entrypoint: z.array(z.string()).optional() })]);
const gitlabRule = z.strictObject({
  if: z.string().min(1).optional(),
  changes: z.array(z.string().min(1)).optional(),
  when: z.enum(['on_success', 'manual', 'always', 'never', 'delayed']).optional(),
  'allow_failure': z.boolean().optional(),
});
const gitlabJob = z.strictObject({
  stage: z.string().min(1),
  image: gitlabImage.optional(),
  tags: z.array(z.string()).optional(),
  rules: z.array(gitlabRule).min(1),
  variables: stringMap.optional(),
  before_script: z.array(z.string()).optional(),
  script: z.array(z.string().min(1)).min(1),
  artifacts: z
    .strictObject({ paths: z.array(z.string()).optional(), reports: z.record(z.string(), z.unknown()).optional(), expire_in: z.string().optional(), when: z.string().optional() })
    .optional(),
  resource_group: z.string().optional(),
  environment: z.union([z.string(), z.strictObject({ name: z.string(), url: z.string().optional() })]).optional(),
  needs: z.array(z.string()).optional(),
  allow_failure: z.boolean().optional(),
  timeout: z.string().optional(),
});
export type GitlabJob = z.output<typeof gitlabJob>;

/** Top-level keywords of .gitlab-ci.yml; every other top-level key is a job. */
const GITLAB_GLOBAL_KEYS = ['default', 'variables', 'stages', 'workflow', 'include'];

export const gitlabCiSchema = z
  .object({
    default: z.strictObject({ image: gitlabImage.optional(), tags: z.array(z.string()).optional(), before_script: z.array(z.string()).optional() }).optional(),
    variables: stringMap.optional(),
    stages: z.array(z.string().min(1)).min(1),
    workflow: z.strictObject({ rules: z.array(gitlabRule) }).optional(),
  })
  .catchall(gitlabJob)
  .superRefine((ci, ctx) => {
    for (const [name, job] of gitlabJobs(ci as GitlabCi)) {
      if (!ci.stages.includes(job.stage)) {
        ctx.addIssue({ code: 'custom', path: [name, 'stage'], message: `stage "${job.stage}" is not in stages (${ci.stages.join(', ')})` });
      }
    }
  });
export type GitlabCi = z.output<typeof gitlabCiSchema>;

export function gitlabJobs(ci: GitlabCi): [string, GitlabJob][] {
  return Object.entries(ci).filter(([key]) => !GITLAB_GLOBAL_KEYS.includes(key)) as [string, GitlabJob][];
}

// ---- translator command lines --------------------------------------------------------------

export interface TranslatorCall {
  /** The line as written. */
  line: string;
  /** The subcommand, e.g. `plan`. */
  command: string;
  /** Long options used, without values: `--all`, `--format`. */
  options: string[];
  /** The words after the subcommand, up to a redirection, pipe or comment. */
  words: string[];
}

/** Every `translator ...` invocation in shell text (one per line; continuation lines joined). */
export function translatorCalls(shell: string): TranslatorCall[] {
  return shell
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => /^translator\s/.test(line))
    .map((line) => {
      const words = [];
      for (const word of line.split(/\s+/).slice(1)) {
        if (/^([|&;<>#]|\d?>)/.test(word)) break;
        words.push(word);
      }
      const [command = '', ...rest] = words;
      return { line, command, words: rest, options: rest.filter((w) => w.startsWith('--')).map((w) => w.split('=')[0]!) };
    });
}

/** The shell lines a job runs, in order: a GitHub job's `run` steps, a GitLab job's `script`. */
export function githubJobShell(job: GithubWorkflow['jobs'][string]): string[] {
  return job.steps.flatMap((step) => (step.run === undefined ? [] : [step.run]));
}

// ---- rules and `if:` conditions ------------------------------------------------------------

/**
 * Evaluates the conditions these files use, in GitHub's (`github.ref == 'refs/heads/main'`) and
 * GitLab's (`$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH && $CI_PIPELINE_SOURCE == "push"`) syntax:
 * variables, quoted strings, `==`, `!=`, `&&`, `||` and parentheses. An unset variable is null,
 * as on both forges. Anything else is an error, so a condition this cannot read fails the test.
 */
export function evaluateCondition(condition: string, variables: Readonly<Record<string, string>>): boolean {
  const tokens = condition.match(/\$\w+|[A-Za-z_][\w.]*|'[^']*'|"[^"]*"|==|!=|&&|\|\||[()]|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Error(`cannot read condition ${JSON.stringify(condition)} at ${token ?? 'its end'}`);
    return token;
  };
  const value = (): string | null => {
    const token = take();
    if (/^['"]/.test(token)) return token.slice(1, -1);
    if (/^\$\w+$/.test(token)) return variables[token.slice(1)] ?? null;
    if (/^[A-Za-z_][\w.]*$/.test(token)) return variables[token] ?? null;
    throw new Error(`cannot read condition ${JSON.stringify(condition)}: unexpected ${token}`);
  };
  const comparison = (): boolean => {
    if (peek() === '(') {
      take('(');
      const inner = or();
      take(')');
      return inner;
    }
    const left = value();
    const op = take();
    if (op !== '==' && op !== '!=') throw new Error(`cannot read condition ${JSON.stringify(condition)}: expected == or !=, got ${op}`);
    return (left === value()) === (op === '==');
  };
  const and = (): boolean => {
    let result = comparison();
    while (peek() === '&&') {
      take();
      result = comparison() && result;
    }
    return result;
  };
  const or = (): boolean => {
    let result = and();
    while (peek() === '||') {
      take();
      result = and() || result;
    }
    return result;
  };
  const result = or();
  if (at !== tokens.length) throw new Error(`cannot read condition ${JSON.stringify(condition)}: ${tokens.slice(at).join(' ')} left over`);
  return result;
}

/** Whether a GitLab job runs in a pipeline with these variables: its first rule whose `if` holds decides (`changes` assumed met). */
export function gitlabJobRuns(job: GitlabJob, variables: Readonly<Record<string, string>>): boolean {
  const rule = job.rules.find((r) => r.if === undefined || evaluateCondition(r.if, variables));
  return rule !== undefined && rule.when !== 'never';
}

// ---- the forges' comment APIs, in memory and over HTTP ----------------------------------------

export interface ForgeComment {
  id: number;
  body: string;
  user: string;
}

/**
 * The part of octokit that github-script hands a script (`github.paginate`, `github.rest.issues.*`),
 * over an in-memory list of one pull request's comments, listed a page of `pageSize` at a time so
 * that a script that does not paginate misses some.
 */
export function fakeGithub(comments: ForgeComment[], pageSize = 2) {
  let next = Math.max(0, ...comments.map((c) => c.id)) + 1;
  const bot = 'github-actions[bot]';
  const listComments = async ({ page = 1 }: { page?: number }) => ({
    data: comments.slice((page - 1) * pageSize, page * pageSize).map((c) => ({ id: c.id, body: c.body, user: { login: c.user } })),
  });
  const find = (id: number) => {
    const comment = comments.find((c) => c.id === id);
    if (!comment) throw new Error(`no comment ${id}`);
    return comment;
  };
  return {
    async paginate(method: typeof listComments, params: Record<string, unknown>) {
      const all = [];
      for (let page = 1; ; page++) {
        const { data } = await method({ ...params, page });
        all.push(...data);
        if (data.length < pageSize) return all;
      }
    },
    rest: {
      issues: {
        listComments,
        createComment: async ({ body }: { body: string }) => void comments.push({ id: next++, body, user: bot }),
        updateComment: async ({ comment_id, body }: { comment_id: number; body: string }) => void (find(comment_id).body = body),
        deleteComment: async ({ comment_id }: { comment_id: number }) => void comments.splice(comments.indexOf(find(comment_id)), 1),
      },
    },
  };
}

/** Runs a github-script `script` as the action does: the body of an async function given `require`, `github` and `context`. */
export async function runGithubScript(script: string, scope: { files: Record<string, string>; github: unknown; context: unknown }): Promise<void> {
  const fakeRequire = (name: string) => {
    if (name !== 'fs') throw new Error(`the script requires ${name}`);
    return {
      readFileSync: (path: string) => {
        if (!(path in scope.files)) throw new Error(`ENOENT: ${path}`);
        return scope.files[path];
      },
    };
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;
  await new AsyncFunction('require', 'github', 'context', script)(fakeRequire, scope.github, scope.context);
}

/**
 * GitLab's merge request notes API for one merge request on 127.0.0.1: GET /user (the token's
 * user), GET notes a page of `pageSize` at a time with `x-next-page`, POST, PUT and DELETE of a
 * note. Every request must carry `token`; each is logged as `METHOD path`.
 */
export async function fakeGitlabNotes(options: { project: string; iid: string; token: string; userId: number; notes: (ForgeComment & { authorId: number })[]; pageSize?: number }) {
  const pageSize = options.pageSize ?? 2;
  const requests: string[] = [];
  const base = `/api/v4/projects/${encodeURIComponent(options.project)}/merge_requests/${options.iid}/notes`;
  let next = Math.max(0, ...options.notes.map((n) => n.id)) + 1;
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://gitlab.invalid');
      requests.push(`${req.method} ${url.pathname}`);
      const send = (status: number, body: unknown, headers: Record<string, string> = {}) =>
        res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
      if (req.headers['private-token'] !== options.token) return send(401, { message: '401 Unauthorized' });
      if (req.method === 'GET' && url.pathname === '/api/v4/user') return send(200, { id: options.userId, username: 'project_1_bot' });
      const note = /^\/(\d+)$/.exec(url.pathname.slice(base.length));
      if (!url.pathname.startsWith(base)) return send(404, { message: '404 Not Found' });
      if (req.method === 'GET' && url.pathname === base) {
        const page = Number(url.searchParams.get('page') ?? '1');
        const slice = options.notes.slice((page - 1) * pageSize, page * pageSize);
        const more = page * pageSize < options.notes.length;
        return send(200, slice.map((n) => ({ id: n.id, body: n.body, author: { id: n.authorId } })), { 'x-next-page': more ? String(page + 1) : '' });
      }
      if (req.method === 'POST' && url.pathname === base) {
        const created = { id: next++, body: JSON.parse(text).body as string, user: 'project_1_bot', authorId: options.userId };
        options.notes.push(created);
        return send(201, { id: created.id });
      }
      const target = note ? options.notes.find((n) => n.id === Number(note[1])) : undefined;
      if (!target) return send(404, { message: '404 Note Not Found' });
      if (target.authorId !== options.userId) return send(403, { message: '403 Forbidden' });
      if (req.method === 'PUT') {
        target.body = JSON.parse(text).body as string;
        return send(200, { id: target.id });
      }
      if (req.method === 'DELETE') {
        options.notes.splice(options.notes.indexOf(target), 1);
        return send(204, {});
      }
      return send(405, { message: '405 Method Not Allowed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v4`,
    requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
