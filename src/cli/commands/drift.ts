import { resolve } from 'node:path';
import type { Command } from 'commander';
import { describeDrift, inspectRouters } from '../../deploy/inspect.js';
import { defaultDeployRef, resolveRef } from '../../deploy/intended.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { flagOf, selectRouters, withRepoOptions, type RepoOptions } from '../context.js';
import { observed } from '../command-run.js';
import { approver, DEPLOY_ONLY_FLAGS, deployAndReport, overridesOf, withCommitOptions, withConcurrencyOption, withSafetyOptions, type SafetyFlags } from '../deploy-run.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { driftDocument } from '../../documents/drift.js';
import type { DeployBatchResult } from '../../deploy/service.js';
import { formatOf, printDocument, withFormatOption, type FormatFlags } from '../format.js';

interface DriftFlags extends RepoOptions, SafetyFlags, FormatFlags {
  router?: string;
  all?: boolean;
  ref?: string;
  fix?: boolean;
}

export function register(program: Command): void {
  withFormatOption(withConcurrencyOption(withCommitOptions(withSafetyOptions(
    withRepoOptions(
      program
        .command('drift')
        .summary('compare routers with their intended config; --fix deploys')
        .description(
          'Reads each router and plans against its intended config at REF (default: the tip of the deploy branch), ' +
            'then lists every owned object that is missing, different or extra on the router. Never changes a router ' +
            'unless --fix is given; --fix deploys the drifted routers through the safe path of `translator deploy`.\n' +
            'Exit codes: 0 no drift (or all of it fixed), 2 drift found, 1 a router could not be checked or fixed.',
        )
        .option('--router <name>', 'only this router')
        .option('--all', 'every configured router (the default)')
        .option('--ref <ref>', 'commit, tag or branch holding the intended config')
        .option('--fix', 'deploy the intended config to every drifted router'),
    ),
  )))).action(observed('drift', async (flags: DriftFlags, run) => {
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
    const resolved = await resolveRef(repo, flags.ref ?? (await defaultDeployRef(repo, settings)));
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
  }));
}
