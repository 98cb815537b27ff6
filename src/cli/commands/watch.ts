import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { GitOpsRepo } from '../../gitops/repo.js';
import { createLogger, LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../../ops/logger.js';
import { createMetrics } from '../../ops/metrics.js';
import { configureWatch } from '../../watch/configure.js';
import { WatchDaemon } from '../../watch/daemon.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { isLoopback } from '../../web/index.js';
import { TOKEN_VARIABLE, webSettings, withWebOptions, type WebFlags } from '../web-options.js';

interface WatchCommandOptions extends RepoOptions, WebFlags {
  dockerHost?: string;
  router?: string;
  review?: boolean;
  logFormat?: LogFormat;
  logLevel: LogLevel;
  httpHost?: string;
  httpPort?: string;
}

export function register(program: Command): void {
  withWebOptions(withRepoOptions(
    program
      .command('watch')
      .summary('run as a daemon: follow Docker events, render, commit and deploy per policy')
      .description(
        'Renders and commits at start, then after every relevant Docker event (network create/destroy/' +
          'connect/disconnect, container start/die/destroy), debounced (watch.quietMs, watch.maxDelayMs), ' +
          'and at every periodic resync (watch.resyncSeconds). Deploys per watch.deploy.policy: off (commit ' +
          'only), auto (after each commit) or schedule (cron), never inside a deny window. With review: in ' +
          'translator.yaml or --review, commits go to a review branch that is pushed, and a GitHub pull ' +
          'request or GitLab merge request is opened or updated with the plan. Serves /metrics, /healthz, ' +
          '/readyz, the status pages and /api/v1 (on 127.0.0.1; elsewhere only with a token, TRANSLATOR_WEB_TOKEN) and, ' +
          'when webhook secrets are configured, POST /webhook (push to the deploy branch → deploy). Docker going away is logged and retried; SIGHUP asks for a full re-read; SIGTERM or SIGINT stops it cleanly (exit 0), letting a deploy in flight finish.',
      )
      .option('--docker-host <url>', 'Docker engine to follow (default: docker.host, docker.hosts or docker.swarm, else DOCKER_HOST, else unix:///var/run/docker.sock)')
      .option('--router <name>', 'only this router')
      .option('--review', 'review mode even without a review: section (branch translator/review)')
      .addOption(new Option('--log-format <format>', 'json (default unless stdout is a terminal) or pretty').choices([...LOG_FORMATS]))
      .addOption(new Option('--log-level <level>', 'least severe level logged').choices([...LOG_LEVELS]).default('info'))
      .option('--http-host <address>', 'address of the HTTP server (default: http.host, 127.0.0.1)')
      .option('--http-port <port>', 'port of the HTTP server; 0 = no server (default: http.port, 9180)'),
  )).action(async (options: WatchCommandOptions) => {
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
  });
}
