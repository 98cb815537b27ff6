import { resolve } from 'node:path';
import { defaultDeployRef } from '../../deploy/intended.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { createLogger, type LogFormat, type LogLevel } from '../../ops/logger.js';
import { startOpsServer } from '../../ops/http.js';
import { createMetrics } from '../../ops/metrics.js';
import { startStatusWeb, TokenRequired } from '../../web/index.js';
import { selectRouters, settingsOf } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';
import type { RepoOptions, WebFlags } from '../options.js';
import { webSettings } from '../web-options.js';

interface ServeFlags extends RepoOptions, WebFlags {
  router?: string;
  host: string;
  port: string;
  fetchSeconds: string;
  logFormat?: LogFormat;
  logLevel: LogLevel;
}

export async function action(flags: ServeFlags): Promise<void> {
  const port = Number(flags.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--port ${flags.port}: expected 0-65535`, ExitCode.Usage);
  const fetchSeconds = Number(flags.fetchSeconds);
  if (!Number.isInteger(fetchSeconds) || fetchSeconds < 0 || fetchSeconds > 86_400) throw new UserError(`--fetch-seconds ${flags.fetchSeconds}: expected 0-86400`, ExitCode.Usage);
  const web = webSettings(flags);
  const settings = settingsOf(flags);
  const routers = selectRouters(settings, flags.router);
  const log = createLogger({ ...(flags.logFormat ? { format: flags.logFormat } : {}), level: flags.logLevel });
  const repo = await GitOpsRepo.open(resolve(flags.repo));
  const branch = await defaultDeployRef(repo, settings);
  const remote = settings.git.sharedRemote;
  // With a remote, the intent is what the remote's deploy branch holds (fetched), not this clone's checkout.
  const fetching = fetchSeconds > 0 && (await repo.hasRemote(remote));
  // In full either way: a tag of the branch's name must not stand in for it (git's lookup prefers tags).
  const deployRef = fetching ? `refs/remotes/${remote}/${branch}` : `refs/heads/${branch}`;
  const stopped = new Promise<NodeJS.Signals>((resolveSignal) => {
    process.once('SIGTERM', () => resolveSignal('SIGTERM'));
    process.once('SIGINT', () => resolveSignal('SIGINT'));
  });
  const pages = await startStatusWeb({
    repo,
    settings,
    routers,
    host: flags.host,
    token: web.token,
    commitUrl: web.commitUrl,
    deployRef,
    fetch: fetching ? { remote, branch, seconds: fetchSeconds } : null,
    driftSeconds: web.driftSeconds,
    log,
  }).catch((error: unknown) => {
    throw error instanceof TokenRequired ? new UserError(error.message, ExitCode.Usage) : error;
  });
  const server = await startOpsServer({
    host: flags.host,
    port,
    metrics: createMetrics(),
    readiness: () => (pages.ready() ? { ready: true, waiting: [] } : { ready: false, waiting: ['the repository has not been read yet'] }),
    fallback: pages.handle,
    log,
  });
  log.info({ url: server.url, routers, deployRef, drift: web.driftSeconds, tokenRequired: web.token !== null }, 'status page listening');
  process.stdout.write(`translator: status page at ${server.url}/\n`);
  const signal = await stopped;
  log.info({ signal }, 'signal received');
  pages.stop();
  await server.close();
}
