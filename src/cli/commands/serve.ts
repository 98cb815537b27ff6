import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { defaultDeployRef } from '../../deploy/intended.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { createLogger, LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel } from '../../ops/logger.js';
import { startOpsServer } from '../../ops/http.js';
import { createMetrics } from '../../ops/metrics.js';
import { startStatusWeb, TokenRequired } from '../../web/index.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { webSettings, withWebOptions, type WebFlags } from '../web-options.js';

interface ServeFlags extends RepoOptions, WebFlags {
  router?: string;
  host: string;
  port: string;
  fetchSeconds: string;
  logFormat?: LogFormat;
  logLevel: LogLevel;
}

export function register(program: Command): void {
  withWebOptions(
    withRepoOptions(
      program
        .command('serve')
        .summary('the status pages and /api/v1, read-only, from the GitOps repository (no daemon needed)')
        .description(
          'Serves the status pages (overview, router, floating-IP search, rejections, charts) and their JSON under ' +
            '/api/v1 from the GitOps repository, for teams that deploy from CI and run no daemon. Fetches the deploy ' +
            'branch and the records branch from the GitOps remote every --fetch-seconds; reads the routers for drift ' +
            'only with --drift-seconds. Binds to 127.0.0.1 by default; any other address requires a token ' +
            '(TRANSLATOR_WEB_TOKEN or TRANSLATOR_WEB_TOKEN_FILE): Authorization: Bearer <token>, or the login form. ' +
            'Never changes a router or the repository\'s branches. SIGTERM or SIGINT stops it.',
        )
        .option('--router <name>', 'only this router')
        .option('--host <address>', 'address to listen on', '127.0.0.1')
        .option('--port <port>', 'port to listen on (0: any free port)', '9181')
        .option('--fetch-seconds <n>', 'fetch from the GitOps remote this often (0: never)', '60')
        .addOption(new Option('--log-format <format>', 'json (default unless stdout is a terminal) or pretty').choices([...LOG_FORMATS]))
        .addOption(new Option('--log-level <level>', 'least severe level logged').choices([...LOG_LEVELS]).default('info')),
    ),
  ).action(async (flags: ServeFlags) => {
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
    const deployRef = fetching ? `refs/remotes/${remote}/${branch}` : branch;
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
  });
}
