#!/usr/bin/env node
import { Command, CommanderError } from 'commander';
import { commands } from './commands/index.js';
import { ExitCode, UserError } from './exit-codes.js';
import { GitOpsError } from '../gitops/errors.js';
import { RenderError } from '../render/errors.js';
import { SettingsError } from '../settings/load.js';
import { SecretError } from '../settings/secret.js';

/** Errors of the stages whose message is written for the user: printed as is, exit 1, no stack. */
const USER_FACING = [GitOpsError, RenderError, SettingsError, SecretError];

export function buildProgram(): Command {
  const program = new Command('translator')
    .description(
      'GitOps for the NAT/VRF edge of Docker hosts: renders macvlan networks and labelled containers ' +
        'into Cisco IOS XE NAT/VRF config, commits it to Git and deploys only the difference over SSH.',
    )
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
    if (error instanceof CommanderError) {
      // --help and --version end through here with exit code 0.
      return error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage;
    }
    if (error instanceof UserError) {
      process.stderr.write(`translator: ${error.message}\n`);
      return error.code;
    }
    if (USER_FACING.some((kind) => error instanceof kind)) {
      process.stderr.write(`translator: ${(error as Error).message}\n`);
      return ExitCode.Error;
    }
    process.stderr.write(`translator: unexpected error: ${error instanceof Error ? error.stack : String(error)}\n`);
    return ExitCode.Error;
  }
}

process.exitCode = await main(process.argv);
