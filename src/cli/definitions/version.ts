import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';

export function register(program: Command): void {
  withFormatOption(
    program
      .command('version')
      .summary('the version of translator, Node.js and the platform (and the commit of a checkout)')
      .description(
        'Prints the version of this translator (package.json), the Node.js version, the platform and architecture, ' +
          'and the Git commit when translator runs from a checkout of its own repository (an installed package does ' +
          'not know its commit, and says nothing about it).',
      ),
  ).action(actionIn(() => import('../commands/version.js')));
}
