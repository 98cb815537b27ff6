/**
 * `translator watch`: Docker state kept rendered, committed and (per policy) deployed. The daemon
 * schedules and applies policy; the work is the pipeline's (src/pipeline.ts), Docker's events come
 * from the source (src/observe), every git operation goes through GitOpsRepo.
 *
 * - At start, and whenever one of the source's event streams (re)connects, a full re-read → render → commit.
 * - Docker events only say *when* to look; they are debounced (quiet period + ceiling).
 * - A periodic full resync is the safety net for anything an event did not say; it also fetches
 *   the routers' facts from the records branch again.
 * - One job at a time: cycles and deploys run under one lock, and cycles asked for while one runs
 *   coalesce into a single follow-up.
 * - Docker blinking never ends the daemon: reads that fail are retried with backoff, the event
 *   streams are re-opened with backoff, and both are logged every time.
 *
 * Readiness with several engines (docker.hosts, a swarm's node engines): ready once the first
 * render and commit are done, the last read succeeded and at least one event stream is open.
 * A host that does not answer keeps its last known objects by design (docs/several-hosts.md),
 * so it makes the daemon degraded, not unready: /readyz lists it under `degraded`.
 */
import type { Logger } from 'pino';
import { errorText } from '../errors.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { Rejection } from '../intent/types.js';
import type { DockerState } from '../observe/types.js';
import type { Source, SourceEvent, Subscription } from '../observe/source.js';
import { backoffDelay } from '../ops/backoff.js';
import type { Clock } from '../ops/clock.js';
import { startOpsServer, type OpsServer, type Readiness, type Route } from '../ops/http.js';
import { initialiseRouters, initialiseWebhooks, observeDockerHosts, type Metrics } from '../ops/metrics.js';
import { commitRendered, readDocker, renderState, type RouterFactsReader } from '../pipeline.js';
import { defaultDeployRef } from '../deploy/intended.js';
import { startStatusWeb, type StatusWeb, type StatusWebOptions } from '../web/index.js';
import type { Settings } from '../settings/load.js';
import { CoalescingRunner } from './coalesce.js';
import { Debouncer } from './debounce.js';
import { DeployGate } from './deploy-gate.js';
import { DeployPacer } from './deploy-pacer.js';
import type { Deployer } from './deployer.js';
import type { ReviewHost } from './review.js';
import { ReviewApiError, reviewBody } from './review.js';
import { reviewMarkdown } from './review-plan.js';
import { WEBHOOK_RESULTS, type WebhookSecrets } from './webhook.js';
import { webhookRoute } from './webhook-route.js';
import { loggedError } from '../ops/logger.js';
import type { Notifications } from '../notify/deliver.js';
import { newlyRejected } from '../notify/events.js';

export interface WatchOptions {
  repo: GitOpsRepo;
  settings: Settings;
  routers: string[];
  /** Docker's state and events (observe/factory.ts, through pipeline.openDocker). */
  source: Source;
  /** The routers' facts from the records branch; none: nothing known, nothing more rejected. */
  facts?: RouterFactsReader;
  /** Set by configureWatch whenever the policy or webhooks deploy. */
  deployer?: Deployer;
  /** Push after each commit to this remote (review mode: to the review branch). */
  push?: { remote: string; branch?: string };
  /** Review mode: commits go to `branch`; a pull/merge request into `base` is kept up to date when `host` is set. */
  review?: { branch: string; base: string; host?: ReviewHost };
  webhook?: { secrets: WebhookSecrets; branch: string; remote?: string };
  /** null = no HTTP server. */
  http: { host: string; port: number } | null;
  /** The status pages on the HTTP server (src/web); absent: none. The deploy ref defaults to the deploy branch. */
  web?: Omit<StatusWebOptions, 'repo' | 'settings' | 'routers' | 'host' | 'log' | 'deployRef' | 'exclusive'> & { deployRef?: string };
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  /** Told about newly rejected objects (deploys are told by the deployer). */
  notifications?: Notifications;
}

/** The daemon could not start (repository, review branch, HTTP server); it has stopped again. */
export class WatchStartError extends Error {
  override name = 'WatchStartError';
}

export class WatchDaemon {
  private readonly repo: GitOpsRepo;
  private events: Subscription | null = null;
  private readonly debouncer: Debouncer;
  private readonly runner: CoalescingRunner;
  private readonly gate: DeployGate | null;
  private readonly pacer: DeployPacer;
  private server: OpsServer | null = null;
  private web: StatusWeb | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private resyncTimer: unknown = null;
  private pacingTimer: unknown = null;
  private retryTimer: unknown = null;
  private readFailures = 0;
  private firstSyncDone = false;
  /** Why the last read of Docker failed (null: it succeeded). */
  private readError: string | null = 'no read has answered yet';
  /** Hosts that did not answer the last read (their objects are kept, stale). */
  private staleHosts: readonly string[] = [];
  /** Why each of them did not answer, when known. */
  private staleWhy: Readonly<Record<string, string>> = {};
  private cycles = 0;
  /** Rejections of the last render (what is new is notified); null before the first. */
  private rejected: readonly Rejection[] | null = null;
  /** Notifications under way (bounded by notify.timeoutMs); shutdown waits for them. */
  private notifying: Promise<void> = Promise.resolve();
  private stopping = false;
  private stopped: Promise<void> | null = null;

  constructor(private readonly options: WatchOptions) {
    const { settings, clock, log } = options;
    const watch = settings.watch;
    this.repo = options.repo;
    initialiseRouters(options.metrics, options.routers);
    if (options.webhook) initialiseWebhooks(options.metrics, Object.keys(options.webhook.secrets), WEBHOOK_RESULTS);
    this.runner = new CoalescingRunner(() => this.exclusive(() => this.cycle()));
    this.pacer = DeployPacer.forMaxDelay(watch.maxDelayMs, clock);
    this.debouncer = new Debouncer({
      quietMs: watch.quietMs,
      maxDelayMs: watch.maxDelayMs,
      leading: watch.leadingEdge,
      clock,
      fire: () => void this.runner.request(),
    });
    this.gate = options.deployer
      ? new DeployGate({
          deployer: options.deployer,
          routers: options.routers,
          deny: watch.deploy.deny,
          ...(watch.deploy.policy === 'schedule' && watch.deploy.schedule ? { schedule: watch.deploy.schedule } : {}),
          latestCommit: () => this.deployBranchTip(),
          exclusive: (job) => this.exclusive(job),
          clock,
          log,
          metrics: options.metrics,
        })
      : null;
  }

  /** The HTTP server's base URL, once started. */
  get url(): string | null {
    return this.server?.url ?? null;
  }

  /** See the module comment: several engines make the daemon degraded, not unready, while one answers. */
  readiness(): Readiness {
    const open = this.events?.open ?? [];
    const down = this.events?.down ?? [];
    const waiting = [
      ...(this.firstSyncDone ? [] : ['first render and commit not done yet']),
      ...(this.readError === null ? [] : [`Docker is not reachable (${this.readError})`]),
      ...(open.length > 0 || down.length === 0 ? [] : [`no Docker event stream is open (${down.join('; ')})`]),
    ];
    const why = (host: string) => (this.staleWhy[host] === undefined ? '' : ` (${this.staleWhy[host]})`);
    const degraded = [...this.staleHosts.map((host) => `${host} did not answer the last read${why(host)}: its last known objects are kept`), ...(open.length > 0 ? down : [])];
    return { ready: waiting.length === 0, waiting, degraded };
  }

  /** Opens the HTTP server, starts listening to Docker (which triggers the first cycle). A failure stops it again. */
  async start(): Promise<void> {
    try {
      await this.open();
    } catch (error) {
      await this.stop();
      throw new WatchStartError(`watch could not start: ${errorText(error)}`, { cause: error });
    }
  }

  private async open(): Promise<void> {
    const { options } = this;
    if (options.review) {
      await this.repo.switchTo(options.review.branch);
      options.log.info({ branch: options.review.branch }, 'review mode: committing to the review branch');
    }
    if (options.http) {
      if (options.web) {
        // In full: a tag of the branch's name must not stand in for it (git's lookup prefers tags).
        const deployRef = options.web.deployRef ?? (await defaultDeployRef(this.repo, options.settings).then((branch) => `refs/heads/${branch}`, () => 'HEAD'));
        const { settings, routers, log } = options;
        const exclusive = <T>(job: () => Promise<T>) => this.exclusive(job);
        this.web = await startStatusWeb({ ...options.web, repo: this.repo, settings, routers, host: options.http.host, deployRef, exclusive, log });
      }
      this.server = await startOpsServer({
        ...options.http,
        metrics: options.metrics,
        readiness: () => this.readiness(),
        routes: this.routes(),
        ...(this.web ? { fallback: this.web.handle } : {}),
        log: options.log,
      });
      options.log.info({ url: this.server.url }, 'HTTP server listening (/metrics, /healthz, /readyz' + (options.webhook ? ', /webhook)' : ')'));
    }
    const { watch } = options.settings;
    this.events = options.source.watch(
      {
        onEvent: (event) => this.onEvent(event),
        // Whatever happened while a stream was closed is only visible to a full read.
        onConnected: () => void this.runner.request(),
        onDisconnected: () => options.metrics.dockerReconnects.inc(),
      },
      { retryInitialMs: watch.retryInitialMs, retryMaxMs: watch.retryMaxMs, clock: options.clock, log: options.log },
    );
    // The first cycle does not wait for the event stream: if Docker is down, the read's own retries take over.
    void this.runner.request();
    this.gate?.start();
    this.armResync();
    options.log.info(
      { repo: this.repo.dir, routers: options.routers, docker: options.source.describe(), policy: watch.deploy.policy, review: options.review?.branch },
      'watching Docker',
    );
  }

  /**
   * Stops taking events, lets the job in flight finish and closes the server. A deploy in flight
   * runs to its end, bounded by the device timeouts (the Deployer contract). Calling it again
   * returns the same promise.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.options.log.info('shutting down');
    this.events?.stop();
    this.debouncer.cancel();
    for (const timer of [this.resyncTimer, this.retryTimer, this.pacingTimer]) if (timer !== null) this.options.clock.clearTimeout(timer);
    this.gate?.stop();
    // No more drift checks; open event streams of the pages would keep the server from closing.
    this.web?.stop();
    await this.runner.stop();
    await this.lock.catch(() => undefined);
    await this.notifying;
    await this.options.deployer?.close?.();
    await this.server?.close();
    this.options.log.info({ cycles: this.cycles }, 'stopped');
  }

  /** Asks for a full re-read now (SIGHUP, tests); resolves when a cycle started after it has finished. */
  resync(): Promise<void> {
    return this.runner.request();
  }

  private onEvent(event: SourceEvent): void {
    this.options.metrics.dockerEvents.inc({ type: event.type, action: event.action });
    this.options.log.debug({ event: `${event.type} ${event.action}`, id: event.id.slice(0, 12), host: event.host }, 'Docker event');
    this.pacer.noteEvent();
    if (!this.stopping) this.debouncer.poke({ prelude: event.prelude });
  }

  /** Runs `job` when no other cycle or deploy runs. */
  private exclusive<T>(job: () => Promise<T>): Promise<T> {
    const result = this.lock.then(job, job);
    this.lock = result.catch(() => undefined);
    return result;
  }

  private armResync(): void {
    const seconds = this.options.settings.watch.resyncSeconds;
    if (seconds === 0 || this.stopping) return;
    this.resyncTimer = this.options.clock.setTimeout(() => {
      this.resyncTimer = null;
      this.options.facts?.refresh();
      void this.runner.request().finally(() => this.armResync());
    }, seconds * 1000);
  }

  /** read → render → commit (→ push, review request, deploy). Logs its own failures; never throws. */
  private async cycle(): Promise<void> {
    if (this.stopping) return;
    const { options } = this;
    const { log, metrics } = options;
    const started = process.hrtime.bigint();
    this.cycles += 1;
    let docker;
    try {
      docker = await readDocker(options.source);
      observeDockerHosts(metrics, options.source.answered());
      this.readFailures = 0;
      this.readError = null;
      this.noteSilentHosts(docker);
    } catch (error) {
      observeDockerHosts(metrics, options.source.answered());
      metrics.renders.inc({ result: 'error' });
      this.readFailures += 1;
      const delay = backoffDelay(this.readFailures, options.settings.watch.retryInitialMs, options.settings.watch.retryMaxMs);
      this.readError = errorText(error);
      if (this.retryTimer !== null || this.stopping) {
        log.warn({ err: loggedError(error), failures: this.readFailures }, 'reading Docker failed; a retry is already scheduled');
      } else {
        log.warn({ err: loggedError(error), failures: this.readFailures, retryInMs: delay }, 'reading Docker failed; retrying');
        this.retryTimer = options.clock.setTimeout(() => {
          this.retryTimer = null;
          void this.runner.request();
        }, delay);
      }
      return;
    }
    try {
      const known = await options.facts?.read(options.routers);
      for (const warning of known?.warnings ?? []) log.warn({ router: options.routers.join(',') }, warning);
      const rendered = renderState(docker, options.settings, this.repo.dir, options.routers, known?.facts);
      metrics.renders.inc({ result: 'ok' });
      metrics.renderSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      this.recordRejections(rendered.intent.rejections);
      const { commit } = await commitRendered(this.repo, rendered, options.settings);
      if (commit) {
        metrics.commits.inc();
        log.info({ router: options.routers.join(','), commit: commit.sha, files: commit.paths }, commit.message.split('\n')[0]!);
        await this.publish(commit.sha, commit.message.split('\n')[0]!);
      } else {
        log.debug({ containers: docker.containers.length, networks: docker.networks.length }, 'nothing changed');
      }
      metrics.lastSuccessfulCycle.set(options.clock.now() / 1000);
      const first = !this.firstSyncDone;
      this.firstSyncDone = true;
      if (this.gate && options.settings.watch.deploy.policy === 'auto') {
        const decision = this.pacer.decide(Boolean(commit) || first, this.debouncer.pending);
        // The tip holds every change so far, including those of cycles whose deploy was paced.
        const sha = decision === 'deploy' ? (commit?.sha ?? (await this.repo.head())) : null;
        if (sha) await this.gate.deployOrDefer({ commit: sha, routers: options.routers, trigger: commit || !first ? 'auto' : 'start' });
        if (decision === 'paced') this.deployWhenAllowed();
      }
    } catch (error) {
      log.error({ err: loggedError(error, { stack: true }) }, 'render/commit cycle failed');
    } finally {
      metrics.cycleSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
    }
  }

  /** A paced deploy is owed: make sure a cycle comes to look at it again (pacer.recheckAt). */
  private deployWhenAllowed(): void {
    const at = this.pacer.recheckAt!;
    this.options.log.info(
      { router: this.options.routers.join(','), nextAllowedAt: new Date(this.pacer.nextAllowedAt!).toISOString() },
      'deploy paced: Docker is busy; it runs once Docker is quiet or the pacing interval has passed',
    );
    if (this.pacingTimer !== null || this.stopping) return;
    this.pacingTimer = this.options.clock.setTimeout(() => {
      this.pacingTimer = null;
      void this.runner.request();
    }, Math.max(0, at - this.options.clock.now()));
  }

  /** Keeps the hosts that did not answer (readiness lists them) and logs each one going silent or coming back. */
  private noteSilentHosts(docker: DockerState): void {
    const now = docker.unreachable ?? [];
    const { log } = this.options;
    for (const host of now.filter((h) => !this.staleHosts.includes(h))) {
      log.warn({ dockerHost: host, why: docker.whyUnreachable?.[host] }, 'Docker host did not answer: its last known objects are kept (stale)');
    }
    for (const host of this.staleHosts.filter((h) => !now.includes(h))) log.info({ dockerHost: host }, 'Docker host answers again');
    this.staleHosts = now;
    this.staleWhy = docker.whyUnreachable ?? {};
  }

  private recordRejections(rejections: readonly Rejection[]): void {
    const { metrics, log } = this.options;
    metrics.rejections.reset();
    for (const r of rejections) {
      metrics.rejections.inc({ router: r.router ?? 'none', reason: r.code });
    }
    if (rejections.length > 0) log.debug({ rejections: rejections.length }, 'objects rejected (reasons in state.json)');
    // Told without holding up the cycle; at start, every rejection is new.
    const fresh = newlyRejected(this.rejected ?? [], rejections);
    this.rejected = rejections;
    const notifications = this.options.notifications;
    if (fresh && notifications) this.notifying = this.notifying.then(() => notifications.deliver([fresh]));
  }

  /** Push (and keep the review request current). A failure is logged; the next commit pushes again. */
  private async publish(sha: string, subject: string): Promise<void> {
    const { options } = this;
    const { log, settings } = options;
    if (!options.push) return;
    try {
      const pushed = await this.repo.push({
        remote: options.push.remote,
        ...(options.push.branch ? { branch: options.push.branch } : {}),
        retries: settings.git.pushRetries,
        committer: settings.git.committer,
      });
      log.info({ commit: pushed.sha, remote: pushed.remote, branch: pushed.branch, attempts: pushed.attempts }, 'pushed');
    } catch (error) {
      options.metrics.pushFailures.inc({ target: 'commits' });
      log.error({ commit: sha, err: loggedError(error) }, 'push failed; the next commit pushes again');
      return;
    }
    const review = options.review;
    if (!review?.host) return;
    try {
      const base = await this.repo.remoteBranch(options.push.remote, review.base);
      const markdown = await reviewMarkdown(this.repo, settings, options.routers, base?.ref ?? null, { sha, subject });
      const result = await review.host.upsert({
        head: review.branch,
        base: review.base,
        title: `translator: intended config of ${options.routers.join(', ')}`,
        body: reviewBody(markdown),
      });
      log.info({ commit: sha, provider: review.host.provider, number: result.number, url: result.url }, `review request ${result.action}`);
    } catch (error) {
      if (error instanceof ReviewApiError) options.metrics.reviewFailures.inc({ provider: review.host.provider });
      log.error({ commit: sha, err: loggedError(error) }, 'could not open or update the review request');
    }
  }

  /**
   * What a scheduled deploy takes: the tip of the branch commits land on, or in review mode the
   * reviewed base branch as the remote has it (never the unreviewed review branch).
   */
  private async deployBranchTip(): Promise<string | null> {
    const { review, push } = this.options;
    if (!review || !push) return this.repo.head();
    return (await this.repo.remoteBranch(push.remote, review.base))?.commit ?? null;
  }

  private routes(): Route[] {
    const { webhook, log, metrics, routers } = this.options;
    if (!webhook) return [];
    return [
      webhookRoute({
        webhook,
        repo: this.repo,
        exclusive: (job) => this.exclusive(job),
        deploy: async (commit) => (this.stopping || !this.gate ? null : this.gate.deployOrDefer({ commit, routers, trigger: 'webhook' })),
        log,
        metrics,
      }),
    ];
  }
}
