// The daemon's timing rules without Docker: an in-memory state source, a real repository, a fake
// clock. The source's event stream is a real one pointing at a socket that does not exist, as when
// dockerd is down (or, for readiness, a subscription the test sets).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { createLogger } from '../../../src/ops/logger.js';
import { createMetrics } from '../../../src/ops/metrics.js';
import { Git } from '../../../src/gitops/git.js';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { WATCHED_EVENTS } from '../../../src/observe/docker-events.js';
import { watchEngine, type Subscription } from '../../../src/observe/source.js';
import type { DockerState } from '../../../src/observe/types.js';
import { loadSettings } from '../../../src/settings/load.js';
import { recordsStoreFor } from '../../../src/deploy/records.js';
import { RouterFactsReader } from '../../../src/pipeline.js';
import { WatchDaemon } from '../../../src/watch/daemon.js';
import { Notifications } from '../../../src/notify/deliver.js';
import type { NotifyEvent } from '../../../src/notify/events.js';
import type { DeployJob } from '../../../src/watch/deployer.js';
import { git, initRepo, tempDir } from '../../helpers/git.js';
import { FakeClock, settle } from './fake-clock.js';
import { eventually, SEED_ENV } from './harness.js';

const network = { id: 'n1', name: 'mytenant', driver: 'macvlan', subnet: '192.168.1.0/24', gateway: '192.168.1.254', parent: 'eth1.10', labels: {}, created: '2026-01-05T08:00:00.000000000Z' };
const container = (n: number) => ({ id: `c${n}`, name: `web${n}`, created: `2026-01-05T08:00:0${n}.000000000Z`, running: true, labels: { global_ip: `10.0.1.${n}` }, addresses: { mytenant: `192.168.1.${n}` } });

/** Instead of a real event stream: what a source of several engines reports, as the test sets it. */
type StreamsAs = Pick<Subscription, 'open' | 'down'>;

async function setup(t: { after(fn: () => unknown): void }, tune: (s: ReturnType<typeof loadSettings>) => void = () => {}, streams?: StreamsAs, notifications?: Notifications) {
  const tmp = tempDir('daemon');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const settings = loadSettings({ repo, env: SEED_ENV });
  settings.watch.resyncSeconds = 60;
  settings.watch.retryInitialMs = 1000;
  settings.watch.retryMaxMs = 8000;
  tune(settings);
  const state: DockerState & { failing: boolean; reads: number } = { networks: [network], containers: [container(1)], failing: false, reads: 0 };
  const clock = new FakeClock();
  const logs: Record<string, unknown>[] = [];
  const deploys: DeployJob[] = [];
  const absent = `unix://${join(tmp.dir, 'absent.sock')}`;
  const gitops = await GitOpsRepo.open(repo);
  const metrics = createMetrics({ defaultMetrics: false });
  const daemon = new WatchDaemon({
    repo: gitops,
    settings,
    facts: new RouterFactsReader(gitops, settings),
    routers: ['edge1'],
    source: {
      describe: () => 'the test state',
      answered: () => new Map([['unix:///test.sock', !state.failing]]),
      read: async () => {
        state.reads += 1;
        if (state.failing) throw new Error('connect ENOENT');
        const { unreachable, whyUnreachable } = state;
        return { networks: [...state.networks], containers: [...state.containers], ...(unreachable ? { unreachable } : {}), ...(whyUnreachable ? { whyUnreachable } : {}) };
      },
      watch: (handlers, context) =>
        streams
          ? { get connected() { return streams.down.length === 0; }, get open() { return streams.open; }, get down() { return streams.down; }, stop: () => undefined }
          : watchEngine(absent, WATCHED_EVENTS, handlers, context),
    },
    deployer: async (request) => {
      deploys.push(request);
      return request.routers.map((router) => ({ router, commit: request.commit, result: 'success' as const, commands: 1 }));
    },
    http: null,
    clock,
    log: createLogger({ format: 'json', level: 'debug', destination: { write: (l: string) => logs.push(JSON.parse(l)) } }),
    metrics,
    ...(notifications ? { notifications } : {}),
  });
  t.after(() => daemon.stop());
  const commits = () => Number(git(repo, 'rev-list', '--count', '--all').trim() || 0);
  return { repo, settings, state, clock, logs, deploys, daemon, commits, metrics };
}

test('with Docker events unavailable, the periodic resync still finds every change', async (t) => {
  const { state, clock, daemon, commits, repo, logs } = await setup(t);
  await daemon.start();
  await eventually('the start commit, without any event', () => commits() === 1);
  state.containers.push(container(2));
  await clock.advance(59_000);
  assert.equal(commits(), 1, 'nothing before the resync period');
  await clock.advance(1000);
  await eventually('the resync commit', () => commits() === 2);
  assert.match(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), /static 192\.168\.1\.2 10\.0\.1\.2/);
  assert.ok(logs.some((l) => l.msg === 'Docker event stream down; retrying'), 'the unreachable event stream is logged');
  assert.equal(daemon.readiness().ready, false);
  const [waiting, ...more] = daemon.readiness().waiting;
  assert.deepEqual(more, []);
  assert.ok(waiting!.startsWith(`no Docker event stream is open (unix://${join(dirname(repo), 'absent.sock')}: cannot open the event stream: connect ENOENT`), waiting);
});

test('readiness with several engines: ready while one stream is open and the read succeeds, the silent hosts listed as degraded', async (t) => {
  const streams = { open: ['unix:///a.sock'], down: ['ssh://b: event stream ended'] };
  const { state, daemon, commits } = await setup(t, () => undefined, streams);
  state.unreachable = ['ssh://b'];
  await daemon.start();
  await daemon.resync();
  assert.equal(commits(), 1);
  assert.deepEqual(daemon.readiness(), {
    ready: true,
    waiting: [],
    degraded: ['ssh://b did not answer the last read: its last known objects are kept', 'ssh://b: event stream ended'],
  });
  streams.open = [];
  streams.down = ['unix:///a.sock: event stream ended', 'ssh://b: event stream ended'];
  assert.deepEqual(daemon.readiness().waiting, ['no Docker event stream is open (unix:///a.sock: event stream ended; ssh://b: event stream ended)']);
  state.failing = true;
  await daemon.resync();
  assert.equal(daemon.readiness().ready, false);
  assert.ok(daemon.readiness().waiting.includes('Docker is not reachable (connect ENOENT)'));
});

test('a host that stops answering is logged once with why, readiness says why, and its return is logged', async (t) => {
  const streams = { open: ['unix:///a.sock', 'ssh://b'], down: [] };
  const { state, daemon, logs } = await setup(t, () => undefined, streams);
  await daemon.start();
  await daemon.resync();
  state.unreachable = ['ssh://b'];
  state.whyUnreachable = { 'ssh://b': 'connect ECONNREFUSED 192.0.2.2:22' };
  await daemon.resync();
  await daemon.resync();
  const silent = logs.filter((l) => l.msg === 'Docker host did not answer: its last known objects are kept (stale)');
  assert.deepEqual(silent.map((l) => [l.level, l.dockerHost, l.why]), [['warn', 'ssh://b', 'connect ECONNREFUSED 192.0.2.2:22']], 'once, not at every read');
  assert.deepEqual(daemon.readiness().degraded, ['ssh://b did not answer the last read (connect ECONNREFUSED 192.0.2.2:22): its last known objects are kept']);
  delete state.unreachable;
  delete state.whyUnreachable;
  await daemon.resync();
  assert.deepEqual(logs.filter((l) => l.msg === 'Docker host answers again').map((l) => l.dockerHost), ['ssh://b']);
  assert.deepEqual(daemon.readiness().degraded, []);
});

test('router facts on the records branch reject what collides with them; a periodic resync reads them again', async (t) => {
  const { state, clock, daemon, repo, settings } = await setup(t);
  state.containers.push({ ...container(2), labels: { global_ip: '203.0.113.2' } });
  await daemon.start();
  await daemon.resync();
  assert.match(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), /static 192\.168\.1\.2 203\.0\.113\.2/, 'no facts yet: nothing more rejected');
  const facts = { interfaceAddresses: [{ address: '203.0.113.2', interface: 'GigabitEthernet1' }], unownedNatGlobals: [], legacyVrfs: [] };
  await recordsStoreFor(new Git(repo), settings).saveBackup('edge1', 'backup\n', '20260105T080000Z-edge1-aaaaaa', facts);
  await clock.advance(60_000);
  await eventually('the resync commit', () => /globalRouterAddress/.test(git(repo, 'show', 'HEAD:routers/edge1/state.json')));
  assert.doesNotMatch(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), /203\.0\.113\.2/);
  assert.match(git(repo, 'log', '-1', '--format=%B'), /reject container web2: global IP 203\.0\.113\.2 is the address of GigabitEthernet1 on edge1/);
});

test('failed reads are retried with growing delays, and the next good read commits', async (t) => {
  const { state, clock, daemon, commits, logs, metrics } = await setup(t, (s) => (s.watch.resyncSeconds = 0));
  state.failing = true;
  await daemon.start();
  const delays = () => logs.filter((l) => l.msg === 'reading Docker failed; retrying').map((l) => l.retryInMs);
  const dockerUp = async () => (await metrics.registry.getSingleMetricAsString('translator_docker_up')).split('\n').at(-1);
  await eventually('the first failure', () => delays().length === 1);
  assert.equal(await dockerUp(), 'translator_docker_up{host="unix:///test.sock"} 0');
  assert.deepEqual(logs.find((l) => l.msg === 'reading Docker failed; retrying')?.err, { type: 'DockerReadError', message: 'connect ENOENT' });
  for (let i = 0; i < 4; i++) {
    await clock.advance(Number(delays().at(-1)));
    await eventually('the next retry', () => delays().length === i + 2);
  }
  assert.deepEqual(delays(), [1000, 2000, 4000, 8000, 8000]);
  assert.equal(commits(), 0);
  state.failing = false;
  await clock.advance(8000);
  await eventually('a commit once Docker answers', () => commits() === 1);
  assert.equal(await dockerUp(), 'translator_docker_up{host="unix:///test.sock"} 1');
});

test('policy auto deploys the first sync and every commit, never a cycle that changed nothing', async (t) => {
  const { state, daemon, deploys, commits, repo } = await setup(t, (s) => (s.watch.deploy.policy = 'auto'));
  await daemon.start();
  await daemon.resync();
  await daemon.resync(); // nothing changed: no commit, no deploy
  state.containers.push(container(3));
  await daemon.resync();
  await settle();
  assert.equal(commits(), 2);
  const log = git(repo, 'log', '--format=%H').trim().split('\n').reverse();
  assert.deepEqual(deploys.map((d) => [d.commit, d.trigger, d.routers]), [[log[0], 'auto', ['edge1']], [log[1], 'auto', ['edge1']]]);
});

test('stop ends timers and cycles: later changes are not committed', async (t) => {
  const { state, clock, daemon, commits } = await setup(t);
  await daemon.start();
  await daemon.resync();
  await daemon.stop();
  state.containers.push(container(4));
  await clock.advance(3600_000);
  await daemon.resync();
  assert.equal(commits(), 1);
  assert.equal(clock.pendingTimers, 0, 'no timer left behind');
});

test('policy schedule: no deploy on commits, the tip deployed at each cron time; auto inside a deny window waits for its end', async (t) => {
  process.env.TZ = 'UTC';
  const scheduled = await setup(t, (s) => {
    s.watch.deploy.policy = 'schedule';
    s.watch.deploy.schedule = '*/10 * * * *';
  });
  await scheduled.daemon.start();
  await eventually('the start commit', () => scheduled.commits() === 1);
  assert.equal(scheduled.deploys.length, 0, 'schedule: commits alone deploy nothing');
  await scheduled.clock.advance(10 * 60_000); // the fake clock starts at 08:00:00 UTC: next match 08:10
  await eventually('the scheduled deploy', () => scheduled.deploys.length === 1);
  assert.deepEqual(scheduled.deploys.map((d) => [d.trigger, d.commit]), [['schedule', git(scheduled.repo, 'rev-parse', 'HEAD').trim()]]);

  const denied = await setup(t, (s) => {
    s.watch.deploy.policy = 'auto';
    s.watch.deploy.deny = [{ cron: '0 8 * * *', minutes: 30 }]; // 08:00-08:30, and the clock starts at 08:00
  });
  await denied.daemon.start();
  await eventually('the start commit', () => denied.commits() === 1);
  // The cycle goes on after the commit is visible in Git (its last git calls, then the gate).
  await eventually('the deferral', () => denied.logs.some((l) => l.msg === 'deploy deferred: a deny window is open'));
  assert.equal(denied.deploys.length, 0, 'inside the window: deferred');
  assert.ok(denied.logs.some((l) => l.msg === 'deploy deferred: a deny window is open' && l.until === '2026-01-05T08:30:00.000Z'));
  await denied.clock.advance(30 * 60_000);
  await eventually('deployed at the window end', () => denied.deploys.length === 1);
  assert.equal(denied.deploys[0]!.commit, git(denied.repo, 'rev-parse', 'HEAD').trim());
});

test('newly rejected objects are notified once: at the first render, then only what is new', async (t) => {
  const told: NotifyEvent[] = [];
  const notifications = new Notifications({
    notifiers: [{ name: 'webhook', wants: () => true, send: async (event) => void told.push(event) }],
    timeoutMs: 1000,
    metrics: createMetrics({ defaultMetrics: false }),
    warn: () => undefined,
  });
  const { state, daemon } = await setup(t, () => {}, undefined, notifications);
  state.containers.push({ ...container(2), labels: { global_ip: 'not-an-ip' } });
  await daemon.start();
  await daemon.resync();
  await daemon.resync();
  state.containers.push({ ...container(3), labels: { global_ip: '10.0.1.300' } });
  await daemon.resync();
  await daemon.stop();
  const rejected = told.map((event) => (event.type === 'rejected' ? event.rejections.map((r) => `${r.kind} ${r.object}`) : event.type));
  assert.deepEqual(rejected, [['container web2'], ['container web3']]);
});
