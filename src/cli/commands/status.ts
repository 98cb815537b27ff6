import { resolve } from 'node:path';
import { recordsStore } from '../../deploy/service.js';
import { statusText } from '../../documents/status.js';
import { gatherStatus } from '../../documents/status-gather.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters, settingsOf } from '../context.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import type { RepoOptions } from '../options.js';

interface StatusFlags extends RepoOptions, FormatFlags {
  router?: string;
  offline?: boolean;
}

export async function action(flags: StatusFlags): Promise<void> {
  const settings = settingsOf(flags);
  const routers = selectRouters(settings, flags.router);
  const repo = await GitOpsRepo.open(resolve(flags.repo));
  const records = recordsStore(repo, settings);
  const doc = await gatherStatus({ repo, settings, routers, records, ...(flags.offline ? {} : { drift: {} }) });
  for (const line of [doc.records.note, doc.records.warning && `WARNING: ${doc.records.warning}`]) if (line) process.stderr.write(`translator: ${line}\n`);
  if (formatOf(flags) === 'json') printDocument(doc);
  else process.stdout.write(statusText(doc));
}
