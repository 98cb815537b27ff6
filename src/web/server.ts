/**
 * The status pages and /api/v1, as one request listener: the daemon's HTTP server hands it every
 * request its own routes do not take (src/ops/http.ts), `translator serve` runs it alone.
 *
 * Read-only (GET and HEAD; the one POST is the login form). Bound to a non-loopback address, every
 * page and document needs the token (auth.ts). Every answer carries the security headers; bad
 * input is a 4xx with a sentence, anything unexpected a 500 that says nothing about the inside.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { loggedError } from '../ops/logger.js';
import { authorised, checkToken, sameSecret, sessionCookie } from './auth.js';
import { LiveUpdates } from './live.js';
import { SCHEMA_VERSION } from '../documents/document.js';
import { searchFloatingIps, type Snapshot } from './model.js';
import { BadRequest, onlyParams, parseTarget, routerName, searchQuery } from './validate.js';
import { commitUrlFrom, staticFiles, Views, type PageContext } from './views.js';

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

const MAX_LOGIN_BODY = 4096;

export interface WebHandlerOptions {
  /** The current snapshot (null while the first one is being read). */
  snapshot: () => Snapshot | null;
  /** Required on every request but the login form and the static files; null: open (loopback). */
  token: string | null;
  /** Commit links on the forge, e.g. `https://github.com/org/gitops/commit/{sha}`. */
  commitUrl?: string | null;
  /** Whether drift is being checked (the footer says so). */
  drift: boolean;
  /** Mark the session cookie Secure (the page is reached over https through a proxy). */
  secureCookie?: boolean;
  log: Logger;
}

export class InvalidToken extends Error {
  override name = 'InvalidToken';
}

export class WebHandler {
  readonly live = new LiveUpdates();
  private readonly views = new Views();
  private readonly files = staticFiles();
  private readonly context: PageContext;

  constructor(private readonly options: WebHandlerOptions) {
    if (options.token !== null) {
      const problem = checkToken(options.token);
      if (problem) throw new InvalidToken(problem);
    }
    this.context = { commitUrl: commitUrlFrom(options.commitUrl), drift: options.drift };
  }

  /** Tells every open page that the snapshot changed. */
  changed(snapshot: Snapshot): void {
    this.live.publish(snapshot.version);
  }

  close(): void {
    this.live.close();
  }

  readonly handle = (req: IncomingMessage, res: ServerResponse): void => {
    const api = (req.url ?? '').startsWith('/api/');
    this.route(req, res).catch((error: unknown) => {
      if (error instanceof BadRequest) return this.fail(res, api, error.status, error.message);
      this.options.log.error({ err: loggedError(error, { stack: true }), path: (req.url ?? '').slice(0, 200) }, 'status page request failed');
      this.fail(res, api, 500, 'something went wrong reading the repository; the log says what');
    });
  };

  private async route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { path, params } = parseTarget(req.url ?? '/');
    const method = req.method ?? 'GET';
    if (path === '/login') return this.login(req, res, method, params);
    if (path.startsWith('/static/')) {
      const file = this.files.get(path.slice('/static/'.length));
      if (!file) throw new BadRequest(404, 'no such file');
      onlyParams(params, []);
      return this.send(res, 200, file.type, file.body);
    }
    if (method !== 'GET' && method !== 'HEAD') throw new BadRequest(405, 'this page is read-only: use GET');
    if (!authorised(this.options.token, { authorization: req.headers.authorization, cookie: req.headers.cookie })) {
      if (path.startsWith('/api/')) {
        res.setHeader('www-authenticate', 'Bearer realm="translator"');
        return this.fail(res, true, 401, 'a token is required: Authorization: Bearer <token>');
      }
      return this.redirect(res, `/login?next=${encodeURIComponent(path)}`);
    }
    const snapshot = this.options.snapshot();
    if (!snapshot) throw new BadRequest(404, 'the repository is still being read; try again in a moment');
    const routerMatch = /^\/(api\/v1\/)?routers\/([^/]+)$/.exec(path);
    if (routerMatch) {
      onlyParams(params, []);
      const detail = snapshot.routers.get(routerName(routerMatch[2]!));
      if (!detail) throw new BadRequest(404, 'no such router');
      if (routerMatch[1]) {
        const { router, status, tenants, floatingIps, rejections, deploys, history } = detail;
        return this.json(res, { ...head('router', snapshot), router, status, tenants, floatingIps, rejections, deploys, history });
      }
      return this.html(res, this.views.router(snapshot, detail, this.context));
    }
    switch (path) {
      case '/':
        onlyParams(params, []);
        return this.html(res, this.views.overview(snapshot, this.context));
      case '/search':
        return this.html(res, this.views.search(snapshot, searchQuery(params), this.context));
      case '/rejections':
        onlyParams(params, []);
        return this.html(res, this.views.rejections(snapshot, this.context));
      case '/api/v1/status':
        onlyParams(params, []);
        return this.json(res, snapshot.status);
      case '/api/v1/floating-ips': {
        const query = searchQuery(params);
        const all = [...snapshot.routers.values()].flatMap((d) => d.floatingIps);
        return this.json(res, { ...head('floating-ips', snapshot), query, floatingIps: query ? searchFloatingIps(all, query) : all });
      }
      case '/api/v1/rejections':
        onlyParams(params, []);
        return this.json(res, { ...head('rejections', snapshot), rejections: snapshot.rejections });
      case '/api/v1/pools':
        onlyParams(params, []);
        return this.json(res, { ...head('pools', snapshot), pools: snapshot.pools });
      case '/api/v1/events':
        onlyParams(params, []);
        if (method !== 'GET') throw new BadRequest(405, 'an event stream: use GET');
        if (!this.live.add(res, snapshot.version, SECURITY_HEADERS)) throw new BadRequest(413, 'too many pages are listening for updates');
        return;
      default:
        throw new BadRequest(404, 'no such page');
    }
  }

  private async login(req: IncomingMessage, res: ServerResponse, method: string, params: URLSearchParams): Promise<void> {
    const token = this.options.token;
    if (method === 'GET' || method === 'HEAD') {
      onlyParams(params, ['next']);
      if (token === null) return this.redirect(res, '/');
      return this.html(res, this.views.login(safeNext(params.get('next')), false, this.context));
    }
    if (method !== 'POST') throw new BadRequest(405, 'use GET or POST');
    onlyParams(params, []);
    const form = new URLSearchParams(await readBody(req, MAX_LOGIN_BODY));
    const next = safeNext(form.get('next'));
    if (token === null) return this.redirect(res, next);
    if (!sameSecret(form.get('token') ?? '', token)) {
      this.options.log.warn({ remote: req.socket.remoteAddress }, 'status page: wrong token at the login form');
      return this.html(res, this.views.login(next, true, this.context), 401);
    }
    res.setHeader('set-cookie', sessionCookie(token, this.options.secureCookie === true));
    return this.redirect(res, next);
  }

  private send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
    if (res.headersSent) {
      res.end();
      return;
    }
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': type });
    res.end(body);
  }

  private html(res: ServerResponse, body: string, status = 200): void {
    this.send(res, status, 'text/html; charset=utf-8', body);
  }

  private json(res: ServerResponse, value: unknown): void {
    this.send(res, 200, 'application/json; charset=utf-8', `${JSON.stringify(value, null, 2)}\n`);
  }

  private redirect(res: ServerResponse, to: string): void {
    res.writeHead(303, { ...SECURITY_HEADERS, location: to, 'content-type': 'text/plain; charset=utf-8' });
    res.end(`see ${to}\n`);
  }

  private fail(res: ServerResponse, api: boolean, status: number, message: string): void {
    if (api) return this.send(res, status, 'application/json; charset=utf-8', `${JSON.stringify({ error: message })}\n`);
    const heading = { 400: 'Bad request', 401: 'Token required', 404: 'Not found', 405: 'Read-only', 413: 'Too large', 414: 'Address too long', 500: 'Internal error' }[status] ?? 'Error';
    let body: string;
    try {
      body = this.views.error(status, heading, message, this.context);
    } catch {
      body = `${status} ${heading}\n`;
    }
    this.send(res, status, 'text/html; charset=utf-8', body);
  }
}

function head(kind: string, snapshot: Snapshot) {
  return { schemaVersion: SCHEMA_VERSION, kind, generatedAt: snapshot.status.generatedAt };
}

/** Where to go after signing in: a path of this site only (never `//other.host` or a URL). */
function safeNext(next: string | null): string {
  return next && /^\/(?![/\\])[A-Za-z0-9_.~\/%?=&-]{0,300}$/.test(next) ? next : '/';
}

function readBody(req: IncomingMessage, max: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // The rest is read and dropped, so the 413 still reaches the client.
      if (size > max) return reject(new BadRequest(413, 'the form is too large'));
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
