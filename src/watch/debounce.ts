/**
 * Debounce with a ceiling: fire once the pokes have been quiet for `quietMs`, but never later than
 * `maxDelayMs` after the first poke of a burst, so a steady trickle of events cannot postpone a
 * re-read for ever. A burst of 500 container starts therefore makes one re-read per `maxDelayMs`
 * at most.
 *
 * With `leading`, a poke after a quiet spell (nothing pending, no poke for `quietMs`) fires at once:
 * a lone `docker run` is acted on without waiting out the quiet period, and a burst costs one
 * re-read more (its first event) than without.
 */
import type { Clock } from './clock.js';

export interface DebounceOptions {
  quietMs: number;
  maxDelayMs: number;
  leading?: boolean;
  clock: Clock;
  fire: () => void;
}

export class Debouncer {
  private firstAt: number | null = null;
  private lastPokeAt: number | null = null;
  private timer: unknown = null;
  /** The immediate fire of a leading poke; later pokes never cancel it, they arm the trailing timer. */
  private leadingTimer: unknown = null;

  constructor(private readonly options: DebounceOptions) {}

  /** Something happened: (re)arm the timer. */
  poke(): void {
    const { clock, quietMs, maxDelayMs } = this.options;
    const now = clock.now();
    const quietBefore = !this.pending && (this.lastPokeAt === null || now - this.lastPokeAt >= quietMs);
    this.lastPokeAt = now;
    if (this.options.leading && quietBefore) {
      this.leadingTimer = clock.setTimeout(() => {
        this.leadingTimer = null;
        this.options.fire();
      }, 0);
      return;
    }
    this.firstAt ??= now;
    const deadline = this.firstAt + Math.max(quietMs, maxDelayMs);
    const wait = Math.max(0, Math.min(quietMs, deadline - now));
    if (this.timer !== null) clock.clearTimeout(this.timer);
    this.timer = clock.setTimeout(() => this.flush(), wait);
  }

  /** Whether a fire is pending. */
  get pending(): boolean {
    return this.timer !== null || this.leadingTimer !== null;
  }

  /** Drops a pending fire (shutdown). */
  cancel(): void {
    for (const timer of [this.timer, this.leadingTimer]) if (timer !== null) this.options.clock.clearTimeout(timer);
    this.timer = this.leadingTimer = null;
    this.firstAt = null;
    this.lastPokeAt = null;
  }

  private flush(): void {
    this.timer = null;
    this.firstAt = null;
    this.options.fire();
  }
}
