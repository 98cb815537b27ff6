/** What one deploy leaves in Git (docs/records.md "Deploy records"): plain, JSON-serialisable data. */
import type { Actor } from './actor.js';

export type DeployKind = 'deploy' | 'rollback' | 'drift-fix' | 'decommission';

export type DeployResult =
  /** Changes applied, verified, confirmed: the router is in the new state. */
  | 'success'
  /** Nothing to do: the router already matched the intended config. */
  | 'unchanged'
  /** Something failed after changes started; the router was brought back to the old state. */
  | 'reverted'
  /** Failed before any change (login, host key, timeout, settings): the router is as it was. */
  | 'failed'
  /** Refused by a safety rule (lock held, rollback pending, no archive, plan conflict): nothing changed. */
  | 'refused'
  /** The router's state could not be established: a person must look (message says how). */
  | 'unknown';

/** The router's state after the run. */
export type RouterState = 'new' | 'old' | 'unknown';

export interface FailedLine {
  /** 1-based position among the lines sent. */
  position: number;
  line: string;
  /** The device's own words. */
  messages: string[];
  question?: { text: string; answer: string };
}

export interface DeployRecord {
  /** Unique and sortable: `<UTC time>-<router>-<random>`. */
  id: string;
  router: string;
  kind: DeployKind;
  /** The ref as asked (branch, tag, sha) and the commit it named: the intended config deployed. */
  ref: string;
  commit: string;
  /** The commit that was live on the router before (from the records), null when none was recorded. */
  previousLive: string | null;
  started: string;
  ended: string;
  actor: Actor;
  result: DeployResult;
  state: RouterState;
  /** What happened and what to do, in words. */
  message: string;
  /** The lines sent in config mode, in order (empty when nothing was sent). */
  commands: string[];
  /** The lines that undo `commands` (kept ready; used when the router has no archive feature). */
  rollback: string[];
  failedLines: FailedLine[];
  /** How the change was protected: the revert timer in minutes, or null without archive. */
  revertTimerMinutes: number | null;
  saved: boolean;
  /** Blob of routers/<router>/running.cfg on the records branch: the scoped backup taken before. */
  backupBlob: string | null;
  /** Summary counts of the plan (objects added/changed/removed). */
  summary: { add: number; change: number; remove: number } | null;
  /** Unmarked objects the run was told to take over (--adopt), empty when none; absent in records written before it existed. */
  adopt?: string[];
  /** What the fleet check found and --force overrode (another router holding a VLAN or global IP), empty when nothing; absent in records written before it existed. */
  forced?: string[];
  /**
   * The checks an option let through (admission.ts), in words: `--allow-unreviewed: <commit> is not
   * reachable from the deploy branch main (…)`, `--ignore-deny-window: the deny window … is open until …`;
   * empty when none; absent in records written before it existed.
   */
  overrides?: string[];
}

/** Records that mean the intended commit is what the router runs. */
export function isLive(record: DeployRecord): boolean {
  return record.result === 'success' || record.result === 'unchanged';
}

export function newDeployId(router: string, now: Date = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${router}-${Math.random().toString(16).slice(2, 8)}`;
}

/** One line of routers/<router>/deploys.log: grep-able, newest last. */
export function logLine(record: DeployRecord): string {
  return [record.ended, record.result.padEnd(9), record.kind.padEnd(9), record.commit.slice(0, 12), `${record.commands.length} lines`, record.id, record.actor.name].join('  ');
}
