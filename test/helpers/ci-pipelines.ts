/**
 * What the example repository's CI files must look like to run at all, as zod schemas over the
 * parsed YAML: the parts of GitHub Actions' workflow syntax and of GitLab CI's .gitlab-ci.yml
 * that these files use (triggers, jobs, steps with `run` xor `uses`, stages, scripts, rules).
 * Unknown keys are errors, so a typo (`step:`, `script` as a string map, `rule:`) fails here
 * rather than on the forge. Plus the shell lines that call translator, for checking them
 * against the real CLI.
 */
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
