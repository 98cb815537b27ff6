import { Option, type Command } from 'commander';
import { LOG_FORMATS, LOG_LEVELS } from '../../ops/logger.js';
import { actionIn } from '../action.js';
import { withRepoOptions, withWebOptions } from '../options.js';

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
  )).action(actionIn(() => import('../commands/watch.js')));
}
