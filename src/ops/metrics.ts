/**
 * Prometheus metrics of translator (prom-client), in registries of their own so tests and several
 * daemons in one process never collide. Label values are short codes, never free text: unbounded
 * label values would make unbounded series.
 *
 * Two registries share one set of definitions:
 * - the daemon's (`createMetrics`), served on /metrics: everything, plus Node's default process
 *   metrics under their standard names (`process_cpu_seconds_total`, `nodejs_heap_size_used_bytes`…)
 *   so stock Node.js dashboards work;
 * - a command run's (`createRunMetrics`): what one `deploy`/`drift`/`rollback`/`decommission` did,
 *   written by `--metrics-file` for node_exporter's textfile collector (run-metrics-file.ts).
 *
 * Counters are created at zero for every label value known in advance (results, providers,
 * notifiers, routers), so `rate()` and `increase()` see the first increment.
 */
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DeployResult } from '../deploy/record.js';
import { promClient } from '../lazy.js';
import { WATCHED_EVENTS } from '../observe/docker-events.js';
import { redactUrls } from '../redact.js';
import { versionLabels } from '../build-info.js';

/** Seconds: from a fast render (ms) to a slow deploy over SSH (a minute). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

const DEPLOY_RESULTS: readonly DeployResult[] = ['success', 'unchanged', 'reverted', 'failed', 'refused', 'unknown'];
/** What git pushes: rendered commits (watch, `commit --push`) and the records branch (every deploy). */
const PUSH_TARGETS = ['commits', 'records'] as const;
const REVIEW_PROVIDERS = ['github', 'gitlab'] as const;
const NOTIFIERS = ['slack', 'teams', 'webhook', 'github', 'gitlab'] as const;
export type NotifierName = (typeof NOTIFIERS)[number];

/** What a deploy run and the daemon both export, with the same names (one dashboard, one set of alerts). */
export interface DeployMetrics {
  readonly registry: Registry;
  buildInfo: Gauge<'version' | 'node_version'>;
  lastDeployResult: Gauge<'router' | 'result'>;
  lastDeployCommands: Gauge<'router'>;
  lastDeployDuration: Gauge<'router'>;
  lastDeploy: Gauge<'router'>;
  lastSuccessfulDeploy: Gauge<'router'>;
  drift: Gauge<'router'>;
  driftObjects: Gauge<'router'>;
  pushFailures: Counter<'target'>;
  notificationFailures: Counter<'notifier'>;
}

export interface Metrics extends DeployMetrics {
  renders: Counter<'result'>;
  renderSeconds: Histogram;
  commits: Counter;
  cycleSeconds: Histogram;
  lastSuccessfulCycle: Gauge;
  deploys: Counter<'router' | 'result'>;
  deploySeconds: Histogram<'router'>;
  dockerUp: Gauge<'host'>;
  dockerEvents: Counter<'type' | 'action'>;
  dockerReconnects: Counter;
  rejections: Gauge<'router' | 'reason'>;
  webhooks: Counter<'provider' | 'result'>;
  reviewFailures: Counter<'provider'>;
}

/** A command run's metrics: the deploy metrics and whether the run as a whole failed. */
export interface RunMetrics extends DeployMetrics {
  runFailed: Gauge<'command'>;
  runEnded: Gauge<'command'>;
}

function deployMetrics(registry: Registry): DeployMetrics {
  const { Counter, Gauge } = promClient();
  const registers = [registry];
  const metrics: DeployMetrics = {
    registry,
    buildInfo: new Gauge({ name: 'translator_build_info', help: 'Always 1; the labels say which translator and Node.js run', labelNames: ['version', 'node_version'], registers }),
    lastDeployResult: new Gauge({ name: 'translator_last_deploy_result', help: 'The last deploy per router: 1 on its result, 0 on the others (success, unchanged, reverted, failed, refused, unknown)', labelNames: ['router', 'result'], registers }),
    lastDeployCommands: new Gauge({ name: 'translator_last_deploy_commands', help: 'Config lines the last deploy sent to the router', labelNames: ['router'], registers }),
    lastDeployDuration: new Gauge({ name: 'translator_last_deploy_duration_seconds', help: 'How long the last deploy to the router took', labelNames: ['router'], registers }),
    lastDeploy: new Gauge({ name: 'translator_last_deploy_timestamp_seconds', help: 'Unix time the last deploy to the router ended, whatever its result', labelNames: ['router'], registers }),
    lastSuccessfulDeploy: new Gauge({ name: 'translator_last_successful_deploy_timestamp_seconds', help: 'Unix time of the last deploy that succeeded or found nothing to do', labelNames: ['router'], registers }),
    drift: new Gauge({ name: 'translator_drift_commands', help: 'Commands the last plan found between the router and its intent (0 = converged)', labelNames: ['router'], registers }),
    driftObjects: new Gauge({ name: 'translator_drift_objects', help: 'Owned objects missing, different or extra on the router at the last drift check (0 = in sync)', labelNames: ['router'], registers }),
    pushFailures: new Counter({ name: 'translator_git_push_failures_total', help: 'Git pushes that failed after their retries, by what was pushed (commits, records)', labelNames: ['target'], registers }),
    notificationFailures: new Counter({ name: 'translator_notification_failures_total', help: 'Notifications not delivered (error, refused or timed out), by notifier', labelNames: ['notifier'], registers }),
  };
  const { version, nodeVersion } = versionLabels();
  metrics.buildInfo.set({ version, node_version: nodeVersion }, 1);
  for (const target of PUSH_TARGETS) metrics.pushFailures.inc({ target }, 0);
  for (const notifier of NOTIFIERS) metrics.notificationFailures.inc({ notifier }, 0);
  return metrics;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = promClient();
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: Metrics = {
    ...deployMetrics(registry),
    renders: new Counter({ name: 'translator_renders_total', help: 'Renders of the intended config from Docker state, by result (ok, error)', labelNames: ['result'], registers }),
    renderSeconds: new Histogram({ name: 'translator_render_duration_seconds', help: 'Docker read + render time', buckets: DURATION_BUCKETS, registers }),
    commits: new Counter({ name: 'translator_commits_total', help: 'Commits made to the GitOps repository', registers }),
    cycleSeconds: new Histogram({ name: 'translator_cycle_duration_seconds', help: 'One read → render → commit (→ deploy) cycle', buckets: DURATION_BUCKETS, registers }),
    lastSuccessfulCycle: new Gauge({ name: 'translator_last_successful_cycle_timestamp_seconds', help: 'Unix time the last read → render → commit cycle succeeded', registers }),
    deploys: new Counter({ name: 'translator_deploys_total', help: 'Deploys by router and result (the deploy record\'s result: success, unchanged, reverted, failed, refused, unknown)', labelNames: ['router', 'result'], registers }),
    deploySeconds: new Histogram({ name: 'translator_deploy_duration_seconds', help: 'Deploy time per router', labelNames: ['router'], buckets: DURATION_BUCKETS, registers }),
    dockerUp: new Gauge({ name: 'translator_docker_up', help: 'Whether the Docker engine answered the last read (1) or not (0)', labelNames: ['host'], registers }),
    dockerEvents: new Counter({ name: 'translator_docker_events_total', help: 'Docker events received, by type and action', labelNames: ['type', 'action'], registers }),
    dockerReconnects: new Counter({ name: 'translator_docker_event_stream_reconnects_total', help: 'Times the Docker event stream broke and was re-opened', registers }),
    rejections: new Gauge({ name: 'translator_rejections', help: 'Objects rejected by the last render, by router and reason code', labelNames: ['router', 'reason'], registers }),
    webhooks: new Counter({ name: 'translator_webhooks_total', help: 'Webhook requests by provider and result code', labelNames: ['provider', 'result'], registers }),
    reviewFailures: new Counter({ name: 'translator_review_api_failures_total', help: 'Calls to the GitHub/GitLab API that opens or updates the review request and failed', labelNames: ['provider'], registers }),
  };
  metrics.renders.inc({ result: 'ok' }, 0);
  metrics.renders.inc({ result: 'error' }, 0);
  for (const [type, actions] of Object.entries(WATCHED_EVENTS)) for (const action of actions) metrics.dockerEvents.inc({ type, action }, 0);
  for (const provider of REVIEW_PROVIDERS) metrics.reviewFailures.inc({ provider }, 0);
  return metrics;
}

export function createRunMetrics(): RunMetrics {
  const { Gauge, Registry } = promClient();
  const registry = new Registry();
  const registers = [registry];
  return {
    ...deployMetrics(registry),
    runFailed: new Gauge({ name: 'translator_run_failed', help: 'Whether the last run of the command failed (exit code 1 or worse) (1) or not (0)', labelNames: ['command'], registers }),
    runEnded: new Gauge({ name: 'translator_run_timestamp_seconds', help: 'Unix time the last run of the command ended', labelNames: ['command'], registers }),
  };
}

/** The routers' counters at zero for every deploy result (the daemon knows its routers at start). */
export function initialiseRouters(metrics: Metrics, routers: readonly string[]): void {
  for (const router of routers) for (const result of DEPLOY_RESULTS) metrics.deploys.inc({ router, result }, 0);
}

/** Webhook counters at zero for each provider that is configured and every result it can have. */
export function initialiseWebhooks(metrics: Metrics, providers: readonly string[], results: readonly string[]): void {
  for (const provider of providers) for (const result of results) metrics.webhooks.inc({ provider, result }, 0);
}

/** One router's deploy as both exports show it. `at`: when it ended (ms since the epoch). */
interface DeployObservation {
  router: string;
  result: DeployResult;
  commands: number;
  seconds: number;
  at: number;
}

export function observeDeploy(metrics: DeployMetrics, deploy: DeployObservation): void {
  const { router } = deploy;
  for (const result of DEPLOY_RESULTS) metrics.lastDeployResult.set({ router, result }, result === deploy.result ? 1 : 0);
  metrics.lastDeployCommands.set({ router }, deploy.commands);
  metrics.lastDeployDuration.set({ router }, deploy.seconds);
  metrics.lastDeploy.set({ router }, deploy.at / 1000);
  if (deploy.result === 'success' || deploy.result === 'unchanged') {
    metrics.lastSuccessfulDeploy.set({ router }, deploy.at / 1000);
    metrics.drift.set({ router }, 0);
  } else if (deploy.commands > 0) {
    // The router still differs from its intent by what this deploy meant to send.
    metrics.drift.set({ router }, deploy.commands);
  }
}

/** Which engines answered the last read (observe's Source.answered); engines not asked are not shown. */
export function observeDockerHosts(metrics: Metrics, answered: ReadonlyMap<string, boolean>): void {
  metrics.dockerUp.reset();
  // An engine address may carry a user (ssh://ops@host): never more than the host reaches a label.
  for (const [host, up] of answered) metrics.dockerUp.set({ host: redactUrls(host) }, up ? 1 : 0);
}
