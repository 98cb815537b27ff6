/** translator deploy. */
import { resolve } from 'node:path';
import { resolveDeployRef } from '../../deploy/intended.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters } from '../context.js';
import { observed } from '../command-run.js';
import { approver, deployAndReport, overridesOf } from '../deploy-run.js';
import { deployDocument } from '../../documents/deploy.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import type { RepoOptions, SafetyFlags } from '../options.js';

interface DeployFlags extends RepoOptions, SafetyFlags, FormatFlags {
  router?: string;
  all?: boolean;
  ref?: string;
}

export const action = observed('deploy', async (flags: DeployFlags, run) => {
  const json = formatOf(flags) === 'json';
  const { settings } = run;
  const routers = selectRouters(settings, flags.router, flags.all === true);
  const overrides = overridesOf(flags);
  const approve = approver(flags);
  const repo = await GitOpsRepo.open(resolve(flags.repo));
  const resolved = await resolveDeployRef(repo, settings, flags.ref);
  const result = await deployAndReport({ repo, settings, routers, kind: 'deploy', refFor: async () => resolved, overrides }, approve, { json }, run);
  if (json) printDocument(deployDocument('deploy', result));
});

