/**
 * A local HTTP server standing in for Slack, Teams, a webhook receiver or a forge's API: it
 * records every request exactly (method, path, headers, body) and answers per path — a status and
 * JSON, or never (a hanging notifier).
 */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
}

export type Answer = { status: number; json?: unknown } | 'hang';

export interface FakeHttp {
  url: string;
  requests: RecordedRequest[];
  /** Requests to paths starting with `prefix`. */
  to(prefix: string): RecordedRequest[];
}

export async function fakeHttp(t: TestContext, answer: (path: string) => Answer): Promise<FakeHttp> {
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      requests.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const reply = answer(path);
      if (reply === 'hang') return;
      res.writeHead(reply.status, reply.json === undefined ? { 'content-type': 'text/plain' } : { 'content-type': 'application/json' });
      res.end(reply.json === undefined ? 'ok' : JSON.stringify(reply.json));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, to: (prefix) => requests.filter((r) => r.path.startsWith(prefix)) };
}
