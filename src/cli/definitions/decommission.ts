import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withRepoOptions, withSafetyOptions } from '../options.js';

export function register(program: Command): void {
  withFormatOption(withSafetyOptions(
    withRepoOptions(
      program
        .command('decommission')
        .summary("remove translator's objects from a router leaving the fleet, then archive its files in Git")
        .description(
          'For a router marked `decommission: true` in translator.yaml (its entry keeps host, interfaces and ' +
            "credentials; no other command sees it): deploys an empty intended config through the safe path of " +
            '`translator deploy` (lock, lease, revert timer, verify, confirm, record), so translator\'s objects leave ' +
            'the router and nothing else does, then moves routers/<router>/ to archive/routers/<router>/<time>/ in ' +
            'one commit on the checked-out branch (the deploy records stay). A failed or refused removal archives ' +
            'nothing: run it again. Refused for a router still configured normally.',
        )
        .requiredOption('--router <name>', 'the router to decommission')
        .option('--push', 'push the archive commit (git.remote, else origin; branch: git.branch, else the current one)')
        .option('--remote <name>', 'remote to push to: a configured remote, or a URL or path (default: git.remote, else origin)'),
    ),
  )).action(actionIn(() => import('../commands/decommission.js')));
}
