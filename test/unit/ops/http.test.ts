import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../src/ops/logger.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { startOpsServer, type Readiness } from '../../../src/ops/http.js';

test('the operations server: /metrics, /healthz, /readyz and added routes', async (t) => {
  const metrics = createMetrics();
  let readiness: Readiness = { ready: false, waiting: ['first render and commit not done yet'] };
  const bodies: string[] = [];
  const server = await startOpsServer({
    host: '127.0.0.1',
    port: 0,
    metrics,
    readiness: () => readiness,
    log: createLogger({ format: 'json', destination: { write: () => true } }),
    maxBodyBytes: 1024,
    routes: [{ method: 'POST', path: '/webhook', handle: async ({ body }) => (bodies.push(body.toString()), { status: 202, body: { ok: true } }) }],
  });
  t.after(() => server.close());
  const get = (path: string, init?: RequestInit) => fetch(`${server.url}${path}`, init);

  await t.test('/metrics is Prometheus text with translator series and process metrics', async () => {
    metrics.commits.inc();
    metrics.deploys.inc({ router: 'edge1', result: 'success' });
    metrics.rejections.set({ router: 'edge1', reason: 'badGlobalIp' }, 2);
    metrics.dockerEvents.inc({ type: 'container', action: 'start' });
    const response = await get('/metrics');
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    assert.match(text, /^translator_commits_total 1$/m);
    assert.match(text, /^translator_deploys_total\{router="edge1",result="success"\} 1$/m);
    assert.match(text, /^translator_rejections\{router="edge1",reason="badGlobalIp"\} 2$/m);
    assert.match(text, /^translator_docker_events_total\{type="container",action="start"\} 1$/m);
    assert.match(text, /^# TYPE translator_deploy_duration_seconds histogram$/m);
    // Node's default metrics under their standard names (stock dashboards), counters at zero from the start.
    assert.match(text, /^process_resident_memory_bytes \d+/m);
    assert.match(text, /^nodejs_heap_size_used_bytes \d+/m);
    assert.doesNotMatch(text, /^translator_process_/m);
    assert.match(text, /^translator_build_info\{version="\d+\.\d+\.\d+[^"]*",node_version="\d+\.\d+\.\d+"\} 1$/m);
    assert.match(text, /^translator_renders_total\{result="error"\} 0$/m);
    assert.match(text, /^translator_notification_failures_total\{notifier="teams"\} 0$/m);
    assert.match(text, /^translator_git_push_failures_total\{target="records"\} 0$/m);
    assert.match(text, /^translator_review_api_failures_total\{provider="gitlab"\} 0$/m);
  });

  await t.test('/healthz answers while the process lives; /readyz says why it is not ready, then 200', async () => {
    assert.equal((await get('/healthz')).status, 200);
    const waiting = await get('/readyz');
    assert.equal(waiting.status, 503);
    assert.deepEqual(await waiting.json(), { status: 'not ready', waiting: ['first render and commit not done yet'] });
    readiness = { ready: true, waiting: [] };
    assert.equal((await get('/readyz')).status, 200);
  });

  await t.test('routes get the raw body; wrong method 405, unknown path 404, oversized body 413', async () => {
    const ok = await get('/webhook', { method: 'POST', body: '{"raw": true}' });
    assert.equal(ok.status, 202);
    assert.deepEqual(bodies, ['{"raw": true}']);
    assert.equal((await get('/webhook')).status, 405);
    assert.equal((await get('/nope')).status, 404);
    const big = await get('/webhook', { method: 'POST', body: 'x'.repeat(4096) }).catch(() => null);
    if (big) assert.equal(big.status, 413);
    assert.equal(bodies.length, 1, 'an oversized body never reaches the route');
  });
});
