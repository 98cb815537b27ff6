/**
 * The one table from the errors the stages throw to what the process says and exits with
 * (exit-codes.ts loads it when a command ends with an error other than a command-line one).
 */
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
import { ExitCode, type Exit } from './exit-codes.js';

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

/** What the process says and exits with for an error a stage threw (or anything else thrown). */
export function exitForThrown(error: unknown): Exit {
  const row = USER_FACING.find(({ kind }) => error instanceof kind);
  if (row) return { code: row.code, message: row.hint ? `${errorText(error)}\n(${row.hint})` : errorText(error) };
  return { code: ExitCode.Error, message: `unexpected error: ${error instanceof Error ? error.stack : String(error)}` };
}
