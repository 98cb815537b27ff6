/**
 * The real deploy step for the daemon: src/deploy's runDeploys (lock, plan, revert timer, push,
 * verify, confirm, save, record, records pushed) for the commit the daemon chose, recorded with
 * actor "translator watch (<trigger>)".
 *
 * Shutdown: a deploy in flight is finished, not cut: it is bounded by the device timeouts, and
 * cutting it between push and confirm would only leave the revert timer to undo it.
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
    const { outcomes, pushNote } = await runDeploys({
      repo,
      settings,
      routers,
      kind: 'deploy',
      refFor: async () => ({ ref: request.commit, commit: request.commit }),
      overrides: {},
      env: { ...env, [ACTOR_ENV]: `translator watch (${request.trigger})` },
      log: (message) => log.debug({ commit: request.commit }, message),
    });
    if (pushNote) log.info({ commit: request.commit }, pushNote);
    return outcomes.map(({ record }) => ({
      router: record.router,
      commit: record.commit,
      result: record.result,
      commands: record.commands.length,
      message: record.message,
    }));
  };
}
