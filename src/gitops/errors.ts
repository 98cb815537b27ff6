/** Failures of the GitOps stage that a user can act on; `code` lets the CLI choose an exit code. */
export type GitOpsErrorCode =
  /** The directory is not inside a Git work tree (and init was not asked for). */
  | 'not-a-repo'
  /** Someone else's uncommitted change sits in a file translator writes. */
  | 'foreign-change'
  /** `git commit` itself failed (e.g. a pre-commit hook refused): git's message says why. */
  | 'commit-failed'
  /** The remote changed the same files as a local commit: nothing was pushed. */
  | 'push-conflict'
  /** An uncommitted local change is in a file the remote changed: cannot update the work tree. */
  | 'local-change-blocks-update'
  /** The remote kept moving: still rejected after the allowed number of retries. */
  | 'push-retries-exhausted'
  /** Any other push refusal (permissions, hooks, unreachable remote, no commits). */
  | 'push-failed';

export class GitOpsError extends Error {
  constructor(
    readonly code: GitOpsErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'GitOpsError';
  }
}
