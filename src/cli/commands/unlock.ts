import { resolve } from 'node:path';
import type { Command } from 'commander';
import { actorFromEnv } from '../../deploy/actor.js';
import { unlock } from '../../deploy/holders.js';
import { deployOptions, pushRecords, recordsStore } from '../../deploy/service.js';
import { recordPaths } from '../../gitops/layout.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { unlockDocument } from '../../documents/unlock.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { formatOf, printDocument, withFormatOption, type FormatFlags } from '../format.js';

interface UnlockFlags extends RepoOptions, FormatFlags {
  router?: string;
}

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
  )).action(async (flags: UnlockFlags) => {
    const json = formatOf(flags) === 'json';
    const settings = settingsOf(flags);
    const [router] = selectRouters(settings, flags.router, false);
    const repo = await GitOpsRepo.open(resolve(flags.repo));
    const records = recordsStore(repo, settings);
    const removed = await unlock(records, deployOptions(settings, {}).lockDir, router!, actorFromEnv());
    const recordedIn = removed.length > 0 ? `${records.branch}:${recordPaths.unlocks(router!)}` : null;
    const pushed = removed.length > 0 ? await pushRecords(settings, records) : null;
    if (json) printDocument(unlockDocument([{ router: router!, removed, recordedIn }], pushed));
    else if (removed.length === 0) process.stdout.write(`${router}: no lock or lease to remove\n`);
    else {
      for (const what of removed) process.stdout.write(`${router}: removed ${what}\n`);
      process.stdout.write(`${router}: recorded on ${records.branch} (${recordPaths.unlocks(router!)})\n`);
    }
    if (pushed) process.stderr.write(`translator: ${pushed.failed ? 'WARNING: ' : ''}${pushed.note}\n`);
  });
}
