import type { Command } from 'commander';
import { DEFAULT_MARKER, DEFAULT_PREFIX } from '../../iosxe/options.js';
import { actionIn } from '../action.js';
import { withFormatOption } from '../format.js';
import { PLAN_FORMATS } from '../plan-options.js';

export function register(program: Command): void {
  const command = program
    .command('plan')
    .summary('the commands that would bring routers (or a saved running-config) to the intended config')
    .description(
      'Compares a saved running-config with an intended config and prints the IOS XE commands that would ' +
        'bring the owned part of the router to the intent, without touching a router. Only owned objects are ' +
        'considered: VRFs and INSIDE sub-interfaces whose description starts with the marker, ACLs and ' +
        'route-maps named with the prefix, NAT lines of owned VRFs, and `ip nat outside` on OUTSIDE.\n' +
        'Interfaces, marker and prefix come from the flags, else from <repo>/translator.yaml (with --repo), ' +
        'else from the intended file itself (the interface with `ip nat outside`, the parent of the sub-interfaces).\n' +
        'Online (no --running): the intended config is read from the repository at --ref (default: the tip of the ' +
        'deploy branch, never the work tree) and the running-config from each router over SSH (--router R, --all, ' +
        'or the only one configured). Never changes a router.\n' +
        'From the records (--from-records): no router is read and no credential is needed (pull-request plans); each router ' +
        'is taken to hold what the records branch last knew (the live intended config, or the last backup), and the output ' +
        'says which and how old it is.\n' +
        'Exit codes: 0 success (with --detailed-exitcode: no changes), 2 changes (--detailed-exitcode), 1 error.',
    )
    .option('--running <file>', 'saved `show running-config` output (offline); without it the router is read over SSH')
    .option('--intended <file>', 'intended config file')
    .option('--repo <dir>', 'GitOps repository: read routers/<router>/intended.cfg and translator.yaml')
    .option('--router <name>', 'router folder in the repository (default: the only one)')
    .option('--detailed-exitcode', 'exit 2 when there are changes, 0 when there are none')
    .option('--adopt <name...>', 'take over these unmarked objects (VRF or interface names); the plan marks them', [])
    .option('--marker <text>', `ownership marker at the start of descriptions (default ${DEFAULT_MARKER})`)
    .option('--prefix <text>', `owned ACL and route-map name prefix (default ${DEFAULT_PREFIX})`)
    .option('--inside <interface>', 'parent interface of the tenant sub-interfaces')
    .option('--outside <interface>', 'interface whose `ip nat outside` line is owned')
    .option('--all', 'online: every configured router')
    .option('--ref <ref>', 'online: commit, tag or branch holding the intended config (default: the tip of the deploy branch)')
    .option('--config <file>', 'settings file (default: <repo>/translator.yaml)')
    .option('--accept-new-host-key', "online: accept and record a router's SSH host key never seen before")
    .option('--from-records', 'no router access: plan against what the records branch last knew each router to hold, saying how old that is');
  withFormatOption(command, PLAN_FORMATS).action(actionIn(() => import('../commands/plan.js')));
}
