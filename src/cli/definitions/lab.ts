import type { Command } from 'commander';
import { LAB_DEFAULTS } from '../../lab/options.js';
import { actionIn } from '../action.js';

export function register(program: Command): void {
  program
    .command('lab')
    .summary('run the lab router: an SSH server that behaves like Cisco IOS XE for this tool')
    .description(
      'Starts an SSH server that behaves like a Cisco IOS XE 17 router for everything translator touches ' +
        '(modes, prompts, paging, errors, VRF/sub-interface/ACL/route-map/NAT config with IOS side effects, ' +
        'NAT questions, archive and revert timer, write memory). Use it to try translator without hardware.\n' +
        'Credentials come from the environment: LAB_USER, LAB_PASS, LAB_ENABLE_PASS (else IOS_USER, IOS_PASS, ' +
        `IOS_ENABLE_PASS; else the lab-only defaults ${LAB_DEFAULTS.username} / ${LAB_DEFAULTS.password} / ` +
        `enable secret ${LAB_DEFAULTS.enableSecret}).\n` +
        'Prints the address and the host key fingerprint, then runs until SIGINT or SIGTERM.',
    )
    .option('--listen <host:port>', 'address to listen on', '127.0.0.1:2222')
    .option('--config <file>', 'initial running-config (unrelated config is kept and printed as the device would)')
    .option('--example', 'boot the example edge router (surroundings, hand-made look-alikes, archive on) instead of --config')
    .option('--state <file>', 'where `write memory` saves; loaded at start when it exists')
    .option('--host-key <file>', 'persistent SSH host key, generated on first start (default: a new key each start)')
    .option('--hostname <name>', 'hostname (default: from the config, else edge1)')
    .option('--no-archive', 'turn the archive feature (revert timer) off even if the config has it')
    .option('--archive', 'turn the archive feature on even if the config lacks it')
    .option('--privileged', 'log users in at privilege 15 (default: user EXEC, `enable` needed)')
    .action(actionIn(() => import('../commands/lab.js')));
}
