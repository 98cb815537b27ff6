// DockerEngineSource against a stand-in engine on a unix socket that answers with recorded
// API answers: which requests a read makes, how many at once, and how failures read.
// (The real engine is exercised in test/integration/observe.test.ts.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { DockerEngineSource, DockerUnavailableError } from '../../../src/observe/docker.js';
import type { ContainerJson, NetworkJson } from '../../../src/observe/engine-json.js';

function fixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as T;
}
const networks = fixture<NetworkJson[]>('networks.json');
const running = fixture<ContainerJson[]>('containers-all.json').filter((c) => c.State === 'running');

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A stand-in engine on a fresh unix socket; returns its DOCKER_HOST. */
async function fakeEngine(t: TestContext, handler: Handler): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'observe-fake-'));
  const socket = join(dir, 'docker.sock');
  const server = createServer(handler);
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  t.after(() => {
    server.closeAllConnections();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return `unix://${socket}`;
}

function json(res: ServerResponse, body: unknown, status = 200): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** Serves the recorded lists; inspect answers `Created` from `created(id)` after `delay` ms. */
function recordedEngine(requests: string[], options: { containers?: ContainerJson[]; onInspect?: (id: string) => Promise<unknown> } = {}): Handler {
  return (req, res) => {
    const url = new URL(req.url!, 'http://engine');
    requests.push(`${req.method} ${url.pathname}`);
    if (url.pathname === '/networks') return json(res, networks);
    if (url.pathname === '/containers/json') {
      assert.deepEqual(JSON.parse(url.searchParams.get('filters')!), { status: ['running'] });
      return json(res, options.containers ?? running);
    }
    const inspect = /^\/containers\/([0-9a-f]+)\/json$/.exec(url.pathname);
    if (inspect) {
      const id = inspect[1]!;
      void (options.onInspect?.(id) ?? Promise.resolve()).then((body) => json(res, body ?? { Id: id, Created: '2026-11-29T15:37:41.5Z' }));
      return;
    }
    json(res, { message: `unexpected ${url.pathname}` }, 404);
  };
}

test('a read costs two list requests plus an inspect per same-second container', async (t) => {
  const requests: string[] = [];
  const host = await fakeEngine(t, recordedEngine(requests));
  const state = await new DockerEngineSource(host).read();
  const sameSecond = ['cfg', 'v6'].map((name) => running.find((c) => c.Names.includes(`/${name}`))!.Id).sort();
  assert.deepEqual(requests.slice(0, 2), ['GET /networks', 'GET /containers/json']);
  assert.deepEqual(requests.slice(2).sort(), sameSecond.map((id) => `GET /containers/${id}/json`));
  assert.deepEqual(state.networks.map((n) => n.name), ['dualstack', 'fromcfg', 'mytenant', 'other']);
  assert.deepEqual(
    state.containers.map((c) => [c.name, c.created]),
    [
      ['cfg', '2026-11-29T15:37:41.500000000Z'],
      ['trusting_grothendieck', '2026-11-29T15:37:39.000000000Z'],
      ['v6', '2026-11-29T15:37:41.500000000Z'],
      ['web', '2026-11-29T15:37:40.000000000Z'],
    ],
  );
});

test('inspects run at most 8 at a time', async (t) => {
  const template = running.find((c) => c.Names.includes('/web'))!;
  const burst = Array.from({ length: 40 }, (_, i) => ({
    ...structuredClone(template),
    Id: i.toString(16).padStart(64, '0'),
    Names: [`/burst${i}`],
  }));
  let inFlight = 0;
  let most = 0;
  const requests: string[] = [];
  const host = await fakeEngine(t, recordedEngine(requests, {
    containers: burst,
    async onInspect(id) {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setImmediate(resolve));
      inFlight--;
      return { Id: id, Created: `2026-11-29T15:37:40.${parseInt(id, 16)}Z` };
    },
  }));
  const state = await new DockerEngineSource(host).read();
  assert.equal(requests.length, 2 + 40);
  assert.ok(most > 1 && most <= 8, `at most 8 inspects in flight (saw ${most})`);
  assert.equal(state.containers.length, 40);
});

test('a container gone between list and inspect keeps its listed time', async (t) => {
  const host = await fakeEngine(t, (req, res) => {
    const path = new URL(req.url!, 'http://engine').pathname;
    if (path === '/networks') return json(res, networks);
    if (path === '/containers/json') return json(res, running);
    json(res, { message: 'No such container' }, 404);
  });
  const state = await new DockerEngineSource(host).read();
  assert.equal(state.containers.find((c) => c.name === 'cfg')!.created, '2026-11-29T15:37:41.000000000Z');
});

test('no socket: DockerUnavailableError naming the host and the reason', async () => {
  const host = `unix://${join(tmpdir(), `observe-nobody-${process.pid}.sock`)}`;
  const error = await new DockerEngineSource(host).read().then(() => null, (e: unknown) => e);
  assert.ok(error instanceof DockerUnavailableError);
  assert.equal(error.dockerHost, host);
  assert.match(error.message, new RegExp(`^cannot reach Docker at ${host}: connect ENOENT`));
});

test('refused TCP connection: DockerUnavailableError', async () => {
  await assert.rejects(new DockerEngineSource('tcp://127.0.0.1:1').read(), (error: unknown) =>
    error instanceof DockerUnavailableError && /^cannot reach Docker at tcp:\/\/127\.0\.0\.1:1: connect ECONNREFUSED/.test(error.message));
});

test('an engine that never answers: DockerUnavailableError after the timeout', async (t) => {
  const host = await fakeEngine(t, () => {
    /* accepts the request, never answers */
  });
  await assert.rejects(new DockerEngineSource(host, { timeoutMs: 200 }).read(), (error: unknown) =>
    error instanceof DockerUnavailableError && error.message === `cannot reach Docker at ${host}: no answer within 0.2 s`);
});

test('an engine that answers with an error is reachable: a plain error with its message', async (t) => {
  const host = await fakeEngine(t, (_req, res) => json(res, { message: 'daemon is shutting down' }, 500));
  await assert.rejects(new DockerEngineSource(host).read(), (error: unknown) =>
    error instanceof Error && !(error instanceof DockerUnavailableError) &&
    error.message.startsWith(`Docker at ${host} refused a read: `) && error.message.includes('daemon is shutting down'));
});
