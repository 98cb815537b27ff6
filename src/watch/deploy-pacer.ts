/**
 * Paces auto deploys while Docker stays busy. Commits follow the debouncer (one per `maxDelayMs`
 * in a long burst: a complete audit trail), but a router config session is dearer than a commit,
 * so while events keep coming, deploys wait for a pacing interval that doubles after each one, up
 * to a cap. The moment Docker goes quiet the owed deploy runs at once and the interval resets:
 * a lone `docker run` is deployed without delay, and a burst still converges right after its last
 * event. A container that keeps crash-looping therefore costs one deploy per cap, not per restart.
 */
import type { Clock } from './clock.js';

export interface PacerOptions {
  /** While busy, the wait after the first deploy of a burst; it doubles after each further one… */
  initialMs: number;
  /** …up to this. */
  maxMs: number;
  clock: Clock;
}

export class DeployPacer {
  private lastDeployAt: number | null = null;
  /** The wait after the last deploy before another may start while Docker is busy. */
  private intervalMs: number;
  private lastWasBusy = false;
  private owed = false;

  constructor(private readonly options: PacerOptions) {
    this.intervalMs = options.initialMs;
  }

  /** Pacing derived from the debounce ceiling (5 s by default): 10 s after a burst's first deploy, at most 60 s. */
  static forMaxDelay(maxDelayMs: number, clock: Clock): DeployPacer {
    return new DeployPacer({ initialMs: 2 * maxDelayMs, maxMs: 12 * maxDelayMs, clock });
  }

  /**
   * After a render/commit cycle: whether to deploy now. `changed`: the cycle committed (or it is
   * the first one); `busy`: more Docker events are already waiting for the next cycle. A deploy
   * held back is owed and taken by a later cycle, at the latest the one after Docker goes quiet.
   */
  decide(changed: boolean, busy: boolean): 'deploy' | 'paced' | 'nothing' {
    if (!changed && !this.owed) return 'nothing';
    const now = this.options.clock.now();
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

  /** When the next deploy may start while Docker stays busy (for the log). */
  get nextAllowedAt(): number | null {
    return this.lastDeployAt === null ? null : this.lastDeployAt + this.intervalMs;
  }
}
