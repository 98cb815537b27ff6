/**
 * Process exit codes, documented in the README, and how an error that ended a command becomes
 * one. Plan/drift follow Terraform's -detailed-exitcode. Commands throw; run.ts's `exitFor` says which.
 * Every command loads this file, so it stays small: the table of the errors written for the user
 * (user-facing-errors.ts) imports the modules that throw them — most of translator — and is loaded
 * only when such an error has to be told apart from an unexpected one (issue 14).
 */
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

/** What the process says (null: nothing more) and exits with. */
export interface Exit {
  code: ExitCode;
  message: string | null;
}
