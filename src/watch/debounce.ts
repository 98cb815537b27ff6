/**
 * Debounce with a ceiling: fire once the pokes have been quiet for `quietMs`, but never later than
 * `maxDelayMs` after the first poke of a burst, so a steady trickle of events cannot postpone a
 * re-read for ever. A burst of 500 container starts therefore makes one re-read per `maxDelayMs`
 * at most.
 *
 * With `leading`, a poke after a quiet spell (nothing pending, no poke for `quietMs`) fires at once:
 * a lone `docker run` is acted on without waiting out the quiet period, and a burst costs one
 * re-read more (its first event) than without.
 *
 * A `prelude` poke announces a change that another event completes right after it (Docker's
 * network `connect` comes just before the container's `start`): it arms the trailing fire, so a
 * lone prelude is still acted on, but it neither leads nor breaks the quiet spell, so the event it
 * announces can lead; a leading fire then drops the prelude's trailing fire, whose change that
 * read covers.
 */
import type { Clock } from '../ops/clock.js';

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
  /** The trailing timer was armed by prelude pokes only. */
  private preludeOnly = false;
  /** The immediate fire of a leading poke; later pokes never cancel it, they arm the trailing timer. */
  private leadingTimer: unknown = null;

  constructor(private readonly options: DebounceOptions) {}

  /** Something happened: (re)arm the timer. */
  poke(options: { prelude?: boolean } = {}): void {
    const { clock, quietMs, maxDelayMs } = this.options;
    const now = clock.now();
    if (!options.prelude) {
      const quietBefore =
        this.leadingTimer === null &&
        (this.timer === null || this.preludeOnly) &&
        (this.lastPokeAt === null || now - this.lastPokeAt >= quietMs);
      this.lastPokeAt = now;
      if (this.options.leading && quietBefore) {
        this.dropTrailing();
        this.leadingTimer = clock.setTimeout(() => {
          this.leadingTimer = null;
          this.options.fire();
        }, 0);
        return;
      }
    }
    this.preludeOnly = options.prelude === true && (this.timer === null || this.preludeOnly);
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
    this.dropTrailing();
    if (this.leadingTimer !== null) this.options.clock.clearTimeout(this.leadingTimer);
    this.leadingTimer = null;
    this.lastPokeAt = null;
  }

  private flush(): void {
    this.timer = null;
    this.preludeOnly = false;
    this.firstAt = null;
    this.options.fire();
  }

  private dropTrailing(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.preludeOnly = false;
    this.firstAt = null;
  }
}
