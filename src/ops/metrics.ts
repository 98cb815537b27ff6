/**
 * Prometheus metrics of translator (prom-client), in a registry of their own so tests and several
 * daemons in one process never collide. Label values are short codes, never free text: unbounded
 * label values would make unbounded series.
 */
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { promClient } from '../lazy.js';


/** Seconds: from a fast render (ms) to a slow deploy over SSH (a minute). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export interface Metrics {
  readonly registry: Registry;
  renders: Counter<'result'>;
  renderSeconds: Histogram;
  commits: Counter;
  cycleSeconds: Histogram;
  deploys: Counter<'router' | 'result'>;
  deploySeconds: Histogram<'router'>;
  lastSuccessfulDeploy: Gauge<'router'>;
  drift: Gauge<'router'>;
  dockerEvents: Counter<'type' | 'action'>;
  dockerReconnects: Counter;
  rejections: Gauge<'router' | 'reason'>;
  webhooks: Counter<'provider' | 'result'>;
}

export function createMetrics(options: { defaultMetrics?: boolean } = {}): Metrics {
  const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = promClient();
  const registry = new Registry();
  if (options.defaultMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'translator_' });
  const registers = [registry];
  return {
    registry,
    renders: new Counter({ name: 'translator_renders_total', help: 'Renders of the intended config from Docker state, by result (ok, error)', labelNames: ['result'], registers }),
    renderSeconds: new Histogram({ name: 'translator_render_duration_seconds', help: 'Docker read + render time', buckets: DURATION_BUCKETS, registers }),
    commits: new Counter({ name: 'translator_commits_total', help: 'Commits made to the GitOps repository', registers }),
    cycleSeconds: new Histogram({ name: 'translator_cycle_duration_seconds', help: 'One read → render → commit (→ deploy) cycle', buckets: DURATION_BUCKETS, registers }),
    deploys: new Counter({ name: 'translator_deploys_total', help: 'Deploys by router and result (the deploy record\'s result: success, unchanged, reverted, failed, refused, unknown)', labelNames: ['router', 'result'], registers }),
    deploySeconds: new Histogram({ name: 'translator_deploy_duration_seconds', help: 'Deploy time per router', labelNames: ['router'], buckets: DURATION_BUCKETS, registers }),
    lastSuccessfulDeploy: new Gauge({ name: 'translator_last_successful_deploy_timestamp_seconds', help: 'Unix time of the last deploy that succeeded or found nothing to do', labelNames: ['router'], registers }),
    drift: new Gauge({ name: 'translator_drift_commands', help: 'Commands the last plan found between the router and its intent (0 = converged)', labelNames: ['router'], registers }),
    dockerEvents: new Counter({ name: 'translator_docker_events_total', help: 'Docker events received, by type and action', labelNames: ['type', 'action'], registers }),
    dockerReconnects: new Counter({ name: 'translator_docker_event_stream_reconnects_total', help: 'Times the Docker event stream broke and was re-opened', registers }),
    rejections: new Gauge({ name: 'translator_rejections', help: 'Objects rejected by the last render, by router and reason code', labelNames: ['router', 'reason'], registers }),
    webhooks: new Counter({ name: 'translator_webhooks_total', help: 'Webhook requests by provider and result code', labelNames: ['provider', 'result'], registers }),
  };
}

