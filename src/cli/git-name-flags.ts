import { branchNameProblem, remoteNameProblem } from '../gitops/ref-names.js';
import { ExitCode, UserError } from './exit-codes.js';

/** --remote and --branch as git would take them (never as an option): a usage error before anything runs. */
export function checkGitNameFlags(flags: { remote?: string | undefined; branch?: string | undefined }): void {
  const checks = [
    ['--remote', flags.remote, remoteNameProblem],
    ['--branch', flags.branch, branchNameProblem],
  ] as const;
  for (const [flag, value, problemOf] of checks) {
    const problem = value === undefined ? null : problemOf(value);
    if (problem) throw new UserError(`${flag}: ${problem}`, ExitCode.Usage);
  }
}
