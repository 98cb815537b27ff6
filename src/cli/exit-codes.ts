/**
 * Process exit codes, documented in the README, and the one table that turns an error into one.
 * Plan/drift follow Terraform's -detailed-exitcode. Commands throw; main.ts asks `exitFor`.
 */
import { CommanderError } from 'commander';
import { DeployRefused } from '../deploy/admission.js';
import { DeployBlocked } from '../deploy/lock.js';
import { IntendedError } from '../deploy/intended.js';
import { UnlockRefused } from '../deploy/holders.js';
import { RollbackTargetError } from '../deploy/rollback-target.js';
import { GitOpsError } from '../gitops/errors.js';
import { LayoutError } from '../gitops/layout.js';
import { PlanRefused } from '../iosxe/index.js';
import { DockerReadError, ForgetHostRefused } from '../pipeline.js';
import { RenderError } from '../render/errors.js';
import { SettingsError } from '../settings/load.js';
import { SecretError } from '../settings/secret.js';
import { WatchConfigError } from '../watch/configure.js';
import { WatchStartError } from '../watch/daemon.js';
import { errorText } from '../errors.js';

export const ExitCode = {
  /** Success; for plan/drift with --detailed-exitcode: nothing to do. */
  Ok: 0,
  /** An error: bad settings, unreachable Docker/router, a failed or reverted deploy. */
  Error: 1,
  /** plan/drift with --detailed-exitcode: changes present / drift found. */
  Changes: 2,
  /** Usage error: unknown command or option, missing argument. */
  Usage: 64,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error of the command line itself (a flag's value, a combination of flags): its message is printed as is. */
export class UserError extends Error {
  constructor(message: string, readonly code: ExitCode = ExitCode.Error) {
    super(message);
    this.name = 'UserError';
  }
}

type ErrorKind = abstract new (...args: never[]) => Error;

/**
 * Errors whose message is written for the user, by kind: printed as is, without a stack, with
 * this exit code (and a hint where the command line can help). Anything else is unexpected: its
 * stack is printed, exit 1.
 */
const USER_FACING: ReadonlyArray<{ kind: ErrorKind; code: ExitCode; hint?: string }> = [
  { kind: SettingsError, code: ExitCode.Error },
  { kind: SecretError, code: ExitCode.Error },
  { kind: LayoutError, code: ExitCode.Error },
  { kind: DockerReadError, code: ExitCode.Error, hint: 'use --docker-host or DOCKER_HOST, or --state FILE to render a saved state' },
  { kind: ForgetHostRefused, code: ExitCode.Error },
  { kind: RenderError, code: ExitCode.Error },
  { kind: GitOpsError, code: ExitCode.Error },
  { kind: IntendedError, code: ExitCode.Error },
  { kind: RollbackTargetError, code: ExitCode.Error },
  { kind: PlanRefused, code: ExitCode.Error },
  { kind: DeployBlocked, code: ExitCode.Error },
  { kind: DeployRefused, code: ExitCode.Error },
  { kind: UnlockRefused, code: ExitCode.Error },
  { kind: WatchConfigError, code: ExitCode.Error },
  { kind: WatchStartError, code: ExitCode.Error },
];

/** What the process says and exits with for an error that ended a command. */
export function exitFor(error: unknown): { code: ExitCode; message: string | null } {
  // --help and --version end through here with exit code 0; commander has printed what it had to say.
  if (error instanceof CommanderError) return { code: error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage, message: null };
  if (error instanceof UserError) return { code: error.code, message: error.message };
  const row = USER_FACING.find(({ kind }) => error instanceof kind);
  if (row) return { code: row.code, message: row.hint ? `${errorText(error)}\n(${row.hint})` : errorText(error) };
  return { code: ExitCode.Error, message: `unexpected error: ${error instanceof Error ? error.stack : String(error)}` };
}
