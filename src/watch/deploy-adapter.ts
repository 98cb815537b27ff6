/**
 * The real deploy step for the daemon: src/deploy's runDeploys (lock, plan, revert timer, push,
 * verify, confirm, save, record, records pushed) for the commit the daemon chose, recorded with
 * actor "translator watch (<trigger>)". No abort signal is given to runDeploys: a deploy in
 * flight when the daemon stops is finished, not reverted (Deployer's contract).
 * The SSH session of each router is kept between jobs (device/session-pool.ts): a deploy after
 * the first skips the login when the kept session passes its health check.
 */
import type { Logger } from 'pino';
import { ACTOR_ENV } from '../deploy/actor.js';
import { connectDevice } from '../device/index.js';
import { SessionPool } from '../device/session-pool.js';
import { runDeploys } from '../deploy/service.js';
import { GitOpsRepo } from '../gitops/repo.js';
import type { Notifications } from '../notify/deliver.js';
import { deployEvent } from '../notify/events.js';
import type { DeployMetrics } from '../ops/metrics.js';
import type { Settings } from '../settings/load.js';
import type { Deployer } from './deployer.js';

interface DeployerObservers {
  /** Counts a records push that failed. */
  metrics?: DeployMetrics;
  /** Told each router's result (bounded by notify.timeoutMs). */
  notifications?: Notifications;
}

export function gitopsDeployer(repoDir: string, settings: Settings, log: Logger, env: NodeJS.ProcessEnv = process.env, observers: DeployerObservers = {}): Deployer {
  const sessions = new SessionPool(connectDevice, { onSession: (router, how, why) => log.debug({ router }, `SSH session ${how}: ${why}`) });
  // Opened once (its long-lived git reader stays warm between jobs); a failed open is tried again by the next job.
  let opened: Promise<GitOpsRepo> | null = null;
  const deploy: Deployer = async (job) => {
    opened ??= GitOpsRepo.open(repoDir);
    opened.catch(() => (opened = null));
    const repo = await opened;
    const routers = job.routers.length > 0 ? job.routers : settings.routers.map((r) => r.name);
    const { outcomes, push } = await runDeploys({
      repo,
      settings,
      routers,
      kind: 'deploy',
      refFor: async () => ({ ref: job.commit, commit: job.commit }),
      overrides: {},
      connect: sessions.connect,
      // The daemon deploys the deploy branch's own commits, and its gate deferred past deny windows on its clock already.
      admission: { reviewed: false, denyWindow: false },
      env: { ...env, [ACTOR_ENV]: `translator watch (${job.trigger})` },
      log: (message) => log.debug({ commit: job.commit }, message),
    });
    if (push) log[push.failed ? 'error' : 'info']({ commit: job.commit }, push.note);
    if (push?.failed) observers.metrics?.pushFailures.inc({ target: 'records' });
    await observers.notifications?.deliver(outcomes.map(({ record }) => deployEvent(record)));
    return outcomes.map(({ record, recordProblem }) => ({
      router: record.router,
      commit: record.commit,
      result: record.result,
      commands: record.commands.length,
      message: recordProblem ? `${record.message}\n${recordProblem}` : record.message,
    }));
  };
  deploy.close = () => sessions.close();
  return deploy;
}
