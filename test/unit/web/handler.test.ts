// The page handler on a loopback HTTP server with a synthetic snapshot: security headers on every
// answer, bad input as a 4xx with a sentence, read-only, the token's two doors, no token echoed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { syntheticSnapshot } from '../../../bench/status-snapshot.js';
import { InvalidToken, WebHandler } from '../../../src/web/server.js';
import { schemaErrors } from '../../helpers/schemas.js';

const TOKEN = 'unit-test-token-0123456789';

async function serve(t: { after(fn: () => unknown): void }, token: string | null): Promise<string> {
  const snapshot = syntheticSnapshot(2, 300);
  const handler = new WebHandler({ snapshot: () => snapshot, token, commitUrl: 'https://example.net/c/{sha}', drift: true, log: pino({ level: 'silent' }) });
  const server = createServer(handler.handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => {
    handler.close();
    server.close();
  });
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('every answer carries the security headers; the CSP allows no inline script', async (t) => {
  const url = await serve(t, null);
  for (const path of ['/', '/routers/edge1', '/search?q=svc1', '/rejections', '/api/v1/status', '/static/app.css', '/nope', '/search?q=%3C']) {
    const response = await fetch(`${url}${path}`);
    const csp = response.headers.get('content-security-policy') ?? '';
    assert.match(csp, /default-src 'none'/, path);
    assert.match(csp, /script-src 'self'(;|$)/, path);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, path);
    assert.match(csp, /frame-ancestors 'none'/, path);
    assert.equal(response.headers.get('x-content-type-options'), 'nosniff', path);
    assert.equal(response.headers.get('x-frame-options'), 'DENY', path);
    const body = await response.text();
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
      assert.doesNotMatch(body, /<script(?![^>]*\bsrc=)/, `${path}: no inline script`);
      assert.doesNotMatch(body, / style="/, `${path}: no inline style`);
    }
  }
});

test('bad input: a 4xx with a sentence, never a stack trace; read-only', async (t) => {
  const url = await serve(t, null);
  const cases: [string, number, RequestInit?][] = [
    ['/search?q=%3Cscript%3Ealert(1)%3C/script%3E', 400],
    [`/search?q=${'a'.repeat(5000)}`, 414],
    ['/search?q=x&q=y', 400],
    ['/?debug=1', 400],
    ['/routers/edge9', 404],
    ['/routers/..%2F..%2Fetc%2Fpasswd', 400],
    ['/api/v1/routers/%00', 400],
    ['/static/app.css%2F..%2F..%2Fpackage.json', 400],
    ['/static/secret.txt', 404],
    ['/api/v1/nothing', 404],
    ['/', 405, { method: 'POST', body: 'x' }],
    ['/api/v1/status', 405, { method: 'DELETE' }],
  ];
  for (const [path, status, init] of cases) {
    const response = await fetch(`${url}${path}`, init);
    const body = await response.text();
    assert.equal(response.status, status, path);
    assert.doesNotMatch(body, /\n\s+at \S+ \(|node_modules|\.[jt]s:\d+/, `${path}: no stack trace`);
    assert.ok(body.length < 5000, path);
  }
  const api = await fetch(`${url}/api/v1/floating-ips?q=%27`);
  assert.equal(api.status, 400);
  assert.match(((await api.json()) as { error: string }).error, /letters, digits/);
  const html = await (await fetch(`${url}/search?q=%3Cb%3E`)).text();
  assert.ok(!html.includes('<b>'), 'the refused text is not echoed as markup');
});

test('search and documents', async (t) => {
  const url = await serve(t, null);
  const found = (await (await fetch(`${url}/api/v1/floating-ips?q=10.1.0.7`)).json()) as { schemaVersion: number; kind: string; floatingIps: { router: string; container: string }[] };
  assert.equal(found.schemaVersion, 1);
  assert.equal(found.kind, 'floating-ips');
  assert.deepEqual(found.floatingIps.map((f) => [f.router, f.container]), [['edge2', 'svc7-1']]);
  const page = await (await fetch(`${url}/search?q=10.1.0.7`)).text();
  assert.match(page, /<th scope="row">10\.1\.0\.7<\/th>/);
  const router = (await (await fetch(`${url}/api/v1/routers/edge1`)).json()) as { kind: string; floatingIps: unknown[]; deploys: unknown[] };
  assert.equal(router.kind, 'router');
  assert.equal(router.floatingIps.length, 300);
  assert.equal(router.deploys.length, 30);
});

test('every API document is valid against the schema of its kind', async (t) => {
  const url = await serve(t, null);
  for (const path of ['/api/v1/status', '/api/v1/routers/edge2', '/api/v1/floating-ips', '/api/v1/floating-ips?q=svc1', '/api/v1/rejections', '/api/v1/pools']) {
    assert.equal(schemaErrors(await (await fetch(`${url}${path}`)).json()), null, path);
  }
  assert.notEqual(schemaErrors({ schemaVersion: 1, kind: 'pools', generatedAt: 'x', pools: [{ pool: 'p', size: 0 }] }), null, 'the schemas do reject');
});

test('with a token: bearer or the login form, compared exactly; a bad next is ignored', async (t) => {
  assert.throws(() => new WebHandler({ snapshot: () => null, token: 'short', drift: false, log: pino({ level: 'silent' }) }), InvalidToken);
  const url = await serve(t, TOKEN);
  const page = await fetch(`${url}/routers/edge1`, { redirect: 'manual' });
  assert.equal(page.status, 303);
  assert.equal(page.headers.get('location'), '/login?next=%2Frouters%2Fedge1');
  assert.equal((await fetch(`${url}/api/v1/status`)).status, 401);
  assert.equal((await fetch(`${url}/api/v1/status`, { headers: { authorization: `Bearer ${TOKEN}x` } })).status, 401);
  assert.equal((await fetch(`${url}/api/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` } })).status, 200);
  assert.equal((await fetch(`${url}/static/app.css`)).status, 200, 'the login page needs its style');

  const post = (form: Record<string, string>) => fetch(`${url}/login`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(form).toString() });
  const wrong = await post({ token: 'nope', next: '/routers/edge1' });
  assert.equal(wrong.status, 401);
  assert.ok(!(await wrong.text()).includes('nope'), 'the guess is not echoed');
  const right = await post({ token: TOKEN, next: '/routers/edge1' });
  assert.equal(right.status, 303);
  assert.equal(right.headers.get('location'), '/routers/edge1');
  const cookie = right.headers.get('set-cookie') ?? '';
  assert.match(cookie, /HttpOnly; SameSite=Strict/);
  assert.ok(!cookie.includes(TOKEN));
  const session = cookie.split(';')[0]!;
  assert.equal((await fetch(`${url}/routers/edge1`, { headers: { cookie: session } })).status, 200);
  for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil', 'javascript:alert(1)']) {
    assert.equal((await post({ token: TOKEN, next })).headers.get('location'), '/', next);
  }
  assert.equal((await fetch(`${url}/login`, { method: 'POST', body: 'token='.padEnd(10_000, 'x') })).status, 413);
});
