import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { createLogger } from '../../../src/ops/logger.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { DeployGate } from '../../../src/watch/deploy-gate.js';
import type { DeployJob, Deployer } from '../../../src/watch/deployer.js';
import type { DenyWindow } from '../../../src/deploy/deny-window.js';
import { FakeClock } from './fake-clock.js';

process.env.TZ = 'UTC';

function setup(options: { deny?: DenyWindow[]; schedule?: string; start?: string; fail?: boolean; head?: string | null } = {}) {
  const clock = new FakeClock(options.start ? Date.parse(`${options.start}Z`) : undefined);
  const calls: (DeployJob & { at: string })[] = [];
  const deployer: Deployer = async (request) => {
    calls.push({ ...request, at: new Date(clock.now()).toISOString() });
    if (options.fail) throw new Error('router unreachable');
    return [{ router: 'edge1', commit: request.commit, result: 'success', commands: 3 }];
  };
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({ format: 'json', destination: new Writable({ write: (chunk, _e, done) => { lines.push(JSON.parse(String(chunk))); done(); } }) });
  const metrics = createMetrics({ defaultMetrics: false });
  let lock = Promise.resolve<unknown>(undefined);
  const gate = new DeployGate({
    deployer,
    routers: ['edge1'],
    deny: options.deny ?? [],
    ...(options.schedule ? { schedule: options.schedule } : {}),
    latestCommit: async () => (options.head === undefined ? 'c'.repeat(40) : options.head),
    exclusive: (job) => {
      const result = lock.then(job);
      lock = result.catch(() => undefined);
      return result;
    },
    clock,
    log,
    metrics,
  });
  return { clock, calls, gate, lines, metrics };
}

const lunch = { cron: '0 12 * * *', minutes: 60 };

test('outside deny windows a deploy runs at once and is counted, with router and commit in the log', async () => {
  const { gate, calls, metrics, lines } = setup({ deny: [lunch], start: '2026-01-05T10:00:00' });
  const outcome = await gate.deployOrDefer({ commit: 'a'.repeat(40), routers: ['edge1'], trigger: 'auto' });
  assert.notEqual(outcome, 'deferred');
  assert.equal(calls.length, 1);
  const text = await metrics.registry.metrics();
  assert.match(text, /translator_deploys_total\{router="edge1",result="success"\} 1/);
  assert.match(text, /translator_last_successful_deploy_timestamp_seconds\{router="edge1"\} 1767607200/);
  const done = lines.find((l) => l.msg === 'deploy done');
  assert.equal(done?.router, 'edge1');
  assert.equal(done?.commit, 'a'.repeat(40));
});

test('inside a deny window a deploy waits for its end, and only the latest request is deployed', async () => {
  const { gate, calls, clock } = setup({ deny: [lunch], start: '2026-01-05T12:10:00' });
  assert.equal(await gate.deployOrDefer({ commit: 'a'.repeat(40), routers: ['edge1'], trigger: 'auto' }), 'deferred');
  assert.equal(await gate.deployOrDefer({ commit: 'b'.repeat(40), routers: ['edge1'], trigger: 'webhook' }), 'deferred');
  await clock.advanceTo(new Date('2026-01-05T12:59:59Z'));
  assert.equal(calls.length, 0);
  await clock.advanceTo(new Date('2026-01-05T13:00:00Z'));
  assert.deepEqual(calls.map((c) => [c.commit[0], c.trigger, c.at]), [['b', 'webhook', '2026-01-05T13:00:00.000Z']]);
  assert.equal(gate.waiting, null);
});

test('the schedule deploys the latest commit at each cron time and skips times inside a deny window', async () => {
  const { gate, calls, clock } = setup({ schedule: '0 * * * *', deny: [lunch], start: '2026-01-05T10:30:00' });
  gate.start();
  await clock.advanceTo(new Date('2026-01-05T14:30:00Z'));
  // 11:00, 13:00 and 14:00 (12:00 is lunch). 13:00 is the window's end: deploys may start again.
  assert.deepEqual(calls.map((c) => c.at), ['2026-01-05T11:00:00.000Z', '2026-01-05T13:00:00.000Z', '2026-01-05T14:00:00.000Z']);
  assert.ok(calls.every((c) => c.trigger === 'schedule' && c.commit === 'c'.repeat(40) && c.routers.join() === 'edge1'));
  gate.stop();
  await clock.advance(10 * 3600_000);
  assert.equal(calls.length, 3, 'stop() disarms the schedule');
});

test('a scheduled time with nothing committed deploys nothing', async () => {
  const { gate, calls, clock } = setup({ schedule: '*/5 * * * *', head: null });
  gate.start();
  await clock.advance(16 * 60_000);
  assert.equal(calls.length, 0);
  gate.stop();
});

test('a deployer that throws is a failed deploy, counted and logged, not a crash', async () => {
  const { gate, metrics, lines } = setup({ fail: true });
  const outcome = await gate.deployOrDefer({ commit: 'd'.repeat(40), routers: ['edge1'], trigger: 'auto' });
  assert.deepEqual(outcome, [{ router: 'edge1', commit: 'd'.repeat(40), result: 'failed', message: 'router unreachable' }]);
  assert.match(await metrics.registry.metrics(), /translator_deploys_total\{router="edge1",result="failed"\} 1/);
  const line = lines.find((l) => l.msg === 'deploy did not apply');
  assert.equal(line?.level, 'error');
  assert.equal(line?.router, 'edge1');
});

test('stop() lets a deploy in flight run to its end and records it (the Deployer contract)', async () => {
  const clock = new FakeClock();
  let finish: () => void = () => undefined;
  const metrics = createMetrics({ defaultMetrics: false });
  const gate = new DeployGate({
    deployer: async (job) => {
      await new Promise<void>((resolve) => (finish = resolve));
      return [{ router: 'edge1', commit: job.commit, result: 'success', commands: 2 }];
    },
    routers: ['edge1'],
    deny: [],
    latestCommit: async () => null,
    exclusive: (job) => job(),
    clock,
    log: createLogger({ format: 'json', destination: { write: () => true } }),
    metrics,
  });
  const running = gate.deployOrDefer({ commit: 'e'.repeat(40), routers: ['edge1'], trigger: 'auto' });
  await new Promise((r) => setImmediate(r));
  gate.stop();
  finish();
  const outcome = await running;
  assert.deepEqual(outcome, [{ router: 'edge1', commit: 'e'.repeat(40), result: 'success', commands: 2 }]);
  assert.match(await metrics.registry.metrics(), /translator_deploys_total\{router="edge1",result="success"\} 1/);
});

test('drift per router: 0 after a successful deploy, the commands still to send after one that did not apply', async () => {
  const metrics = createMetrics({ defaultMetrics: false });
  let result: 'success' | 'reverted' = 'reverted';
  const gate = new DeployGate({
    deployer: async (request) => [{ router: 'edge1', commit: request.commit, result, commands: 4 }],
    routers: ['edge1'],
    deny: [],
    latestCommit: async () => null,
    exclusive: (job) => job(),
    clock: new FakeClock(),
    log: createLogger({ format: 'json', destination: { write: () => true } }),
    metrics,
  });
  await gate.deployOrDefer({ commit: 'f'.repeat(40), routers: ['edge1'], trigger: 'auto' });
  assert.match(await metrics.registry.metrics(), /^translator_drift_commands\{router="edge1"\} 4$/m);
  result = 'success';
  await gate.deployOrDefer({ commit: 'f'.repeat(40), routers: ['edge1'], trigger: 'auto' });
  assert.match(await metrics.registry.metrics(), /^translator_drift_commands\{router="edge1"\} 0$/m);
});
