import { resolve } from 'node:path';
import { resolveRef } from '../../deploy/intended.js';
import { rollbackTarget } from '../../deploy/rollback-target.js';
import { recordsStore } from '../../deploy/service.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters } from '../context.js';
import { observed } from '../command-run.js';
import { approver, deployAndReport, overridesOf } from '../deploy-run.js';
import { deployDocument } from '../../documents/deploy.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import type { RepoOptions, SafetyFlags } from '../options.js';

interface RollbackFlags extends RepoOptions, SafetyFlags, FormatFlags {
  router?: string;
  to?: string;
}

export const action = observed('rollback', async (flags: RollbackFlags, run) => {
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
});
