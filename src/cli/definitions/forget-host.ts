import type { Command } from 'commander';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { withRepoOptions } from '../options.js';

export function register(program: Command): void {
  withFormatOption(withRepoOptions(
    program
      .command('forget-host')
      .argument('<host>', 'the Docker host, as docker.hosts names it (or a Swarm node, as `translator status` names it)')
      .summary("remove a silent Docker host's last known objects, in a commit")
      .description(
        'A Docker host that does not answer keeps its last known networks and containers (stale) in each router\'s ' +
          'state.json, so a blip never withdraws a tenant or a floating IP. When the host is gone for good, this ' +
          'renders without its objects and commits the result, saying so. Refused, changing nothing, while the host ' +
          'answers or when translator does not read it.',
      ),
  )).action(actionIn(() => import('../commands/forget-host.js')));
}
