/**
 * Paces auto deploys while Docker stays busy. Commits follow the debouncer (one per `maxDelayMs`
 * in a long burst: a complete audit trail), but a router config session is dearer than a commit,
 * so while Docker is busy, deploys wait for a pacing interval that doubles after each one, up to
 * a cap. Once Docker is quiet the owed deploy runs at once and the interval resets: a lone
 * `docker run` is deployed without delay, a burst converges right after its last event, and a
 * container that keeps crash-looping costs one deploy per cap, not one per restart.
 *
 * Busy means: more events already wait for the next cycle, or events keep arriving at a burst's
 * rate (a dockerd starting containers one after another leaves gaps longer than the quiet period,
 * which alone would look like quiet).
 */
import type { Clock } from '../ops/clock.js';

export interface PacerOptions {
  /** While busy, the wait after the first deploy of a burst; it doubles after each further one… */
  initialMs: number;
  /** …up to this. */
  maxMs: number;
  /** Docker counts as busy while at least `burstEvents` events arrived in the last `windowMs`. */
  windowMs: number;
  burstEvents: number;
  clock: Clock;
}

export type PaceDecision = 'deploy' | 'paced' | 'nothing';

export class DeployPacer {
  private lastDeployAt: number | null = null;
  /** The wait after the last deploy before another may start while Docker is busy. */
  private intervalMs: number;
  private lastWasBusy = false;
  private owed = false;
  /** Arrival times of recent events, oldest first, none older than `windowMs`. */
  private recent: number[] = [];

  constructor(private readonly options: PacerOptions) {
    this.intervalMs = options.initialMs;
  }

  /**
   * Pacing derived from the debounce ceiling (5 s by default): 10 s after a burst's first deploy,
   * at most 60 s; busy at four events a second over the ceiling (a `docker run` makes two: someone
   * starting containers one after another, each a second or so, is not a burst; `compose up` of
   * dozens, or a dockerd working through hundreds, is).
   */
  static forMaxDelay(maxDelayMs: number, clock: Clock): DeployPacer {
    return new DeployPacer({
      initialMs: 2 * maxDelayMs,
      maxMs: 12 * maxDelayMs,
      windowMs: maxDelayMs,
      burstEvents: Math.max(4, Math.ceil((4 * maxDelayMs) / 1000)),
      clock,
    });
  }

  /** A Docker event arrived. */
  noteEvent(): void {
    const now = this.options.clock.now();
    this.recent.push(now);
    this.prune(now);
  }

  /**
   * After a render/commit cycle: whether to deploy now. `changed`: the cycle committed (or it is
   * the first one); `pending`: more Docker events already wait for the next cycle. A deploy held
   * back is owed: the caller arranges a cycle at `nextAllowedAt`, which takes it at the latest.
   */
  decide(changed: boolean, pending: boolean): PaceDecision {
    if (!changed && !this.owed) return 'nothing';
    const now = this.options.clock.now();
    this.prune(now);
    const busy = pending || this.recent.length >= this.options.burstEvents;
    if (busy && this.lastDeployAt !== null && now - this.lastDeployAt < this.intervalMs) {
      this.owed = true;
      return 'paced';
    }
    this.owed = false;
    this.lastDeployAt = now;
    this.intervalMs = busy && this.lastWasBusy ? Math.min(this.intervalMs * 2, this.options.maxMs) : this.options.initialMs;
    this.lastWasBusy = busy;
    return 'deploy';
  }

  /** When a paced deploy may start even if Docker stays busy. */
  get nextAllowedAt(): number | null {
    return this.lastDeployAt === null ? null : this.lastDeployAt + this.intervalMs;
  }

  /**
   * When an owed deploy should be looked at again: once the pacing interval has passed, or once
   * the event rate has had time to fall quiet (the last event has left the window), if sooner;
   * so a burst's last change reaches the router within one window of its last event.
   */
  get recheckAt(): number | null {
    const allowed = this.nextAllowedAt;
    if (allowed === null) return null;
    const last = this.recent.at(-1);
    return last === undefined ? allowed : Math.min(allowed, last + this.options.windowMs + 1);
  }

  private prune(now: number): void {
    const from = now - this.options.windowMs;
    let drop = 0;
    while (drop < this.recent.length && this.recent[drop]! <= from) drop++;
    if (drop > 0) this.recent.splice(0, drop);
  }
}
