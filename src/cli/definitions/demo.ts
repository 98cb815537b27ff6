import type { Command } from 'commander';
import { actionIn } from '../action.js';

export function register(program: Command): void {
  program
    .command('demo')
    .summary('the first five minutes: Docker → Git → a lab router, end to end, on built-in defaults')
    .description(
      'Runs the whole pipeline with nothing configured: starts the lab router (an SSH server that behaves ' +
        'like IOS XE, with some unrelated hand-made config translator must leave alone), reads the local Docker ' +
        'engine when one is reachable and has macvlan networks (else the seed example: network mytenant on ' +
        'eth1.10, container web with global_ip=10.0.1.1), renders router edge1, commits into a new temporary ' +
        'GitOps repository, plans, deploys, and shows the diff, the commands and the router\'s resulting config. ' +
        'It ends by itself and leaves nothing running; the repository stays for you to look at.',
    )
    .option('--repo <dir>', 'GitOps repository to create (default: a new temporary directory)')
    .option('--serve', 'then keep the lab router and the status page up until Ctrl-C (prints the page\'s URL)')
    .option('--port <port>', 'port of the status page with --serve', '9181')
    .action(actionIn(() => import('../commands/demo.js')));
}
