import { resolve } from 'node:path';
import type { Command } from 'commander';
import { recordsStore } from '../../deploy/service.js';
import { statusText } from '../../documents/status.js';
import { gatherStatus } from '../../documents/status-gather.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { formatOf, printDocument, withFormatOption, type FormatFlags } from '../format.js';

interface StatusFlags extends RepoOptions, FormatFlags {
  router?: string;
  offline?: boolean;
}

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
  ), ['text', 'json'], { jsonAlias: true }).action(async (flags: StatusFlags) => {
    const settings = settingsOf(flags);
    const routers = selectRouters(settings, flags.router);
    const repo = await GitOpsRepo.open(resolve(flags.repo));
    const records = recordsStore(repo, settings);
    const doc = await gatherStatus({ repo, settings, routers, records, ...(flags.offline ? {} : { drift: {} }) });
    for (const line of [doc.records.note, doc.records.warning && `WARNING: ${doc.records.warning}`]) if (line) process.stderr.write(`translator: ${line}\n`);
    if (formatOf(flags) === 'json') printDocument(doc);
    else process.stdout.write(statusText(doc));
  });
}
