import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { defaultDockerHost } from '../../observe/docker-host.js';
import { createLogger, LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../../ops/logger.js';
import { createMetrics } from '../../ops/metrics.js';
import { SecretError } from '../../settings/secret.js';
import { configureWatch, WatchConfigError } from '../../watch/configure.js';
import { WatchDaemon } from '../../watch/daemon.js';
import { gitopsDeployer } from '../../watch/deploy-adapter.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { errorText } from '../../errors.js';

interface WatchCommandOptions extends RepoOptions {
  dockerHost?: string;
  router?: string;
  review?: boolean;
  logFormat?: LogFormat;
  logLevel: LogLevel;
  httpHost?: string;
  httpPort?: string;
}

export function register(program: Command): void {
  withRepoOptions(
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
          '/readyz and, when webhook secrets are configured, POST /webhook (push to the deploy branch → ' +
          'deploy). Docker going away is logged and retried; SIGHUP asks for a full re-read; SIGTERM or SIGINT stops it cleanly (exit 0), letting a deploy in flight finish.',
      )
      .option('--docker-host <url>', 'Docker engine to follow (default: DOCKER_HOST, else unix:///var/run/docker.sock)')
      .option('--router <name>', 'only this router')
      .option('--review', 'review mode even without a review: section (branch translator/review)')
      .addOption(new Option('--log-format <format>', 'json (default unless stdout is a terminal) or pretty').choices([...LOG_FORMATS]))
      .addOption(new Option('--log-level <level>', 'least severe level logged').choices([...LOG_LEVELS]).default('info'))
      .option('--http-host <address>', 'address of the HTTP server (default: http.host, 127.0.0.1)')
      .option('--http-port <port>', 'port of the HTTP server; 0 = no server (default: http.port, 9180)'),
  ).action(async (options: WatchCommandOptions) => {
    const settings = settingsOf(options);
    const routers = selectRouters(settings, options.router);
    const log = createLogger({ ...(options.logFormat ? { format: options.logFormat } : {}), level: options.logLevel });
    const metrics = createMetrics();
    const port = options.httpPort === undefined ? settings.http.port : Number(options.httpPort);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UserError(`--http-port ${options.httpPort}: expected 0-65535`, ExitCode.Usage);
    const repoDir = resolve(options.repo);
    // The deploy step (src/deploy) is handed in only when something may deploy: policy auto/schedule, or webhooks.
    const deploys = settings.watch.deploy.policy !== 'off' || settings.webhook.githubSecret !== undefined || settings.webhook.gitlabToken !== undefined;
    const deployer = deploys ? gitopsDeployer(repoDir, settings, log) : undefined;

    let daemon: WatchDaemon;
    try {
      daemon = new WatchDaemon(
        configureWatch({
          repoDir,
          settings,
          routers,
          dockerHost: options.dockerHost ?? settings.docker.host ?? defaultDockerHost(),
          ...(deployer ? { deployer } : {}),
          ...(options.review ? { review: true } : {}),
          http: port === 0 ? null : { host: options.httpHost ?? settings.http.host, port },
          log,
          metrics,
        }),
      );
    } catch (error) {
      if (error instanceof SecretError || error instanceof WatchConfigError) throw new UserError(error.message);
      throw error;
    }
    // Signals first, so a SIGTERM during start-up also ends cleanly.
    const stopped = new Promise<NodeJS.Signals>((resolveSignal) => {
      process.once('SIGTERM', () => resolveSignal('SIGTERM'));
      process.once('SIGINT', () => resolveSignal('SIGINT'));
    });
    try {
      await daemon.start();
    } catch (error) {
      await daemon.stop();
      throw new UserError(`watch could not start: ${errorText(error)}`);
    }
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
