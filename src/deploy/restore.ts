/**
 * After a failure once lines may have reached the router: find out where the router is and make
 * it the old state. With the archive feature the router holds the way back (`configure revert
 * now`, or the timer already fired); without it, translator plans from what the router runs now
 * back to the backup and sends that. Either way the result is checked by reading the router.
 */
import { DeviceError, type Device, type DeviceErrorKind } from '../device/index.js';
import { cliCommands, normaliseTree, parseConfig, planScoped, plan, scopeConfig, type ScopedSection, type ScopeOptions } from '../iosxe/index.js';

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
  oldSections: ScopedSections;
  intended: string;
  scope: ScopeOptions;
  /** The failure was at `configure confirm`: the change may have been kept; that is the new state, not a failure. */
  acceptNew: boolean;
  /** The failure lost (or desynchronised) the session: start with a fresh one. */
  lostSession: boolean;
}

export interface RestoreResult {
  state: 'old' | 'new' | 'unknown';
  /** What was found and done, in words. */
  detail: string;
  /** The session used at the end (the caller closes it). */
  device?: Device;
}

const RECONNECT_ATTEMPTS = 3;
const RECONNECT_PAUSE_MS = 1000;

export async function restoreOldState(ctx: RestoreContext): Promise<RestoreResult> {
  const notes: string[] = [];
  let device = ctx.lostSession ? undefined : ctx.device;
  if (ctx.lostSession) await ctx.device?.close().catch(() => undefined);

  const reconnect = async (): Promise<Device> => {
    let last: unknown;
    for (let attempt = 1; attempt <= RECONNECT_ATTEMPTS; attempt++) {
      try {
        const fresh = await ctx.connect();
        notes.push(`reconnected${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
        return fresh;
      } catch (error) {
        last = error;
        await new Promise((r) => setTimeout(r, RECONNECT_PAUSE_MS));
      }
    }
    throw last;
  };
  /** Runs `op` on the current session; a dead session is replaced once. */
  const use = async <T>(op: (d: Device) => Promise<T>): Promise<T> => {
    if (!device) device = await reconnect();
    try {
      return await op(device);
    } catch (error) {
      if (!(error instanceof DeviceError) || !['session-lost', 'timeout', 'protocol'].includes(error.kind)) throw error;
      await device.close().catch(() => undefined);
      device = await reconnect();
      return op(device);
    }
  };

  try {
    let pending = false;
    if (ctx.archive) {
      pending = (await use((d) => d.pendingRollback())).pending;
      if (pending) {
        await use((d) => d.revertNow());
        notes.push('the revert timer was still pending: sent `configure revert now`');
      }
    }
    let running = await use((d) => d.getRunningConfig());
    if (ctx.acceptNew && !pending && matchesIntended(running, ctx)) {
      return { state: 'new', detail: [...notes, 'the router had kept the change (no rollback pending, running-config matches the intended config): deployed'].join('; '), device };
    }
    let back = planScoped(scopedSections(running, ctx.scope), ctx.oldSections).commands;
    if (back.length === 0) {
      if (ctx.archive && !pending) notes.push('no rollback was pending: the router had already rolled back by itself');
      return { state: 'old', detail: notes.join('; ') || 'restored', device };
    }
    if (ctx.archive && !pending) {
      // The timer fired before the push or the confirm was over: lines that came after it stayed.
      notes.push(`no rollback was pending, yet ${back.length} owned line(s) differed from the backup (the revert timer had fired before the end)`);
    }
    // No archive, or lines applied after the timer fired: undo by planning towards the backup.
    const lines = cliCommands(back);
    await use((d) => d.apply(lines, { answer: () => 'accept' }));
    notes.push(`sent ${lines.length} line(s) planned from the router's current config back to the backup`);
    running = await use((d) => d.getRunningConfig());
    back = planScoped(scopedSections(running, ctx.scope), ctx.oldSections).commands;
    if (back.length === 0) return { state: 'old', detail: notes.join('; '), device };
    return { state: 'unknown', detail: [...notes, `${back.length} owned line(s) still differ from the backup afterwards`].join('; '), device };
  } catch (error) {
    const why = error instanceof DeviceError ? describeDeviceError(error) : (error as Error).message;
    const timer = ctx.archive ? 'the revert timer, if the change got that far, rolls the router back by itself' : 'there is no revert timer';
    return { state: 'unknown', detail: [...notes, `could not reach the router to restore it (${why}); ${timer}`].join('; '), ...(device ? { device } : {}) };
  }
}

function matchesIntended(running: string, ctx: RestoreContext): boolean {
  try {
    return plan(parseConfig(running), parseConfig(ctx.intended), ctx.scope).commands.length === 0;
  } catch {
    return false;
  }
}

/** A device error in one line: the driver's summary and the device's own words, never a credential. */
export function describeDeviceError(error: DeviceError): string {
  const [first] = error.message.split('\n');
  return error.deviceMessage && !first!.includes(error.deviceMessage) ? `${first} (device said: ${error.deviceMessage})` : first!;
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
