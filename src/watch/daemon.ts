/**
 * `translator watch`: Docker state kept rendered, committed and (per policy) deployed.
 *
 * - At start, and whenever Docker's event stream (re)connects, a full re-read → render → commit.
 * - Docker events only say *when* to look; they are debounced (quiet period + ceiling).
 * - A periodic full resync is the safety net for anything an event did not say.
 * - One job at a time: cycles and deploys run under one lock, and cycles asked for while one runs
 *   coalesce into a single follow-up.
 * - Docker blinking never ends the daemon: reads that fail are retried with backoff, the event
 *   stream is re-opened with backoff, and both are logged every time.
 */
import type { Logger } from 'pino';
import { renderState } from '../cli/pipeline.js';
import { publishRenders } from '../gitops/publish.js';
import { GitOpsRepo } from '../gitops/repo.js';
import type { Rejection } from '../intent/types.js';
import type { StateSource } from '../observe/types.js';
import { startOpsServer, type OpsServer, type Readiness, type Route } from '../ops/http.js';
import type { Metrics } from '../ops/metrics.js';
import type { Settings } from '../settings/load.js';
import { backoffDelay } from './backoff.js';
import type { Clock } from './clock.js';
import { CoalescingRunner } from './coalesce.js';
import { Debouncer } from './debounce.js';
import { DeployGate } from './deploy-gate.js';
import { DeployPacer } from './deploy-pacer.js';
import type { Deployer } from './deployer.js';
import { DockerEventStream, isPrelude, type DockerEvent } from './docker-events.js';
import type { ReviewHost } from './review.js';
import { reviewBody } from './review.js';
import { reviewMarkdown } from './review-plan.js';
import { verifyWebhook, type WebhookSecrets } from './webhook.js';
import { errorText } from '../errors.js';

export interface WatchOptions {
  repoDir: string;
  settings: Settings;
  routers: string[];
  dockerHost: string;
  source: StateSource;
  /** Required when the policy deploys or webhooks are configured. */
  deployer?: Deployer;
  /** Push after each commit to this remote (review mode: to the review branch). */
  push?: { remote: string; branch?: string };
  /** Review mode: commits go to `branch`; a pull/merge request into `base` is kept up to date when `host` is set. */
  review?: { branch: string; base: string; host?: ReviewHost };
  webhook?: { secrets: WebhookSecrets; branch: string; remote?: string };
  /** null = no HTTP server. */
  http: { host: string; port: number } | null;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
}

export class WatchDaemon {
  private repo!: GitOpsRepo;
  private readonly events: DockerEventStream;
  private readonly debouncer: Debouncer;
  private readonly runner: CoalescingRunner;
  private readonly gate: DeployGate | null;
  private readonly pacer: DeployPacer;
  private server: OpsServer | null = null;
  private lock: Promise<unknown> = Promise.resolve();
  private resyncTimer: unknown = null;
  private pacingTimer: unknown = null;
  private retryTimer: unknown = null;
  private readFailures = 0;
  private firstSyncDone = false;
  private dockerReachable = false;
  private cycles = 0;
  private stopping = false;
  private stopped: Promise<void> | null = null;

  constructor(private readonly options: WatchOptions) {
    const { settings, clock, log } = options;
    const watch = settings.watch;
    this.runner = new CoalescingRunner(() => this.exclusive(() => this.cycle()));
    this.pacer = DeployPacer.forMaxDelay(watch.maxDelayMs, clock);
    this.debouncer = new Debouncer({
      quietMs: watch.quietMs,
      maxDelayMs: watch.maxDelayMs,
      leading: watch.leadingEdge,
      clock,
      fire: () => void this.runner.request(),
    });
    this.events = new DockerEventStream({
      dockerHost: options.dockerHost,
      retryInitialMs: watch.retryInitialMs,
      retryMaxMs: watch.retryMaxMs,
      clock,
      log,
      onEvent: (event) => this.onEvent(event),
      onConnected: () => {
        this.dockerReachable = true;
        // Whatever happened while the stream was closed is only visible to a full read.
        void this.runner.request();
      },
      onDisconnected: () => {
        this.dockerReachable = false;
        options.metrics.dockerReconnects.inc();
      },
    });
    const needsDeployer = watch.deploy.policy !== 'off' || options.webhook !== undefined;
    if (needsDeployer && !options.deployer) throw new Error('a deployer is required for deploy policy auto/schedule and for webhooks');
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

  readiness(): Readiness {
    const waiting = [
      ...(this.firstSyncDone ? [] : ['first render and commit not done yet']),
      ...(this.dockerReachable ? [] : ['Docker is not reachable']),
    ];
    return { ready: waiting.length === 0, waiting };
  }

  /** Opens the repository and the HTTP server, starts listening to Docker (which triggers the first cycle). */
  async start(): Promise<void> {
    const { options } = this;
    this.repo = await GitOpsRepo.open(options.repoDir);
    if (options.review) await this.checkoutReviewBranch(options.review.branch);
    if (options.http) {
      this.server = await startOpsServer({
        ...options.http,
        metrics: options.metrics,
        readiness: () => this.readiness(),
        routes: this.routes(),
        log: options.log,
      });
      options.log.info({ url: this.server.url }, 'HTTP server listening (/metrics, /healthz, /readyz' + (options.webhook ? ', /webhook)' : ')'));
    }
    this.events.start();
    // The first cycle does not wait for the event stream: if Docker is down, the read's own retries take over.
    void this.runner.request();
    this.gate?.start();
    this.armResync();
    options.log.info(
      { repo: this.repo.dir, routers: options.routers, dockerHost: options.dockerHost, policy: options.settings.watch.deploy.policy, review: options.review?.branch },
      'watching Docker',
    );
  }

  /**
   * Stops taking events, lets the job in flight finish and closes the server. A deploy in flight
   * sees its signal aborted; the real deploy step (deploy-adapter.ts) finishes its run, bounded
   * by the device timeouts. Calling it again returns the same promise.
   */
  stop(): Promise<void> {
    this.stopped ??= this.shutdown();
    return this.stopped;
  }

  private async shutdown(): Promise<void> {
    this.stopping = true;
    this.options.log.info('shutting down');
    this.events.stop();
    this.debouncer.cancel();
    for (const timer of [this.resyncTimer, this.retryTimer, this.pacingTimer]) if (timer !== null) this.options.clock.clearTimeout(timer);
    this.gate?.stop();
    await this.runner.stop();
    await this.lock.catch(() => undefined);
    await this.server?.close();
    this.options.log.info({ cycles: this.cycles }, 'stopped');
  }

  /** Asks for a full re-read now (SIGHUP, tests); resolves when a cycle started after it has finished. */
  resync(): Promise<void> {
    return this.runner.request();
  }

  private onEvent(event: DockerEvent): void {
    this.options.metrics.dockerEvents.inc({ type: event.type, action: event.action });
    this.options.log.debug({ event: `${event.type} ${event.action}`, id: event.id.slice(0, 12) }, 'Docker event');
    this.pacer.noteEvent();
    if (!this.stopping) this.debouncer.poke({ prelude: isPrelude(event) });
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
      docker = await options.source.read();
      this.readFailures = 0;
      this.dockerReachable = this.events.connected;
    } catch (error) {
      metrics.renders.inc({ result: 'error' });
      this.readFailures += 1;
      const delay = backoffDelay(this.readFailures, options.settings.watch.retryInitialMs, options.settings.watch.retryMaxMs);
      this.dockerReachable = false;
      if (this.retryTimer !== null || this.stopping) {
        log.warn({ err: errorText(error), failures: this.readFailures }, 'reading Docker failed; a retry is already scheduled');
      } else {
        log.warn({ err: errorText(error), failures: this.readFailures, retryInMs: delay }, 'reading Docker failed; retrying');
        this.retryTimer = options.clock.setTimeout(() => {
          this.retryTimer = null;
          void this.runner.request();
        }, delay);
      }
      return;
    }
    try {
      const rendered = renderState(docker, options.settings, this.repo.dir, options.routers);
      metrics.renders.inc({ result: 'ok' });
      metrics.renderSeconds.observe(Number(process.hrtime.bigint() - started) / 1e9);
      this.recordRejections(rendered.intent.rejections);
      const { commit } = await publishRenders(this.repo, rendered.routers, { author: options.settings.git.author, committer: options.settings.git.committer });
      if (commit) {
        metrics.commits.inc();
        log.info({ router: options.routers.join(','), commit: commit.sha, files: commit.paths }, commit.message.split('\n')[0]!);
        await this.publish(commit.sha, commit.message.split('\n')[0]!);
      } else {
        log.debug({ containers: docker.containers.length, networks: docker.networks.length }, 'nothing changed');
      }
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
      log.error({ err: error }, 'render/commit cycle failed');
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

  private recordRejections(rejections: readonly Rejection[]): void {
    const { metrics, log } = this.options;
    metrics.rejections.reset();
    for (const r of rejections) {
      metrics.rejections.inc({ router: r.router ?? 'none', reason: r.code });
    }
    if (rejections.length > 0) log.debug({ rejections: rejections.length }, 'objects rejected (reasons in state.json)');
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
      log.error({ commit: sha, err: errorText(error) }, 'push failed; the next commit pushes again');
      return;
    }
    const review = options.review;
    if (!review?.host) return;
    try {
      const baseRef = await this.fetchBase(options.push.remote, review.base);
      const markdown = await reviewMarkdown(this.repo, settings, options.routers, baseRef, { sha, subject });
      const result = await review.host.upsert({
        head: review.branch,
        base: review.base,
        title: `translator: intended config of ${options.routers.join(', ')}`,
        body: reviewBody(markdown),
      });
      log.info({ commit: sha, provider: review.host.provider, number: result.number, url: result.url }, `review request ${result.action}`);
    } catch (error) {
      log.error({ commit: sha, err: errorText(error) }, 'could not open or update the review request');
    }
  }

  /**
   * What a scheduled deploy takes: the tip of the branch commits land on, or in review mode the
   * reviewed base branch as the remote has it (never the unreviewed review branch).
   */
  private async deployBranchTip(): Promise<string | null> {
    const { review, push } = this.options;
    if (!review) return this.repo.head();
    const ref = await this.fetchBase(push?.remote ?? 'origin', review.base);
    if (ref === null) return null;
    return (await this.repo.git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`])).trim() || null;
  }

  /** The base branch as the remote has it (fetched), else the local one, else null. */
  private async fetchBase(remote: string, base: string): Promise<string | null> {
    const tracking = `refs/remotes/${remote}/${base}`;
    await this.repo.git.run(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${base}:${tracking}`]).catch(() => '');
    for (const ref of [tracking, `refs/heads/${base}`]) {
      const sha = (await this.repo.git.run(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]).catch(() => '')).trim();
      if (sha !== '') return ref;
    }
    return null;
  }

  private async checkoutReviewBranch(branch: string): Promise<void> {
    if ((await this.repo.currentBranch()) === branch) return;
    const exists = (await this.repo.git.run(['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`]).catch(() => '')).trim() !== '';
    await this.repo.git.run(exists ? ['switch', '--quiet', branch] : ['switch', '--quiet', '-c', branch]);
    this.options.log.info({ branch }, 'review mode: committing to the review branch');
  }

  private routes(): Route[] {
    const { webhook } = this.options;
    if (!webhook) return [];
    return [{ method: 'POST', path: '/webhook', handle: async (request) => {
      const verdict = verifyWebhook(request.headers, request.body, webhook.secrets, webhook.branch);
      const { log, metrics } = this.options;
      if (!verdict.ok) {
        metrics.webhooks.inc({ provider: verdict.provider, result: verdict.reason });
        const level = verdict.status === 401 || verdict.status === 403 ? 'warn' : 'info';
        log[level]({ provider: verdict.provider, reason: verdict.reason, status: verdict.status }, `webhook refused: ${verdict.message}`);
        return { status: verdict.status, body: { error: verdict.message } };
      }
      metrics.webhooks.inc({ provider: verdict.provider, result: 'accepted' });
      log.info({ router: this.options.routers.join(','), commit: verdict.commit, provider: verdict.provider, branch: verdict.branch, delivery: verdict.delivery }, 'webhook: push to the deploy branch');
      // Answer at once (GitHub waits 10 s at most); the deploy runs in the daemon's queue.
      void this.exclusive(async () => {
        if (this.stopping || !this.gate) return;
        if (webhook.remote) {
          await this.repo.git.run(['fetch', '--quiet', '--no-tags', webhook.remote, `refs/heads/${webhook.branch}`]).catch((error: unknown) =>
            log.warn({ commit: verdict.commit, err: errorText(error) }, 'fetch before deploy failed'),
          );
        }
        await this.gate.deployOrDefer({ commit: verdict.commit, routers: this.options.routers, trigger: 'webhook' });
      }).catch((error: unknown) => log.error({ commit: verdict.commit, err: errorText(error) }, 'webhook deploy failed'));
      return { status: 202, body: { accepted: verdict.commit } };
    } }];
  }
}
