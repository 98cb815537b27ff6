import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLogger } from '../../../src/ops/logger.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import type { GitOpsRepo } from '../../../src/gitops/repo.js';
import { configureWatch, WatchConfigError } from '../../../src/watch/configure.js';

const base = { inside: 'GigabitEthernet2', outside: 'GigabitEthernet1', name: 'edge1' };

/** configureWatch only keeps the repository for the source, the facts and the deployer: no git runs here. */
const repo = { dir: '/tmp/repo' } as GitOpsRepo;

function configure(raw: Record<string, unknown>, extra: { review?: boolean; env?: NodeJS.ProcessEnv } = {}) {
  return configureWatch({
    repo,
    settings: settingsSchemas().settingsSchema.parse({ routers: [base], ...raw }),
    routers: ['edge1'],
    dockerHost: 'unix:///nonexistent.sock',
    log: createLogger({ format: 'json', destination: { write: () => true } }),
    metrics: createMetrics({ defaultMetrics: false }),
    ...(extra.review ? { review: true } : {}),
    env: extra.env ?? {},
  });
}

test('commit only by default: no push, no review, no webhook, HTTP on loopback', () => {
  const options = configure({});
  assert.equal(options.push, undefined);
  assert.equal(options.review, undefined);
  assert.equal(options.webhook, undefined);
  assert.deepEqual(options.http, { host: '127.0.0.1', port: 9180 });
  assert.equal(configure({ http: { port: 0 } }).http, null);
});

test('a configured remote is pushed to; review mode pushes its branch and targets git.branch', () => {
  assert.deepEqual(configure({ git: { remote: 'upstream', branch: 'prod' } }).push, { remote: 'upstream', branch: 'prod' });
  const review = configure({ git: { branch: 'prod' } }, { review: true });
  assert.deepEqual(review.push, { remote: 'origin', branch: 'translator/review' });
  assert.deepEqual(review.review, { branch: 'translator/review', base: 'prod' });
});

test('webhooks: secrets resolved from their references, deploy branch defaulting to git.branch', () => {
  const options = configure({ git: { branch: 'prod' }, webhook: { githubSecret: { env: 'GH_HOOK' }, gitlabToken: { env: 'GL_HOOK' } } }, { env: { GH_HOOK: 'a', GL_HOOK: 'b' } });
  assert.deepEqual(options.webhook, { secrets: { github: 'a', gitlab: 'b' }, branch: 'prod', remote: 'origin' });
  assert.throws(() => configure({ webhook: { githubSecret: { env: 'MISSING' } } }), /secret missing: environment variable MISSING/);
});

test('the deploy step is made exactly when something deploys: policy auto or schedule, or webhooks', () => {
  assert.equal(configure({}).deployer, undefined);
  assert.equal(typeof configure({ watch: { deploy: { policy: 'auto' } } }).deployer, 'function');
  assert.equal(typeof configure({ watch: { deploy: { policy: 'schedule', schedule: '0 * * * *' } } }).deployer, 'function');
  assert.equal(typeof configure({ webhook: { githubSecret: { env: 'GH_HOOK' } } }, { env: { GH_HOOK: 'a' } }).deployer, 'function');
});

test('review mode with policy auto is refused: unreviewed commits would deploy', () => {
  assert.throws(() => configure({ watch: { deploy: { policy: 'auto' } } }, { review: true }), WatchConfigError);
  assert.doesNotThrow(() => configure({ watch: { deploy: { policy: 'schedule', schedule: '0 * * * *' } } }, { review: true }));
});
