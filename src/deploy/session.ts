/**
 * A router session that survives a lost connection: an operation that finds the session dead
 * (lost, timed out, out of step) is retried once on a fresh one. Used where the answer matters
 * more than the session it came from: restoring the old state, and the reads after
 * `configure confirm`.
 */
import { DeviceError, type Device, type DeviceErrorKind } from '../device/index.js';

/** Failures after which the session cannot be used any more (the driver closed it, or should have). */
const DEAD_SESSION: readonly DeviceErrorKind[] = ['session-lost', 'timeout', 'protocol'];

export function isDeadSession(error: unknown): boolean {
  return error instanceof DeviceError && DEAD_SESSION.includes(error.kind);
}

export interface ReconnectPolicy {
  attempts: number;
  pauseMs: number;
}

const RECONNECT: ReconnectPolicy = { attempts: 3, pauseMs: 1000 };

export class RouterSession {
  #device: Device | undefined;

  /**
   * Without `device` (none yet, or the old one is known to be dead) the first use connects
   * afresh. `notes` receives what happened to the session, in words ("reconnected (attempt 2)").
   */
  constructor(
    device: Device | undefined,
    private readonly connect: () => Promise<Device>,
    private readonly notes: string[] = [],
    private readonly policy: ReconnectPolicy = RECONNECT,
  ) {
    this.#device = device;
  }

  /** The session in use now (the caller closes it at the end). */
  get device(): Device | undefined {
    return this.#device;
  }

  /** Runs `op` on the current session; a dead session is replaced once. */
  async use<T>(op: (device: Device) => Promise<T>): Promise<T> {
    this.#device ??= await this.#reconnect();
    try {
      return await op(this.#device);
    } catch (error) {
      if (!isDeadSession(error)) throw error;
      await this.#device.close().catch(() => undefined);
      this.#device = undefined;
      this.#device = await this.#reconnect();
      return op(this.#device);
    }
  }

  async #reconnect(): Promise<Device> {
    let last: unknown;
    for (let attempt = 1; attempt <= this.policy.attempts; attempt++) {
      try {
        const fresh = await this.connect();
        this.notes.push(`reconnected${attempt > 1 ? ` (attempt ${attempt})` : ''}`);
        return fresh;
      } catch (error) {
        last = error;
        if (attempt < this.policy.attempts) await new Promise((r) => setTimeout(r, this.policy.pauseMs));
      }
    }
    throw last;
  }
}
