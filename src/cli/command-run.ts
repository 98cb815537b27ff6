/**
 * What a command that deploys or checks routers (deploy, drift, rollback, decommission) does
 * besides its work: notifies (translator.yaml `notify:`) and, with --metrics-file, writes the
 * run's metrics for node_exporter's textfile collector — after the run, whether it succeeded,
 * failed or threw. Neither changes the command's exit code: a notifier that fails or hangs is
 * given up after notify.timeoutMs and counted; a metrics file that cannot be written is said on
 * stderr.
 */
import { errorText } from '../errors.js';
import { isLive } from '../deploy/record.js';
import type { DeployBatchResult } from '../deploy/service.js';
import type { Plan } from '../iosxe/index.js';
import { describeDrift } from '../deploy/inspect.js';
import { writeMetricsFile } from '../ops/metrics-file.js';
import { createRunMetrics, observeDeploy, type RunMetrics } from '../ops/metrics.js';
import { notificationsFor } from '../notify/configure.js';
import type { Notifications } from '../notify/deliver.js';
import { deployEvent, driftEvent } from '../notify/events.js';
import type { Settings } from '../settings/load.js';
import { settingsOf } from './context.js';
import type { RepoOptions } from './options.js';
import { ExitCode } from './exit-codes.js';

type RunCommand = 'deploy' | 'drift' | 'rollback' | 'decommission';

export class CommandRun {
  #metrics: RunMetrics | undefined;
  readonly notifications: Notifications;

  constructor(
    private readonly command: RunCommand,
    /** translator.yaml as this run read it, once: the action takes it from here. */
    readonly settings: Settings,
    private readonly metricsFile: string | undefined,
    env: NodeJS.ProcessEnv = process.env,
  ) {
    // A notification that fails is counted in the metrics: only then are they built, if no file asked for them.
    const run = this;
    const failures = { get notificationFailures() { return run.metrics.notificationFailures; } };
    this.notifications = notificationsFor(settings.notify, settings.git.sharedRemote, failures, (problem) => warn(problem), env);
  }

  /**
   * The run's metrics, built on first use: prom-client (and the OpenTelemetry API it loads) costs
   * ≈ 45 ms of a deploy's start, which a run without --metrics-file, the usual one, must not pay.
   */
  get metrics(): RunMetrics {
    return (this.#metrics ??= createRunMetrics());
  }

  /** Whether anything will read the metrics: without --metrics-file, observing the run is work for nobody. */
  private get recording(): boolean {
    return this.metricsFile !== undefined;
  }

  /** Each router's deploy in the metrics (the last success from the records when this one did not succeed). */
  async deployed({ outcomes, push, records }: DeployBatchResult): Promise<void> {
    if (!this.recording) return;
    if (push?.failed) this.metrics.pushFailures.inc({ target: 'records' });
    for (const { record } of outcomes) {
      const at = Date.parse(record.ended);
      observeDeploy(this.metrics, { router: record.router, result: record.result, commands: record.commands.length, seconds: (at - Date.parse(record.started)) / 1000, at });
      if (isLive(record)) continue;
      const last = (await records.history(record.router, 50).catch(() => [])).find(isLive);
      if (last) this.metrics.lastSuccessfulDeploy.set({ router: record.router }, Date.parse(last.ended) / 1000);
    }
  }

  /** A drift check: objects and lines per router in the metrics, and the drifted routers notified. */
  async checked(commit: string, views: readonly { router: string; plan?: Plan | null }[]): Promise<void> {
    const events = [];
    for (const { router, plan } of views) {
      if (!plan) continue;
      if (this.recording) {
        this.metrics.driftObjects.set({ router }, plan.changes.length);
        this.metrics.drift.set({ router }, plan.commands.length);
      }
      if (plan.changes.length > 0) events.push(driftEvent(router, commit, plan.changes.length, plan.commands.length, describeDrift(plan).map((line) => line.trim())));
    }
    await this.notifications.deliver(events);
  }

  /** After the deploys of a batch: each router's result told (runDeploys has no notifier of its own). */
  notifyDeploys({ outcomes }: DeployBatchResult): Promise<void> {
    return this.notifications.deliver(outcomes.map(({ record }) => deployEvent(record)));
  }

  /** The metrics file, written whatever happened (`failed`: the run threw, or its exit code says failure). */
  async finish(failed: boolean): Promise<void> {
    if (this.metricsFile === undefined) return;
    this.metrics.runFailed.set({ command: this.command }, failed ? 1 : 0);
    this.metrics.runEnded.set({ command: this.command }, Date.now() / 1000);
    await writeMetricsFile(this.metricsFile, this.metrics.registry).catch((error: unknown) =>
      warn(`the metrics file ${this.metricsFile} could not be written: ${errorText(error)}`),
    );
  }
}

function warn(problem: string): void {
  process.stderr.write(`translator: WARNING: ${problem}\n`);
}

/**
 * A command's action run with its CommandRun: the run is finished (metrics file written) after
 * the action, also when it throws. Exit code 2 (drift found) is not a failure.
 */
export function observed<F extends RepoOptions & { metricsFile?: string }>(command: RunCommand, action: (flags: F, run: CommandRun) => Promise<void>): (flags: F) => Promise<void> {
  return async (flags) => {
    const run = new CommandRun(command, settingsOf(flags), flags.metricsFile);
    let failed = true;
    try {
      await action(flags, run);
      const code = typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
      failed = code !== ExitCode.Ok && code !== ExitCode.Changes;
    } finally {
      await run.finish(failed);
    }
  };
}
