/** Process exit codes, documented in the README. Plan/drift follow Terraform's -detailed-exitcode. */
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

/** An error meant for the user: its message is printed as is, and the process exits with `code`. */
export class UserError extends Error {
  constructor(message: string, readonly code: ExitCode = ExitCode.Error) {
    super(message);
    this.name = 'UserError';
  }
}
