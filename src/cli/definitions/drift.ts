import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withCommitOptions, withConcurrencyOption, withRepoOptions, withSafetyOptions } from '../options.js';

export function register(program: Command): void {
  withFormatOption(withConcurrencyOption(withCommitOptions(withSafetyOptions(
    withRepoOptions(
      program
        .command('drift')
        .summary('compare routers with their intended config; --fix deploys')
        .description(
          'Reads each router and plans against its intended config at REF (default: the tip of the deploy branch), ' +
            'then lists every owned object that is missing, different or extra on the router. Never changes a router ' +
            'unless --fix is given; --fix deploys the drifted routers through the safe path of `translator deploy`.\n' +
            'Exit codes: 0 no drift (or all of it fixed), 2 drift found, 1 a router could not be checked or fixed.',
        )
        .option('--router <name>', 'only this router')
        .option('--all', 'every configured router (the default)')
        .option('--ref <ref>', 'commit, tag or branch holding the intended config')
        .option('--fix', 'deploy the intended config to every drifted router'),
    ),
  )))).action(actionIn(() => import('../commands/drift.js')));
}
