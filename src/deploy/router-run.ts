/** What the phases of one router's deploy share: the request, what has been learnt and done so far. */
import { DeviceError, type Device } from '../device/index.js';
import type { Plan, ScopeOptions } from '../iosxe/index.js';
import type { Phase } from './phase.js';
import { newDeployId, type DeployResult, type FailedLine, type RouterState } from './record.js';
import type { FileContent } from './records-tree.js';
import type { RouterDeployRequest } from './request.js';
import { adviceFor, describeDeviceError, type ScopedSections } from './restore.js';

/** How a run ends: what goes into the record. */
export interface RunEnd {
  result: DeployResult;
  state: RouterState;
  message: string;
}

export interface DeployPhase extends Phase<RouterRun, RunEnd> {
  run(state: RouterRun): Promise<DeployStep>;
  /** Sends nothing: when the run is interrupted, it may be abandoned half-way. */
  readonly sendsNothing?: true;
  /** Brings the old state back (an interrupt does not divert it). */
  readonly restores?: true;
}

export type DeployStep = { readonly next: DeployPhase } | { readonly end: RunEnd };

export const next = (phase: DeployPhase): DeployStep => ({ next: phase });
export const end = (result: DeployResult, state: RouterState, message: string): DeployStep => ({ end: { result, state, message } });

/** A device failure before anything was sent; anything else is unexpected (deploy.ts catches it). */
export function untouched(error: unknown): DeployStep {
  if (!(error instanceof DeviceError)) throw error;
  return end('failed', 'old', `${describeDeviceError(error)}. Nothing was changed on the router: ${adviceFor(error.kind)}`);
}

/** The end of a run interrupted before it sent anything. */
export function interruptedBeforeChange(reason: string): RunEnd {
  return { result: 'failed', state: 'old', message: `interrupted (${reason}) before anything was sent: nothing was changed on the router` };
}

export class RouterRun {
  readonly id: string;
  readonly started = new Date();
  device: Device | undefined;
  archive = false;
  sent: string[] = [];
  rollback: string[] = [];
  failedLines: FailedLine[] = [];
  /** The revert timer translator started (minutes), null without one. */
  timer: number | null = null;
  /** `configure confirm` has been sent: from then on the change is kept and an interrupt no longer reverts it. */
  confirmSent = false;
  saved = false;
  backupBlob: string | null = null;
  /** A run that sends nothing commits its backup with its record (records.ts backupFiles), not before. */
  backupFiles: Record<string, FileContent> = {};
  previousLive: string | null = null;
  plan: Plan | null = null;
  /** The owned config before any change: what a failed deploy brings back. */
  oldSections: ScopedSections = new Map();
  warnings: string[] = [];
  /** The records' live commit, read while the SSH session is being set up (only the record needs it). */
  live: Promise<string | null> = Promise.resolve(null);
  /**
   * Whether the first backup ever recorded for this router had `ip nat outside` (records.ts), read
   * ahead too; null before the first backup. It decides whether that line is translator's to remove.
   */
  outsideNatBefore: Promise<boolean | null> = Promise.resolve(null);
  /** The ownership scope of every plan of this run: the request's, plus what the records say of `ip nat outside`. */
  scope: ScopeOptions;
  /** Why this run no longer holds the router's lease (guard.ts), or null while it does; asked before sending and before confirming. */
  leaseLost: () => string | null = () => null;

  constructor(readonly req: RouterDeployRequest) {
    this.id = newDeployId(req.router.name, this.started);
    this.scope = req.scope;
  }

  get name(): string {
    return this.req.router.name;
  }

  log(message: string): void {
    this.req.log?.(`${this.name}: ${message}`);
  }

  /** Why the run was told to stop (e.g. "SIGINT"), or null while it was not. */
  get interrupted(): string | null {
    const signal = this.req.signal;
    if (!signal?.aborted) return null;
    return typeof signal.reason === 'string' ? signal.reason : 'an abort request';
  }

  /** Starts reading the records while the router is being reached. */
  readRecordsAhead(): void {
    this.live = this.req.records.live(this.name).then((info) => info?.commit ?? null);
    this.live.catch(() => undefined); // awaited before the plan, before anything is sent
    this.outsideNatBefore = this.req.records.outsideNatBeforeTranslator(this.name, this.req.scope);
    this.outsideNatBefore.catch(() => undefined); // awaited before the plan, before anything is sent
  }
}
