import { resolve } from 'node:path';
import { describeDrift, inspectRouters } from '../../deploy/inspect.js';
import { resolveDeployRef } from '../../deploy/intended.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters } from '../context.js';
import { observed } from '../command-run.js';
import { approver, deployAndReport, overridesOf } from '../deploy-run.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { driftDocument } from '../../documents/drift.js';
import type { DeployBatchResult } from '../../deploy/service.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import { DEPLOY_ONLY_FLAGS, flagOf, type RepoOptions, type SafetyFlags } from '../options.js';

interface DriftFlags extends RepoOptions, SafetyFlags, FormatFlags {
  router?: string;
  all?: boolean;
  ref?: string;
  fix?: boolean;
}

export const action = observed('drift', async (flags: DriftFlags, run) => {
  const json = formatOf(flags) === 'json';
  // Without --fix nothing is deployed: an option only a deploy reads would be silently ignored.
  const deployOnly = DEPLOY_ONLY_FLAGS.filter((flag) => flags[flag] !== undefined);
  if (!flags.fix && deployOnly.length > 0) {
    throw new UserError(`${deployOnly.map(flagOf).join(', ')}: only with --fix (drift alone changes no router)`, ExitCode.Usage);
  }
  const { settings } = run;
  const routers = selectRouters(settings, flags.router, flags.router === undefined ? true : flags.all);
  const overrides = overridesOf(flags);
  const repo = await GitOpsRepo.open(resolve(flags.repo));
  const resolved = await resolveDeployRef(repo, settings, flags.ref);
  const views = await inspectRouters({
    repo,
    settings,
    routers,
    refFor: async () => resolved,
    acceptNewHostKey: overrides.acceptNewHostKey === true,
    ...(overrides.adopt ? { adopt: overrides.adopt } : {}),
  });
  const drifted: string[] = [];
  let broken = false;
  for (const view of views) {
    if (view.error) {
      broken = true;
      process.stderr.write(`${view.router}: cannot check: ${view.error}\n`);
    } else if (view.plan!.commands.length === 0) {
      if (!json) process.stdout.write(`${view.router}: in sync with ${resolved.commit.slice(0, 12)}\n`);
    } else {
      drifted.push(view.router);
      if (!json) process.stdout.write(`${view.router}: DRIFT from ${resolved.commit.slice(0, 12)} (${view.plan!.changes.length} object(s)):\n${describeDrift(view.plan!).join('\n')}\n`);
    }
  }
  await run.checked(resolved.commit, views);
  let fix: DeployBatchResult | null = null;
  if (flags.fix && drifted.length > 0) {
    const approve = approver(flags);
    fix = await deployAndReport({ repo, settings, routers: drifted, kind: 'drift-fix', refFor: async () => resolved, overrides }, approve, { json }, run);
    if (broken) process.exitCode = ExitCode.Error;
  } else process.exitCode = broken ? ExitCode.Error : drifted.length > 0 ? ExitCode.Changes : ExitCode.Ok;
  if (json) printDocument(driftDocument(resolved, views, fix));
});
