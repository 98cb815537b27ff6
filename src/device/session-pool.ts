/**
 * Kept SSH sessions, one per router, for a process that deploys again and again (`translator
 * watch`). A login — TCP, key exchange, authentication, enable, terminal setup — is most of what
 * translator itself adds to a small deploy (issue 14); a kept session skips it. Nothing else of
 * the deploy changes: every run still takes the lock and lease, plans from a fresh `show
 * running-config`, pushes under the revert timer, verifies, confirms and records (src/deploy).
 *
 * A session is handed out to one deploy at a time and kept only when that deploy's use of it
 * ended cleanly: any failed call (a timeout, a lost session, a refused line, config mode left
 * behind) closes it for good. Before it is handed out again it must pass `alive()` (an empty line
 * answered by this router's privileged prompt and nothing else); one that fails, dropped meanwhile
 * or answering wrongly, is closed and a new login made in its place. The deploy then runs exactly
 * as on a fresh login, so a dropped session never costs a change: it costs a login.
 */
import type { ApplyOptions, ConfigCommand, Device, DeviceTarget } from './types.js';

type Connect = (target: DeviceTarget) => Promise<Device>;

interface Kept {
  device: Device;
  /** Who the session was opened as: a changed address, user or secret means a new login. */
  identity: string;
}

interface SessionPoolEvents {
  /** A kept session was handed out again (reused) or a new login was made (opened), and why. */
  onSession?(router: string, how: 'reused' | 'opened', why: string): void;
}

export class SessionPool {
  readonly #kept = new Map<string, Kept>();
  #closed = false;

  constructor(
    private readonly open: Connect,
    private readonly events: SessionPoolEvents = {},
  ) {}

  /** A session to the router: the kept one when it is still alive, else a new login. Hand it back with `close()`. */
  readonly connect = async (target: DeviceTarget): Promise<Device> => {
    const identity = identityOf(target);
    const kept = this.#kept.get(target.name);
    this.#kept.delete(target.name);
    let why = 'no kept session';
    if (kept) {
      if (kept.identity !== identity) why = 'the router settings or credentials changed';
      else if (!kept.device.alive) why = 'the driver cannot check a kept session';
      else if (await kept.device.alive()) {
        this.events.onSession?.(target.name, 'reused', 'the kept session answered its health check');
        return this.#lend(target.name, identity, kept.device);
      } else why = 'the kept session failed its health check (dropped, or not at the privileged prompt)';
      await kept.device.close().catch(() => undefined);
    }
    const device = await this.open(target);
    this.events.onSession?.(target.name, 'opened', why);
    return this.#lend(target.name, identity, device);
  };

  /** Closes every kept session (the daemon stops); sessions lent out are closed when handed back. */
  async close(): Promise<void> {
    this.#closed = true;
    const kept = [...this.#kept.values()];
    this.#kept.clear();
    await Promise.all(kept.map(({ device }) => device.close().catch(() => undefined)));
  }

  /** The device as a deploy sees it; its `close()` hands it back, kept only if no call failed. */
  #lend(router: string, identity: string, device: Device): Device {
    let clean = true;
    let returned = false;
    const watch = <T>(call: Promise<T>): Promise<T> =>
      call.catch((error: unknown) => {
        clean = false;
        throw error;
      });
    return {
      name: device.name,
      getRunningConfig: () => watch(device.getRunningConfig()),
      apply: (commands: ReadonlyArray<ConfigCommand | string>, options?: ApplyOptions) => watch(device.apply(commands, options)),
      confirm: () => watch(device.confirm()),
      revertNow: () => watch(device.revertNow()),
      save: () => watch(device.save()),
      hasArchive: () => watch(device.hasArchive()),
      pendingRollback: () => watch(device.pendingRollback()),
      close: async () => {
        if (returned) return;
        returned = true;
        if (clean && !this.#closed && !this.#kept.has(router)) this.#kept.set(router, { device, identity });
        else await device.close();
      },
    };
  }
}

/** Address, user and secrets of a target, compared in memory only (never printed). */
function identityOf(target: DeviceTarget): string {
  return JSON.stringify([target.host, target.port, target.username, target.password.reveal(), target.enablePassword?.reveal() ?? null, target.hostKey]);
}
