/**
 * The operations HTTP server: /metrics (Prometheus), /healthz (the process answers), /readyz
 * (first sync done and Docker reachable; what is degraded) and whatever routes the daemon adds (the webhook).
 * node:http and nothing else: four routes do not need a framework.
 */
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { errorText } from '../errors.js';
import type { Metrics } from './metrics.js';
import { loggedError } from './logger.js';

export interface Readiness {
  ready: boolean;
  /** Why not ready, for people reading /readyz (empty when ready). */
  waiting: string[];
  /** What works less well than it should, ready or not (a Docker host that does not answer while others do). */
  degraded?: string[];
}

export interface RouteRequest {
  headers: IncomingHttpHeaders;
  /** The raw body: signatures are computed over these exact bytes. */
  body: Buffer;
}

export interface RouteResponse {
  status: number;
  body: unknown;
}

export interface Route {
  method: 'POST' | 'GET';
  path: string;
  handle(request: RouteRequest): Promise<RouteResponse>;
}

export interface OpsServerOptions {
  host: string;
  port: number;
  metrics: Metrics;
  readiness: () => Readiness;
  routes?: Route[];
  /** Every other request (the status pages, src/web); absent: 404. */
  fallback?: (req: IncomingMessage, res: ServerResponse) => void;
  log: Logger;
  /** Largest request body accepted (default 5 MiB: a GitHub push payload is capped at 25 MB, most are KBs). */
  maxBodyBytes?: number;
}

export interface OpsServer {
  /** The bound address (port resolved when 0 was asked for). */
  readonly url: string;
  close(): Promise<void>;
}

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const maxBody = options.maxBodyBytes ?? 5 * 2 ** 20;
  const routes = options.routes ?? [];
  const server: Server = createServer((req, res) => {
    const send = (status: number, body: string, type = 'application/json') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    const json = (status: number, value: unknown) => send(status, `${JSON.stringify(value)}\n`);
    const path = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && path === '/metrics') {
      options.metrics.registry.metrics().then(
        (text) => send(200, text, options.metrics.registry.contentType),
        (error: unknown) => json(500, { error: errorText(error) }),
      );
      return;
    }
    if (req.method === 'GET' && path === '/healthz') return json(200, { status: 'ok' });
    if (req.method === 'GET' && path === '/readyz') {
      const { ready, waiting, degraded = [] } = options.readiness();
      const also = degraded.length > 0 ? { degraded } : {};
      return json(ready ? 200 : 503, ready ? { status: 'ready', ...also } : { status: 'not ready', waiting, ...also });
    }
    const route = routes.find((r) => r.path === path);
    if (!route) return options.fallback ? options.fallback(req, res) : json(404, { error: 'not found' });
    if (req.method !== route.method) return json(405, { error: `use ${route.method}` });
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        json(413, { error: 'body too large' });
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > maxBody) return;
      route.handle({ headers: req.headers, body: Buffer.concat(chunks) }).then(
        (answer) => json(answer.status, answer.body),
        (error: unknown) => {
          options.log.error({ err: loggedError(error, { stack: true }), path }, 'request handler failed');
          json(500, { error: 'internal error' });
        },
      );
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
