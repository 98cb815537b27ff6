import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withRepoOptions } from '../options.js';

export function register(program: Command): void {
  withFormatOption(withRepoOptions(
    program
      .command('unlock')
      .summary("remove a router's stale deploy lock and lease, on the record")
      .description(
        "Removes what keeps deploys of a router out when its holder is gone: the lock in deploy.lockDir left by " +
          'another host or a dead process, and the deploy lease on the GitOps remote. Refuses, removing nothing, ' +
          'when a live process of this host holds either. What was removed, and by whom, is committed to the ' +
          'records branch (routers/<r>/unlocks.log) and pushed. `translator status` shows the holders first.',
      )
      .option('--router <name>', 'the router (default: the only one configured)'),
  )).action(actionIn(() => import('../commands/unlock.js')));
}
