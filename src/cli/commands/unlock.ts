import { resolve } from 'node:path';
import { actorFromEnv } from '../../deploy/actor.js';
import { unlock } from '../../deploy/holders.js';
import { deployOptions, pushRecords, recordsStore } from '../../deploy/service.js';
import { recordPaths } from '../../gitops/layout.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { unlockDocument } from '../../documents/unlock.js';
import { selectRouters, settingsOf } from '../context.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import type { RepoOptions } from '../options.js';

interface UnlockFlags extends RepoOptions, FormatFlags {
  router?: string;
}

export async function action(flags: UnlockFlags): Promise<void> {
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
}
