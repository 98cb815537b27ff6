import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withRepoOptions } from '../options.js';

export function register(program: Command): void {
  withFormatOption(withRepoOptions(
    program
      .command('status')
      .summary('per router: the live commit, the last deploy, drift, lock and lease holders, damaged records')
      .description(
        'For each router: the intended commit that is live on it (from the records branch, fetched from the GitOps ' +
          'remote first), the last deploy (when, by whom, result), whether the deploy branch has moved on since, ' +
          'whether the router has drifted from its live commit (read over SSH; --offline skips that), who holds its ' +
          'deploy lock and lease, any record file that cannot be read, with how to repair it, and the Docker hosts whose ' +
          'last known objects its committed state.json keeps (they did not answer). Never changes a router. ' +
          '--format json prints the status document (schemas/status.schema.json), the same as GET /api/v1/status.',
      )
      .option('--router <name>', 'only this router')
      .option('--offline', 'do not contact the routers (no drift column)'),
  ), ['text', 'json'], { jsonAlias: true }).action(actionIn(() => import('../commands/status.js')));
}
