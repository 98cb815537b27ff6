/**
 * The `translator` command and its subcommands (run.ts runs it; tests walk its options): their
 * definitions only, so that building it loads commander and little else (issue 14).
 */
import { Command } from 'commander';
import { packageVersion } from '../build-info.js';
import { COMMANDS } from './definitions/index.js';

function rootCommand(): Command {
  return new Command('translator')
    .description(
      'GitOps for the NAT/VRF edge of Docker hosts: renders macvlan networks and labelled containers ' +
        'into Cisco IOS XE NAT/VRF config, commits it to Git and deploys only the difference over SSH.',
    )
    .version(packageVersion(), '-V, --version', 'print the version (`translator version` for the build)')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
}

/** The program with every command: what `translator --help` lists. */
export async function buildProgram(): Promise<Command> {
  const program = rootCommand();
  const definitions = await Promise.all(Object.values(COMMANDS).map((load) => load()));
  for (const { register } of definitions) register(program);
  return program;
}

/** The root's own version flags: commander prints the version as soon as it meets one. */
const VERSION_FLAGS = ['-V', '--version'];

/**
 * The program to parse `argv` (process.argv) with: when its first argument names a command, with
 * that command alone (its help, options and errors are the same; the other definitions are not
 * loaded); for `--version`, with none; else with every command.
 */
export async function programFor(argv: readonly string[]): Promise<Command> {
  const name = argv[2];
  if (name !== undefined && VERSION_FLAGS.includes(name)) return rootCommand();
  const load = name !== undefined && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (load === undefined) return buildProgram();
  const program = rootCommand();
  (await load()).register(program);
  return program;
}
