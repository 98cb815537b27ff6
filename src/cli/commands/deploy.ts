/** translator deploy. */
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { defaultDeployRef, resolveRef } from '../../deploy/intended.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters, withRepoOptions, type RepoOptions } from '../context.js';
import { observed } from '../command-run.js';
import { approver, deployAndReport, overridesOf, withCommitOptions, withConcurrencyOption, withSafetyOptions, type SafetyFlags } from '../deploy-run.js';
import { deployDocument } from '../../documents/deploy.js';
import { formatOf, printDocument, withFormatOption, type FormatFlags } from '../format.js';

interface DeployFlags extends RepoOptions, SafetyFlags, FormatFlags {
  router?: string;
  all?: boolean;
  ref?: string;
}

export function register(program: Command): void {
  withFormatOption(withConcurrencyOption(withCommitOptions(withSafetyOptions(
    withRepoOptions(
      program
        .command('deploy')
        .summary('apply the intended config committed in Git to routers, safely')
        .description(
          'For each router: take a per-router lock, refuse while a rollback-confirmed change is pending, read the ' +
            'running-config and back up its owned part to the records branch, plan; when there is something to do, ' +
            'apply it under `configure terminal revert timer N`, re-read and re-plan (must be empty), `configure confirm`, ' +
            're-read (must still match, with no rollback pending), save per policy and record the deploy. Any failure ' +
            'before the confirm brings the router back to its old state; so does SIGINT/SIGTERM (a second one is refused).\n' +
            'The intended config is read from the commit REF names (default: the tip of the deploy branch), never from ' +
            'the work tree. A commit the deploy branch does not reach (not merged, so not reviewed) is refused unless ' +
            '--allow-unreviewed, and so is any deploy inside a deny window (watch.deploy.deny) unless --ignore-deny-window; ' +
            'both overrides are recorded. Exit codes: 0 every router deployed or unchanged and recorded, 1 any router failed, was ' +
            'refused or reverted, or a record could not be written or pushed, 130/143 interrupted by SIGINT/SIGTERM.',
        )
        .option('--router <name>', 'only this router')
        .option('--all', 'every configured router (concurrency limit, continues past failures)')
        .option('--ref <ref>', 'commit, tag or branch to deploy (default: deploy.branch, else git.branch, else the checked-out branch)'),
    ),
  )))).action(observed('deploy', async (flags: DeployFlags, run) => {
    const json = formatOf(flags) === 'json';
    const { settings } = run;
    const routers = selectRouters(settings, flags.router, flags.all === true);
    const overrides = overridesOf(flags);
    const approve = approver(flags);
    const repo = await GitOpsRepo.open(resolve(flags.repo));
    const resolved = await resolveRef(repo, flags.ref ?? (await defaultDeployRef(repo, settings)));
    const result = await deployAndReport({ repo, settings, routers, kind: 'deploy', refFor: async () => resolved, overrides }, approve, { json }, run);
    if (json) printDocument(deployDocument('deploy', result));
  }));
}

