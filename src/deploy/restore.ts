/**
 * After a failure once lines may have reached the router: find out where the router is and make
 * it the old state. With the archive feature the router holds the way back (`configure revert
 * now`, or the timer already fired); without it, translator plans from what the router runs now
 * back to the backup and sends that. Either way the result is checked by reading the router.
 *
 * Phases: find-pending → revert-now → read → plan-back → apply-back → check. A pending
 * rollback that translator did not start (another timer value) belongs to another writer: it is
 * neither reverted nor planned over, and the state is `unknown`.
 */
import { DeviceError, type Device, type DeviceErrorKind } from '../device/index.js';
import { cliCommands, normaliseTree, parseConfig, planScoped, scopeConfig, type Command, type ScopedSection, type ScopeOptions } from '../iosxe/index.js';
import { walk, type Phase, type Step } from './phase.js';
import { planRouter } from './routers.js';
import { RouterSession, type ReconnectPolicy } from './session.js';
import { errorText } from '../errors.js';

export type ScopedSections = ReadonlyMap<string, ScopedSection>;

export function scopedSections(running: string, scope: ScopeOptions): ScopedSections {
  return scopeConfig(normaliseTree(parseConfig(running)), scope).sections;
}

export interface RestoreContext {
  router: string;
  /** The session the failure happened on (may be dead). */
  device: Device | undefined;
  connect: () => Promise<Device>;
  archive: boolean;
  /** The revert timer translator started, in minutes (null: none). A pending rollback of another value is not ours. */
  ourTimer: number | null;
  oldSections: ScopedSections;
  intended: string;
  scope: ScopeOptions;
  /** The failure was at `configure confirm`: the change may have been kept; that is the new state, not a failure. */
  acceptNew: boolean;
  /** The failure lost (or desynchronised) the session: start with a fresh one. */
  lostSession: boolean;
  /** Default: three attempts a second apart. */
  reconnect?: ReconnectPolicy;
}

export type RestoredState = 'old' | 'new' | 'unknown';

export interface RestoreEnd {
  state: RestoredState;
  /** What was found and done, in words. */
  detail: string;
}

export interface RestoreResult extends RestoreEnd {
  /** The session used at the end (the caller closes it). */
  device?: Device;
}

/** What the restore phases share. */
export interface RestoreRun {
  readonly ctx: RestoreContext;
  readonly session: RouterSession;
  /** What was found and done so far, in order. */
  readonly notes: string[];
  /** Our rollback was still pending when the restore began (and was reverted). */
  pending: boolean;
  /** The running-config as last read. */
  running: string;
  /** The lines that bring the owned config back to the backup, as last planned. */
  back: Command[];
}

type RestorePhase = Phase<RestoreRun, RestoreEnd>;
type RestoreStep = Step<RestoreRun, RestoreEnd>;

const end = (run: RestoreRun, state: RestoredState, ...more: string[]): RestoreStep => ({
  end: { state, detail: [...run.notes, ...more].join('; ') || 'restored' },
});

export const findPending: RestorePhase = {
  name: 'find-pending',
  async run(run) {
    if (!run.ctx.archive) return { next: read };
    const pending = await run.session.use((d) => d.pendingRollback());
    if (!pending.pending) return { next: read };
    if (pending.minutes !== run.ctx.ourTimer) {
      return end(
        run,
        'unknown',
        `a rollback-confirmed change with a revert timer of ${pending.minutes ?? '?'} min is pending, but translator started one of ` +
          `${run.ctx.ourTimer ?? 'no'} min: another writer is at work on the router, and translator neither reverts nor overwrites its change`,
      );
    }
    return { next: revertNow };
  },
};

export const revertNow: RestorePhase = {
  name: 'revert-now',
  async run(run) {
    await run.session.use((d) => d.revertNow());
    run.pending = true;
    run.notes.push('the revert timer was still pending: sent `configure revert now`');
    return { next: read };
  },
};

export const read: RestorePhase = {
  name: 'read',
  async run(run) {
    run.running = await run.session.use((d) => d.getRunningConfig());
    if (run.ctx.acceptNew && !run.pending && matchesIntended(run.running, run.ctx)) {
      return end(run, 'new', 'the router had kept the change (no rollback pending, running-config matches the intended config): deployed');
    }
    return { next: planBack };
  },
};

export const planBack: RestorePhase = {
  name: 'plan-back',
  async run(run) {
    run.back = planScoped(scopedSections(run.running, run.ctx.scope), run.ctx.oldSections).commands;
    const timerFired = run.ctx.archive && !run.pending;
    if (run.back.length === 0) {
      if (timerFired) run.notes.push('no rollback was pending: the router had already rolled back by itself');
      return end(run, 'old');
    }
    // The timer fired before the push or the confirm was over: lines that came after it stayed.
    if (timerFired) run.notes.push(`no rollback was pending, yet ${run.back.length} owned line(s) differed from the backup (the revert timer had fired before the end)`);
    return { next: applyBack };
  },
};

export const applyBack: RestorePhase = {
  name: 'apply-back',
  async run(run) {
    // No archive, or lines applied after the timer fired: undo by planning towards the backup.
    const lines = cliCommands(run.back);
    await run.session.use((d) => d.apply(lines, { answer: () => 'accept' }));
    run.notes.push(`sent ${lines.length} line(s) planned from the router's current config back to the backup`);
    return { next: check };
  },
};

export const check: RestorePhase = {
  name: 'check',
  async run(run) {
    run.running = await run.session.use((d) => d.getRunningConfig());
    const left = planScoped(scopedSections(run.running, run.ctx.scope), run.ctx.oldSections).commands;
    if (left.length === 0) return end(run, 'old');
    return end(run, 'unknown', `${left.length} owned line(s) still differ from the backup afterwards`);
  },
};

export async function restoreOldState(ctx: RestoreContext): Promise<RestoreResult> {
  if (ctx.lostSession) await ctx.device?.close().catch(() => undefined);
  const notes: string[] = [];
  const session = new RouterSession(ctx.lostSession ? undefined : ctx.device, ctx.connect, notes, ctx.reconnect);
  const run: RestoreRun = { ctx, session, notes, pending: false, running: '', back: [] };
  const device = () => (session.device ? { device: session.device } : {});
  try {
    return { ...(await walk(findPending, run)), ...device() };
  } catch (error) {
    const why = error instanceof DeviceError ? describeDeviceError(error) : errorText(error);
    const timer = ctx.archive ? 'the revert timer, if the change got that far, rolls the router back by itself' : 'there is no revert timer';
    return { state: 'unknown', detail: [...notes, `could not reach the router to restore it (${why}); ${timer}`].join('; '), ...device() };
  }
}

function matchesIntended(running: string, ctx: RestoreContext): boolean {
  try {
    return planRouter(ctx.router, running, ctx.intended, ctx.scope).commands.length === 0;
  } catch {
    return false;
  }
}

/** The message of anything thrown. */
/** A device error in one line: the driver's summary and the device's own words, never a credential. */
export function describeDeviceError(error: DeviceError): string {
  // The router is the context of every message this goes into (a record, a router's line): named there, once.
  const first = `${error.step}: ${error.summary.split('\n')[0]!}`;
  return error.deviceMessage && !first.includes(error.deviceMessage) ? `${first} (device said: ${error.deviceMessage})` : first;
}

/** Any error in one line, a device error as describeDeviceError says it. */
export function describe(error: unknown): string {
  return error instanceof DeviceError ? describeDeviceError(error) : errorText(error);
}

/** What to do about a failure before any change, by kind. */
export function adviceFor(kind: DeviceErrorKind): string {
  switch (kind) {
    case 'auth':
      return 'check the username and password (IOS_USER, IOS_PASS / IOS_PASS_FILE) and the enable secret (IOS_ENABLE_PASS / IOS_ENABLE_PASS_FILE)';
    case 'host-key':
      return "check the router's SSH host key out of band (ssh-keygen -lf), then pin it (routers[].hostKey.fingerprint) or record it in known_hosts; --accept-new-host-key accepts a key never seen before, never a changed one";
    case 'connect':
      return 'check the address and port (routers[].host/port, IOS_MGMT_IP/IOS_MGMT_PORT) and that SSH is reachable from here';
    case 'timeout':
      return 'the router did not answer in time: check it is up and not overloaded, or raise deploy.timeouts';
    default:
      return 'see the device message above, then run again';
  }
}
