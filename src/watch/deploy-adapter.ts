/**
 * The real deploy step for the daemon: src/deploy's runDeploys (lock, plan, revert timer, push,
 * verify, confirm, save, record, records pushed) for the commit the daemon chose, recorded with
 * actor "translator watch (<trigger>)".
 *
 * Shutdown: the daemon's abort signal is not passed on, so a deploy in flight is finished, not
 * reverted: it is bounded by the device timeouts, and `translator watch` promises to let it end.
 */
import type { Logger } from 'pino';
import { ACTOR_ENV } from '../deploy/actor.js';
import { runDeploys } from '../deploy/service.js';
import { GitOpsRepo } from '../gitops/repo.js';
import type { Settings } from '../settings/load.js';
import type { Deployer } from './deployer.js';

export function gitopsDeployer(repoDir: string, settings: Settings, log: Logger, env: NodeJS.ProcessEnv = process.env): Deployer {
  return async (request) => {
    const repo = await GitOpsRepo.open(repoDir);
    const routers = request.routers.length > 0 ? request.routers : settings.routers.map((r) => r.name);
    const { outcomes, push } = await runDeploys({
      repo,
      settings,
      routers,
      kind: 'deploy',
      refFor: async () => ({ ref: request.commit, commit: request.commit }),
      overrides: {},
      env: { ...env, [ACTOR_ENV]: `translator watch (${request.trigger})` },
      log: (message) => log.debug({ commit: request.commit }, message),
    });
    if (push) log[push.failed ? 'error' : 'info']({ commit: request.commit }, push.note);
    return outcomes.map(({ record, recordProblem }) => ({
      router: record.router,
      commit: record.commit,
      result: record.result,
      commands: record.commands.length,
      message: recordProblem ? `${record.message}\n${recordProblem}` : record.message,
    }));
  };
}
