/**
 * Deploys reported to the forge CI runs on, so the commit and the environment page show what
 * reached each router. Only deploy events (not drift or rejections), and not a deploy that found
 * nothing to do: it changed nothing to report. The environment is named per router
 * (`environment`, `{router}` replaced).
 *
 * - GitHub, mode `deployment`: POST /repos/{owner}/{repo}/deployments (ref = the commit,
 *   auto_merge false, required_contexts [] so no status check blocks it), then POST
 *   …/deployments/{id}/statuses with the state (https://docs.github.com/en/rest/deployments/deployments,
 *   https://docs.github.com/en/rest/deployments/statuses). Mode `status`: POST
 *   /repos/{owner}/{repo}/statuses/{sha} with context `translator/<router>`
 *   (https://docs.github.com/en/rest/commits/statuses).
 * - GitLab: POST /projects/:id/deployments with environment, sha, ref (the branch or tag name:
 *   `origin/main` is sent as `main`), tag, status (https://docs.gitlab.com/api/deployments/#create-a-deployment;
 *   the same fields in python-gitlab's docs/gl_objects/deployments.rst).
 */
import type { DeployResult } from '../deploy/record.js';
import { githubHeaders, gitlabHeaders } from '../ops/forge-api.js';
import type { Secret } from '../settings/secret.js';
import type { DeployEvent, NotifyEvent } from './events.js';
import type { Notifier } from './notifier.js';

const forgeWants = (event: NotifyEvent): event is DeployEvent => event.type === 'deploy' && event.result !== 'unchanged';

/** GitHub's deployment and commit status states: success, failure (nothing changed, or undone), error (state unknown). */
const GITHUB_STATE: Record<DeployResult, 'success' | 'failure' | 'error'> = {
  success: 'success',
  unchanged: 'success',
  reverted: 'failure',
  failed: 'failure',
  refused: 'failure',
  unknown: 'error',
};

/** GitHub limits a status description to 140 characters. */
function description(event: DeployEvent): string {
  const text = `${event.result}: ${event.message.split('\n')[0]}`;
  return text.length <= 140 ? text : `${text.slice(0, 139)}…`;
}

interface GitHubNotifyOptions {
  api: string;
  repository: string;
  token: Secret;
  mode: 'deployment' | 'status';
  environment: string;
}

function environmentOf(pattern: string, router: string): string {
  return pattern.replaceAll('{router}', router);
}

export function githubNotifier(options: GitHubNotifyOptions): Notifier {
  const repo = `${options.api.replace(/\/$/, '')}/repos/${options.repository}`;
  return {
    name: 'github',
    wants: forgeWants,
    send: async (event, post) => {
      if (!forgeWants(event)) return;
      const headers = githubHeaders(options.token);
      const state = GITHUB_STATE[event.result];
      if (options.mode === 'status') {
        await post(`${repo}/statuses/${event.commit}`, headers, JSON.stringify({ state, context: `translator/${event.router}`, description: description(event) }));
        return;
      }
      const environment = environmentOf(options.environment, event.router);
      const created = (await post(
        `${repo}/deployments`,
        headers,
        JSON.stringify({ ref: event.commit, environment, auto_merge: false, required_contexts: [], description: `translator ${event.kind} to ${event.router}`, payload: { record: event.record } }),
      )) as { id?: unknown } | null;
      if (typeof created?.id !== 'number') throw new Error('GitHub answered the new deployment without an id');
      await post(`${repo}/deployments/${created.id}/statuses`, headers, JSON.stringify({ state, environment, description: description(event) }));
    },
  };
}

interface GitLabNotifyOptions {
  api: string;
  project: string | number;
  token: Secret;
  environment: string;
  /** The GitOps remote's name: CI deploys `origin/main`, GitLab knows the branch as `main`. */
  remote: string;
}

export function gitlabNotifier(options: GitLabNotifyOptions): Notifier {
  const url = `${options.api.replace(/\/$/, '')}/projects/${encodeURIComponent(String(options.project))}/deployments`;
  return {
    name: 'gitlab',
    wants: forgeWants,
    send: async (event, post) => {
      if (!forgeWants(event)) return;
      const status = event.result === 'success' ? 'success' : 'failed';
      const ref = event.ref.startsWith(`${options.remote}/`) ? event.ref.slice(options.remote.length + 1) : event.ref;
      const body = { environment: environmentOf(options.environment, event.router), sha: event.commit, ref, tag: false, status };
      await post(url, gitlabHeaders(options.token), JSON.stringify(body));
    },
  };
}
