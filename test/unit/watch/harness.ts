/**
 * An in-process `translator watch` for integration tests: real Docker engine, real repository,
 * real HTTP server on a free port; log lines captured as objects for assertions.
 */
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { loadSettings, type Settings } from '../../../src/settings/load.js';
import { createLogger } from '../../../src/ops/logger.js';
import { createMetrics, type Metrics } from '../../../src/ops/metrics.js';
import { configureWatch, type ConfigureInput } from '../../../src/watch/configure.js';
import { WatchDaemon, type WatchOptions } from '../../../src/watch/daemon.js';
import { gitopsDeployer } from '../../../src/watch/deploy-adapter.js';
import type { Deployer } from '../../../src/watch/deployer.js';
import { git } from '../../helpers/git.js';

export const SEED_ENV = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };

export interface Harness {
  daemon: WatchDaemon;
  metrics: Metrics;
  settings: Settings;
  logs: Record<string, unknown>[];
  url: string;
  commits(): number;
  stop(): Promise<void>;
}

export interface HarnessOptions extends Partial<Pick<ConfigureInput, 'review' | 'clock'>> {
  /**
   * A deployer, or 'gitops' for the real deploy step (src/deploy) with these settings and env, or
   * 'configured' for the one configureWatch makes from the settings (with their notifications).
   */
  deployer?: Deployer | 'gitops' | 'configured';
  repo: string;
  /** An explicit engine (--docker-host); none = what the repository's translator.yaml says (docker.swarm, docker.hosts). */
  dockerHost?: string;
  /** Changes to the loaded settings (translator.yaml of the repo + SEED_ENV + `env`). */
  tune?: (settings: Settings) => void;
  env?: NodeJS.ProcessEnv;
  /** The status pages on the daemon's HTTP server. */
  web?: WatchOptions['web'];
}

export async function startWatch(options: HarnessOptions): Promise<Harness> {
  const env = { ...SEED_ENV, ...options.env };
  const settings = loadSettings({ repo: options.repo, env });
  settings.watch.quietMs = 300;
  settings.watch.retryInitialMs = 100;
  settings.watch.retryMaxMs = 1000;
  options.tune?.(settings);
  const logs: Record<string, unknown>[] = [];
  const log = createLogger({
    format: 'json',
    level: 'debug',
    destination: { write: (line: string) => logs.push(JSON.parse(line) as Record<string, unknown>) },
  });
  const metrics = createMetrics();
  const daemon = new WatchDaemon({
    ...configureWatch({
      repo: await GitOpsRepo.open(options.repo),
      settings,
      routers: settings.routers.map((r) => r.name),
      ...(options.dockerHost !== undefined ? { dockerHost: options.dockerHost } : {}),
      ...(options.deployer === 'gitops'
        ? { deployer: gitopsDeployer(options.repo, settings, log, { ...process.env, ...env }) }
        : options.deployer && options.deployer !== 'configured'
          ? { deployer: options.deployer }
          : {}),
      ...(options.review ? { review: options.review } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
      http: { host: '127.0.0.1', port: 0 },
      log,
      metrics,
      env,
    }),
    ...(options.web ? { web: options.web } : {}),
  });
  await daemon.start();
  return {
    daemon,
    metrics,
    settings,
    logs,
    url: daemon.url!,
    commits: () => Number(git(options.repo, 'rev-list', '--count', '--all').trim() || 0),
    stop: () => daemon.stop(),
  };
}

/** A metric's value from /metrics (first series matching `series`, e.g. 'translator_commits_total'), or null. */
export async function metricValue(url: string, series: string): Promise<number | null> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? null : Number(line.slice(series.length + 1));
}

/** Polls until `condition` holds; fails with `what` after `ms` (a bound for a hung test, not a timing assertion). */
export async function eventually(what: string, condition: () => boolean | Promise<boolean>, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    if (await condition()) return;
    if (Date.now() > deadline) throw new Error(`gave up waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function ready(url: string): Promise<boolean> {
  return (await fetch(`${url}/readyz`).catch(() => null))?.status === 200;
}
