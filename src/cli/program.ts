/**
 * The `translator` command and its subcommands (run.ts runs it; tests walk its options): their
 * definitions only, so that building it loads commander and little else (issue 14).
 */
import { Command } from 'commander';
import { packageVersion } from '../build-info.js';
import { commands } from './definitions/index.js';

export function buildProgram(): Command {
  const program = new Command('translator')
    .description(
      'GitOps for the NAT/VRF edge of Docker hosts: renders macvlan networks and labelled containers ' +
        'into Cisco IOS XE NAT/VRF config, commits it to Git and deploys only the difference over SSH.',
    )
    .version(packageVersion(), '-V, --version', 'print the version (`translator version` for the build)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  for (const register of commands) register(program);
  return program;
}
