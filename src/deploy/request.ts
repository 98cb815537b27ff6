/** What one router's deploy is asked to do, and what it gives back (deploy.ts runs it). */
import type { Device, DeviceTarget } from '../device/index.js';
import type { Plan, ScopeOptions } from '../iosxe/index.js';
import type { RouterSettings } from '../settings/load.js';
import type { Actor } from './actor.js';
import type { InUsePolicy } from './in-use.js';
import type { DeployKind, DeployRecord } from './record.js';
import type { RecordsStore } from './records.js';

export type SavePolicy = 'always' | 'never' | 'on-change';

export interface DeployOptions {
  revertTimerMinutes: number;
  save: SavePolicy;
  inUse: InUsePolicy;
  allowNoArchive: boolean;
  lockDir: string;
}

export interface RouterDeployRequest {
  router: RouterSettings;
  /** Ownership scope; `scope.adopt` (--adopt) is recorded. */
  scope: ScopeOptions;
  kind: DeployKind;
  /** The ref as the user gave it, the commit it resolved to, and the intended config there. */
  ref: string;
  commit: string;
  intended: string;
  options: DeployOptions;
  actor: Actor;
  records: RecordsStore;
  /** Resolves credentials (may throw: missing secret, no host key policy). */
  target: () => DeviceTarget;
  connect: (target: DeviceTarget) => Promise<Device>;
  /** Asked before anything is sent (interactive runs); absent = approved. `signal` as below. */
  approve?: (router: string, plan: Plan, signal?: AbortSignal) => Promise<boolean>;
  log?: (message: string) => void;
  /** Lines answered by the router so far during the push (for a progress display). */
  onPush?: (router: string, answered: number, total: number) => void;
  /**
   * Stops the run (SIGINT/SIGTERM in the CLI; the reason, e.g. "SIGINT", is quoted in the
   * record). Before anything is sent: ends at once, nothing changed. During the push: the
   * session is closed so no further line is sent, then the change is reverted. Between the
   * push and `configure confirm`: reverted. Once `configure confirm` has been sent the change
   * is kept and the run finishes. Every run is recorded.
   */
  signal?: AbortSignal;
  /** What the fleet check found and --force overrode (fleet.ts), kept in the record. */
  forced?: string[];
  /** The checks --allow-unreviewed or --ignore-deny-window let through (admission.ts), kept in the record. */
  overrides?: string[];
}

export interface RouterDeployOutcome {
  record: DeployRecord;
  /** The records-branch commit holding the record, null when recording failed (recordProblem says why). */
  recordCommit: string | null;
  /** Where the record was kept instead when it could not be committed (unrecorded.ts), else null. */
  unrecorded: string | null;
  /** Why the record is not on the records branch and where it is instead, null when it is. */
  recordProblem: string | null;
  plan: Plan | null;
  warnings: string[];
}
