/**
 * Starts deploys when the policy allows: `auto` after each commit, `schedule` at the cron times,
 * webhooks when a push arrives; never inside a deny window. A deploy asked for (auto, webhook)
 * during a deny window waits for the window's end, and only the latest such job is kept,
 * since it holds every earlier change; a scheduled time inside a window is skipped, since the
 * schedule itself says when deploys happen.
 */
import type { Logger } from 'pino';
import { observeDeploy, type Metrics } from '../ops/metrics.js';
import type { Clock } from '../ops/clock.js';
import { denyWindowAt, type DenyWindow } from '../deploy/deny-window.js';
import { nextScheduled } from './deploy-policy.js';
import type { DeployJob, Deployer, RouterResult } from './deployer.js';
import { errorText } from '../errors.js';

export interface DeployGateOptions {
  deployer: Deployer;
  /** The routers a scheduled deploy covers. */
  routers: string[];
  deny: readonly DenyWindow[];
  /** Cron of policy `schedule`. */
  schedule?: string;
  /** The commit a scheduled deploy takes (the tip of the repository). */
  latestCommit: () => Promise<string | null>;
  /** Runs a job exclusively of every other cycle and deploy. */
  exclusive: <T>(job: () => Promise<T>) => Promise<T>;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
}

export class DeployGate {
  private deferred: DeployJob | null = null;
  private deferTimer: unknown = null;
  private scheduleTimer: unknown = null;
  private stopped = false;

  constructor(private readonly options: DeployGateOptions) {}

  /** Arms the schedule (policy `schedule`). */
  start(): void {
    if (this.options.schedule) this.armSchedule();
  }

  /** Cancels timers: no deploy starts any more (one in flight runs to its end). */
  stop(): void {
    this.stopped = true;
    for (const timer of [this.deferTimer, this.scheduleTimer]) if (timer !== null) this.options.clock.clearTimeout(timer);
    this.deferTimer = this.scheduleTimer = null;
  }

  /** Deploys now unless a deny window is open, else when it closes. Call it inside `exclusive`. */
  async deployOrDefer(job: DeployJob): Promise<RouterResult[] | 'deferred'> {
    const denied = denyWindowAt(new Date(this.options.clock.now()), this.options.deny);
    if (denied) {
      this.defer(job, denied.until, denied.window);
      return 'deferred';
    }
    return this.run(job);
  }

  /** The deferred job, if one waits for a deny window to end. */
  get waiting(): DeployJob | null {
    return this.deferred;
  }

  private defer(job: DeployJob, until: Date, window: DenyWindow): void {
    this.deferred = job;
    this.options.log.info(
      { router: job.routers.join(','), commit: job.commit, trigger: job.trigger, denyWindow: window.cron, until: until.toISOString() },
      'deploy deferred: a deny window is open',
    );
    if (this.deferTimer !== null) this.options.clock.clearTimeout(this.deferTimer);
    this.deferTimer = this.options.clock.setTimeout(() => {
      this.deferTimer = null;
      const waiting = this.deferred;
      this.deferred = null;
      if (waiting && !this.stopped) void this.options.exclusive(() => this.deployOrDefer(waiting)).catch(() => undefined);
    }, Math.max(0, until.getTime() - this.options.clock.now()));
  }

  private armSchedule(): void {
    if (this.stopped) return;
    const next = nextScheduled(this.options.schedule!, new Date(this.options.clock.now()));
    if (next === null) {
      this.options.log.warn({ schedule: this.options.schedule }, 'the deploy schedule never runs again');
      return;
    }
    this.scheduleTimer = this.options.clock.setTimeout(() => {
      this.scheduleTimer = null;
      void this.options.exclusive(() => this.scheduled()).catch(() => undefined).finally(() => this.armSchedule());
    }, Math.max(0, next.getTime() - this.options.clock.now()));
  }

  private async scheduled(): Promise<void> {
    if (this.stopped) return;
    const denied = denyWindowAt(new Date(this.options.clock.now()), this.options.deny);
    if (denied) {
      this.options.log.info({ denyWindow: denied.window.cron, until: denied.until.toISOString() }, 'scheduled deploy skipped: a deny window is open');
      return;
    }
    const commit = await this.options.latestCommit();
    if (commit === null) {
      this.options.log.info('scheduled deploy skipped: nothing committed yet');
      return;
    }
    await this.run({ commit, routers: this.options.routers, trigger: 'schedule' });
  }

  /** Calls the deployer and records each router's outcome. Never throws: a failed deploy is logged and counted. */
  private async run(job: DeployJob): Promise<RouterResult[]> {
    const { log, metrics } = this.options;
    const started = process.hrtime.bigint();
    log.info({ router: job.routers.join(','), commit: job.commit, trigger: job.trigger }, 'deploy starting');
    let outcomes: RouterResult[];
    try {
      outcomes = await this.options.deployer(job);
    } catch (error) {
      const routers = job.routers.length > 0 ? job.routers : ['(all)'];
      outcomes = routers.map((router) => ({ router, commit: job.commit, result: 'failed', message: errorText(error) }));
    }
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    for (const outcome of outcomes) {
      metrics.deploys.inc({ router: outcome.router, result: outcome.result });
      metrics.deploySeconds.observe({ router: outcome.router }, seconds);
      observeDeploy(metrics, { router: outcome.router, result: outcome.result, commands: outcome.commands ?? 0, seconds, at: this.options.clock.now() });
      const fields = { router: outcome.router, commit: outcome.commit, trigger: job.trigger, result: outcome.result, commands: outcome.commands, detail: outcome.message };
      if (outcome.result === 'success' || outcome.result === 'unchanged') log.info(fields, 'deploy done');
      else log.error(fields, 'deploy did not apply');
    }
    return outcomes;
  }
}
