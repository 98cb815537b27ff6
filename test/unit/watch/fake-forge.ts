/**
 * A local stand-in for the GitHub and GitLab REST APIs (node:http on 127.0.0.1): only the calls
 * review mode makes, answered as their documentation describes, with the pull/merge requests kept
 * in memory. It checks the token like the real APIs (401 without it) and records every request.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ForgeRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: IncomingMessage['headers'];
  body: Record<string, unknown> | null;
}

interface Pull {
  number: number;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
}

export interface FakeForge {
  url: string;
  requests: ForgeRequest[];
  github: Pull[];
  gitlab: Pull[];
  close(): Promise<void>;
}

export async function startFakeForge(options: { githubToken: string; gitlabToken: string; owner?: string; repo?: string; project?: string }): Promise<FakeForge> {
  const owner = options.owner ?? 'acme';
  const repo = options.repo ?? 'edge-config';
  const project = encodeURIComponent(options.project ?? 'netops/edge-config');
  const forge = { requests: [] as ForgeRequest[], github: [] as Pull[], gitlab: [] as Pull[] };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://forge');
      const text = Buffer.concat(chunks).toString();
      const request: ForgeRequest = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body: text ? (JSON.parse(text) as Record<string, unknown>) : null,
      };
      forge.requests.push(request);
      const send = (status: number, value: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      const githubPulls = `/github/repos/${owner}/${repo}/pulls`;
      const gitlabMrs = `/gitlab/api/v4/projects/${project}/merge_requests`;
      const rawPath = (req.url ?? '').split('?')[0]!;
      if (rawPath.startsWith('/github/')) {
        if (req.headers.authorization !== `Bearer ${options.githubToken}`) return send(401, { message: 'Bad credentials' });
        const asGithub = (p: Pull) => ({ number: p.number, html_url: `https://github.example/${owner}/${repo}/pull/${p.number}`, title: p.title, body: p.body, head: { ref: p.head }, base: { ref: p.base }, state: p.state });
        if (rawPath === githubPulls && req.method === 'GET') {
          const [headOwner, headBranch] = (request.query.head ?? ':').split(':');
          const found = forge.github.filter((p) => p.state === (request.query.state ?? 'open') && (!request.query.head || (headOwner === owner && p.head === headBranch)) && (!request.query.base || p.base === request.query.base));
          return send(200, found.map(asGithub));
        }
        if (rawPath === githubPulls && req.method === 'POST') {
          const b = request.body as { title?: string; body?: string; head?: string; base?: string };
          if (!b.title || !b.head || !b.base) return send(422, { message: 'Validation Failed' });
          if (forge.github.some((p) => p.state === 'open' && p.head === b.head && p.base === b.base)) return send(422, { message: 'A pull request already exists' });
          const pull: Pull = { number: forge.github.length + 1, head: b.head, base: b.base, title: b.title, body: b.body ?? '', state: 'open' };
          forge.github.push(pull);
          return send(201, asGithub(pull));
        }
        const match = rawPath.match(new RegExp(`^${githubPulls}/(\\d+)$`));
        if (match && req.method === 'PATCH') {
          const pull = forge.github.find((p) => p.number === Number(match[1]));
          if (!pull) return send(404, { message: 'Not Found' });
          Object.assign(pull, pick(request.body, ['title', 'body']));
          return send(200, asGithub(pull));
        }
        return send(404, { message: 'Not Found' });
      }
      if (rawPath.startsWith('/gitlab/')) {
        if (req.headers['private-token'] !== options.gitlabToken) return send(401, { message: '401 Unauthorized' });
        const asGitlab = (p: Pull) => ({ iid: p.number, web_url: `https://gitlab.example/netops/edge-config/-/merge_requests/${p.number}`, title: p.title, description: p.body, source_branch: p.head, target_branch: p.base, state: p.state === 'open' ? 'opened' : 'closed' });
        if (rawPath === gitlabMrs && req.method === 'GET') {
          const found = forge.gitlab.filter((p) => (request.query.state !== 'opened' || p.state === 'open') && (!request.query.source_branch || p.head === request.query.source_branch) && (!request.query.target_branch || p.base === request.query.target_branch));
          return send(200, found.map(asGitlab));
        }
        if (rawPath === gitlabMrs && req.method === 'POST') {
          const b = request.body as { title?: string; description?: string; source_branch?: string; target_branch?: string };
          if (!b.title || !b.source_branch || !b.target_branch) return send(400, { message: 'title, source_branch, target_branch are missing' });
          if (forge.gitlab.some((p) => p.state === 'open' && p.head === b.source_branch && p.base === b.target_branch)) return send(409, { message: ['Another open merge request already exists for this source branch'] });
          const mr: Pull = { number: forge.gitlab.length + 1, head: b.source_branch, base: b.target_branch, title: b.title, body: b.description ?? '', state: 'open' };
          forge.gitlab.push(mr);
          return send(201, asGitlab(mr));
        }
        const match = rawPath.match(new RegExp(`^${gitlabMrs.replace(/%/g, '%')}/(\\d+)$`));
        if (match && req.method === 'PUT') {
          const mr = forge.gitlab.find((p) => p.number === Number(match[1]));
          if (!mr) return send(404, { message: '404 Not found' });
          const b = request.body as { title?: string; description?: string };
          if (b.title !== undefined) mr.title = b.title;
          if (b.description !== undefined) mr.body = b.description;
          return send(200, asGitlab(mr));
        }
        return send(404, { message: '404 Not found' });
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    ...forge,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function pick(value: Record<string, unknown> | null, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => value?.[k] !== undefined).map((k) => [k, value![k]]));
}
