import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withCommitOptions, withConcurrencyOption, withRepoOptions, withSafetyOptions } from '../options.js';

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
  )))).action(actionIn(() => import('../commands/deploy.js')));
}
