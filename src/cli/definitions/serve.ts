import { Option, type Command } from 'commander';
import { LOG_FORMATS, LOG_LEVELS } from '../../ops/logger.js';
import { actionIn } from '../action.js';
import { withRepoOptions, withWebOptions } from '../options.js';

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
  ).action(actionIn(() => import('../commands/serve.js')));
}
