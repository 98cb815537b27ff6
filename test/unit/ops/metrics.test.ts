import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeMetricsFile } from '../../../src/ops/metrics-file.js';
import { createMetrics, createRunMetrics, observeDeploy, observeDockerHosts } from '../../../src/ops/metrics.js';

test('a deploy is one-hot over the results; a failure keeps the last success and owes its lines', async () => {
  const metrics = createRunMetrics();
  observeDeploy(metrics, { router: 'edge1', result: 'success', commands: 4, seconds: 2.5, at: 1_000_000 });
  observeDeploy(metrics, { router: 'edge1', result: 'reverted', commands: 3, seconds: 9, at: 2_000_000 });
  const text = await metrics.registry.metrics();
  assert.match(text, /^translator_last_deploy_result\{router="edge1",result="reverted"\} 1$/m);
  assert.match(text, /^translator_last_deploy_result\{router="edge1",result="success"\} 0$/m);
  assert.equal(text.match(/^translator_last_deploy_result\{.*\} 1$/gm)?.length, 1);
  assert.match(text, /^translator_last_successful_deploy_timestamp_seconds\{router="edge1"\} 1000$/m);
  assert.match(text, /^translator_last_deploy_timestamp_seconds\{router="edge1"\} 2000$/m);
  assert.match(text, /^translator_drift_commands\{router="edge1"\} 3$/m);
  // A command run's registry holds no daemon metrics and no process metrics.
  assert.doesNotMatch(text, /^(translator_renders_total|process_|nodejs_)/m);
});

test('Docker reachability: one series per engine asked, a user in an address never shown', async () => {
  const metrics = createMetrics({ defaultMetrics: false });
  observeDockerHosts(metrics, new Map([['ssh://ops@docker1', true], ['tcp://docker2:2376', false]]));
  let text = await metrics.registry.getSingleMetricAsString('translator_docker_up');
  assert.match(text, /^translator_docker_up\{host="ssh:\/\/\*\*\*@docker1"\} 1$/m);
  assert.match(text, /^translator_docker_up\{host="tcp:\/\/docker2:2376"\} 0$/m);
  observeDockerHosts(metrics, new Map([['tcp://docker2:2376', true]]));
  text = await metrics.registry.getSingleMetricAsString('translator_docker_up');
  assert.doesNotMatch(text, /docker1/);
});

test('the metrics file is replaced whole; a write that fails leaves nothing behind', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'metrics-file-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const metrics = createRunMetrics();
  await writeMetricsFile(join(dir, 'translator.prom'), metrics.registry);
  await writeMetricsFile(join(dir, 'translator.prom'), metrics.registry);
  assert.deepEqual(readdirSync(dir), ['translator.prom']);
  assert.match(readFileSync(join(dir, 'translator.prom'), 'utf8'), /^# TYPE translator_build_info gauge$/m);
  await assert.rejects(writeMetricsFile(join(dir, 'missing', 'translator.prom'), metrics.registry), /ENOENT/);
  assert.deepEqual(readdirSync(dir), ['translator.prom']);
});
