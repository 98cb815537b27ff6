import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withStateOptions } from '../options.js';

export function register(program: Command): void {
  withStateOptions(
    program
      .command('commit')
      .summary('render and commit the intended config of each router')
      .description(
        'Renders Docker state like `translator render`, writes routers/<router>/intended.cfg and state.json, ' +
          'and commits them when something changed, with a message that says what: tenants and floating IPs ' +
          'added, removed or changed, and rejections. Only these files are committed; other uncommitted ' +
          'changes in the repository are left as they are. With --push the commit is pushed; a ' +
          'non-fast-forward rejection is fetched, rebased and retried, never forced.',
      )
      .option('--router <name>', 'only this router')
      .option('--push', 'push the commit (settings git.remote/git.branch, or the options below)')
      .option('--remote <name>', 'remote to push to: a configured remote, or a URL or path (default: git.remote, else origin)')
      .option('--branch <name>', 'branch to push to (default: git.branch, else the current branch)'),
  ).action(actionIn(() => import('../commands/commit.js')));
}
