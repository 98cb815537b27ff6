import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withStateOptions } from '../options.js';

export function register(program: Command): void {
  withFormatOption(withStateOptions(
    program
      .command('render')
      .summary('render Docker state into each router\'s intended config')
      .description(
        'Reads every macvlan network and labelled container from Docker, builds and validates the intent, ' +
          'and writes routers/<router>/intended.cfg and routers/<router>/state.json in the repository ' +
          '(no commit; see `translator commit`). Rejected objects are listed on stderr with their reasons ' +
          'and the rest still renders.',
      )
      .option('--router <name>', 'only this router')
      .option('--stdout', 'print the intended config instead of writing files'),
  ), ['text', 'json'], { jsonAlias: true }).action(actionIn(() => import('../commands/render.js')));
}
