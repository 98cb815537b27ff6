import { resolve } from 'node:path';
import type { Command } from 'commander';
import { resolveRef } from '../../deploy/intended.js';
import { rollbackTarget } from '../../deploy/rollback-target.js';
import { recordsStore } from '../../deploy/service.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters, withRepoOptions, type RepoOptions } from '../context.js';
import { observed } from '../command-run.js';
import { approver, deployAndReport, overridesOf, withCommitOptions, withSafetyOptions, type SafetyFlags } from '../deploy-run.js';
import { deployDocument } from '../../documents/deploy.js';
import { formatOf, printDocument, withFormatOption, type FormatFlags } from '../format.js';

interface RollbackFlags extends RepoOptions, SafetyFlags, FormatFlags {
  router?: string;
  to?: string;
}

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
  ))).action(observed('rollback', async (flags: RollbackFlags, run) => {
    const json = formatOf(flags) === 'json';
    const { settings } = run;
    const [router] = selectRouters(settings, flags.router, false);
    const overrides = overridesOf(flags);
    const approve = approver(flags);
    const repo = await GitOpsRepo.open(resolve(flags.repo));
    let ref = flags.to;
    if (ref === undefined) {
      const target = await rollbackTarget(recordsStore(repo, settings), router!);
      ref = target.commit;
      process.stderr.write(`translator: ${router}: rolling back to ${ref.slice(0, 12)}, live before deploy ${target.before}\n`);
    }
    const resolved = await resolveRef(repo, ref);
    const result = await deployAndReport({ repo, settings, routers: [router!], kind: 'rollback', refFor: async () => resolved, overrides }, approve, { json }, run);
    if (json) printDocument(deployDocument('rollback', result));
  }));
}
