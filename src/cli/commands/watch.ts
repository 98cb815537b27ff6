import { resolve } from 'node:path';
import { GitOpsRepo } from '../../gitops/repo.js';
import { createLogger, type LogFormat, type LogLevel } from '../../ops/logger.js';
import { createMetrics } from '../../ops/metrics.js';
import { configureWatch } from '../../watch/configure.js';
import { WatchDaemon } from '../../watch/daemon.js';
import { selectRouters, settingsOf } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { isLoopback } from '../../web/index.js';
import type { RepoOptions, WebFlags } from '../options.js';
import { TOKEN_VARIABLE, webSettings } from '../web-options.js';

interface WatchCommandOptions extends RepoOptions, WebFlags {
  dockerHost?: string;
  router?: string;
  review?: boolean;
  logFormat?: LogFormat;
  logLevel: LogLevel;
  httpHost?: string;
  httpPort?: string;
}

export async function action(options: WatchCommandOptions): Promise<void> {
  const settings = settingsOf(options);
  const routers = selectRouters(settings, options.router);
  const log = createLogger({ ...(options.logFormat ? { format: options.logFormat } : {}), level: options.logLevel });
  const metrics = createMetrics();
  const port = options.httpPort === undefined ? settings.http.port : Number(options.httpPort);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--http-port ${options.httpPort}: expected 0-65535`, ExitCode.Usage);
  const web = webSettings(options);
  const http = port === 0 ? null : { host: options.httpHost ?? settings.http.host, port };
  // Beyond loopback without a token the pages stay off (metrics, health and webhooks are served as before).
  const pages = http !== null && (web.token !== null || isLoopback(http.host));
  if (http && !pages) log.warn({ host: http.host }, `status pages off: the HTTP server is not on a loopback address and ${TOKEN_VARIABLE} is not set`);
  const repo = await GitOpsRepo.open(resolve(options.repo));
  const daemon = new WatchDaemon({
    ...configureWatch({
      repo,
      settings,
      routers,
      ...(options.dockerHost !== undefined ? { dockerHost: options.dockerHost } : {}),
      ...(options.review ? { review: true } : {}),
      http,
      log,
      metrics,
    }),
    ...(pages ? { web: { token: web.token, commitUrl: web.commitUrl, driftSeconds: web.driftSeconds } } : {}),
  });
  // Signals first, so a SIGTERM during start-up also ends cleanly.
  const stopped = new Promise<NodeJS.Signals>((resolveSignal) => {
    process.once('SIGTERM', () => resolveSignal('SIGTERM'));
    process.once('SIGINT', () => resolveSignal('SIGINT'));
  });
  await daemon.start();
  // SIGHUP: a full re-read now, as daemons conventionally re-read on hang-up.
  process.on('SIGHUP', () => {
    log.info({ signal: 'SIGHUP' }, 'resync requested');
    void daemon.resync();
  });
  const signal = await stopped;
  log.info({ signal }, 'signal received');
  await daemon.stop();
}
