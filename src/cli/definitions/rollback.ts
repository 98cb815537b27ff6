import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withCommitOptions, withRepoOptions, withSafetyOptions } from '../options.js';

export function register(program: Command): void {
  withFormatOption(withCommitOptions(withSafetyOptions(
    withRepoOptions(
      program
        .command('rollback')
        .summary('deploy an earlier intended config through the same safe path')
        .description(
          'Deploys the intended config of an earlier commit to one router, exactly like `translator deploy` (lock, ' +
            'revert timer, verify, confirm, record). Without --to: the intended commit that was live before the last ' +
            'successful deploy that changed it, as the records branch says.',
        )
        .option('--router <name>', 'the router (default: the only one configured)')
        .option('--to <ref>', 'commit, tag or branch whose intended config to deploy'),
    ),
  ))).action(actionIn(() => import('../commands/rollback.js')));
}
