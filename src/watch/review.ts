/**
 * Review mode's pull/merge request: opened on the first commit to the review branch, its
 * description updated with the current plan on every later one. Only the documented REST calls,
 * with the global fetch:
 * - GitHub (docs.github.com/rest/pulls/pulls): GET /repos/{owner}/{repo}/pulls?head=owner:branch&base=…&state=open,
 *   POST /repos/{owner}/{repo}/pulls, PATCH /repos/{owner}/{repo}/pulls/{number}; token as Bearer.
 * - GitLab (docs.gitlab.com/api/merge_requests): GET /projects/:id/merge_requests?source_branch=…&target_branch=…&state=opened,
 *   POST /projects/:id/merge_requests, PUT /projects/:id/merge_requests/:iid; token as PRIVATE-TOKEN.
 */
import type { Secret } from '../settings/secret.js';
import { errorText } from '../errors.js';
import { githubHeaders, gitlabHeaders } from '../ops/forge-api.js';

export interface ReviewRequest {
  /** Branch with translator's commits. */
  head: string;
  /** Branch the request merges into. */
  base: string;
  title: string;
  /** Markdown. */
  body: string;
}

export interface ReviewResult {
  action: 'opened' | 'updated';
  number: number;
  url: string;
}

export interface ReviewHost {
  readonly provider: 'github' | 'gitlab';
  upsert(request: ReviewRequest): Promise<ReviewResult>;
}

export class ReviewApiError extends Error {
  override name = 'ReviewApiError';
  constructor(readonly provider: string, readonly status: number, message: string) {
    super(message);
  }
}

/** GitHub's description limit is 65,536 characters; GitLab's is larger. One size for both. */
export const REVIEW_BODY_LIMIT = 65_000;

async function call(provider: string, url: string, init: RequestInit): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    throw new ReviewApiError(provider, 0, `${provider} API unreachable at ${new URL(url).origin}: ${errorText(error)}`);
  }
  const text = await response.text();
  if (!response.ok) {
    let detail = text.slice(0, 300);
    try {
      detail = String((JSON.parse(text) as { message?: unknown }).message ?? detail);
    } catch {
      // not JSON: keep the text
    }
    throw new ReviewApiError(provider, response.status, `${provider} API ${init.method ?? 'GET'} ${new URL(url).pathname} answered ${response.status}: ${detail}`);
  }
  return text === '' ? null : JSON.parse(text);
}

export class GitHubReviews implements ReviewHost {
  readonly provider = 'github';
  constructor(private readonly api: string, private readonly repository: string, private readonly token: Secret) {}

  private headers(): Record<string, string> {
    return githubHeaders(this.token);
  }

  async upsert(request: ReviewRequest): Promise<ReviewResult> {
    const base = `${this.api.replace(/\/$/, '')}/repos/${this.repository}/pulls`;
    const owner = this.repository.split('/')[0]!;
    const query = new URLSearchParams({ state: 'open', head: `${owner}:${request.head}`, base: request.base });
    const open = (await call(this.provider, `${base}?${query}`, { method: 'GET', headers: this.headers() })) as { number: number; html_url: string }[];
    const body = JSON.stringify({ title: request.title, body: request.body });
    if (open.length > 0) {
      const pr = (await call(this.provider, `${base}/${open[0]!.number}`, { method: 'PATCH', headers: this.headers(), body })) as { number: number; html_url: string };
      return { action: 'updated', number: pr.number, url: pr.html_url };
    }
    const created = (await call(this.provider, base, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ title: request.title, body: request.body, head: request.head, base: request.base }),
    })) as { number: number; html_url: string };
    return { action: 'opened', number: created.number, url: created.html_url };
  }
}

export class GitLabReviews implements ReviewHost {
  readonly provider = 'gitlab';
  constructor(private readonly api: string, private readonly project: string | number, private readonly token: Secret) {}

  private headers(): Record<string, string> {
    return gitlabHeaders(this.token);
  }

  async upsert(request: ReviewRequest): Promise<ReviewResult> {
    const base = `${this.api.replace(/\/$/, '')}/projects/${encodeURIComponent(String(this.project))}/merge_requests`;
    const query = new URLSearchParams({ state: 'opened', source_branch: request.head, target_branch: request.base });
    const open = (await call(this.provider, `${base}?${query}`, { method: 'GET', headers: this.headers() })) as { iid: number; web_url: string }[];
    if (open.length > 0) {
      const mr = (await call(this.provider, `${base}/${open[0]!.iid}`, {
        method: 'PUT',
        headers: this.headers(),
        body: JSON.stringify({ title: request.title, description: request.body }),
      })) as { iid: number; web_url: string };
      return { action: 'updated', number: mr.iid, url: mr.web_url };
    }
    const created = (await call(this.provider, base, {
      method: 'POST',
      headers: this.headers(),
      body: JSON.stringify({ source_branch: request.head, target_branch: request.base, title: request.title, description: request.body }),
    })) as { iid: number; web_url: string };
    return { action: 'opened', number: created.iid, url: created.web_url };
  }
}

/** The description, cut to the limit with a note when the plan is too long for one. */
export function reviewBody(markdown: string): string {
  if (markdown.length <= REVIEW_BODY_LIMIT) return markdown;
  const note = '\n\n_The plan is longer than a description allows: run `translator plan` for all of it._\n';
  return markdown.slice(0, REVIEW_BODY_LIMIT - note.length) + note;
}
