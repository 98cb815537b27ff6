#!/usr/bin/env node
import { Command } from 'commander';
import { packageVersion } from '../build-info.js';
import { commands } from './commands/index.js';
import { ExitCode, exitFor } from './exit-codes.js';

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

/**
 * Output is for whoever watches, never a condition of the work: a closed pipe (`| head -2`), a
 * full disk behind `2>file` or a terminal gone away makes writes fail, and a failed write must
 * not end a run that is changing a router (Node would throw the stream's error event). Such
 * errors are dropped; the run finishes or reverts and records as it would have anyway.
 */
function ignoreOutputErrors(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

async function main(argv: string[]): Promise<number> {
  ignoreOutputErrors();
  try {
    await buildProgram().parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    const { code, message } = exitFor(error);
    if (message !== null) process.stderr.write(`translator: ${message}\n`);
    return code;
  }
}

process.exitCode = await main(process.argv);
