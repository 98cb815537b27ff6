/**
 * Debounce with a ceiling: fire once the pokes have been quiet for `quietMs`, but never later than
 * `maxDelayMs` after the first poke of a burst, so a steady trickle of events cannot postpone a
 * re-read for ever. A burst of 500 container starts therefore makes one re-read per `maxDelayMs`
 * at most, and a lone event is seen after `quietMs`.
 */
import type { Clock } from './clock.js';

export interface DebounceOptions {
  quietMs: number;
  maxDelayMs: number;
  clock: Clock;
  fire: () => void;
}

export class Debouncer {
  private firstAt: number | null = null;
  private timer: unknown = null;

  constructor(private readonly options: DebounceOptions) {}

  /** Something happened: (re)arm the timer. */
  poke(): void {
    const { clock, quietMs, maxDelayMs } = this.options;
    const now = clock.now();
    this.firstAt ??= now;
    const deadline = this.firstAt + Math.max(quietMs, maxDelayMs);
    const wait = Math.max(0, Math.min(quietMs, deadline - now));
    if (this.timer !== null) clock.clearTimeout(this.timer);
    this.timer = clock.setTimeout(() => this.flush(), wait);
  }

  /** Whether a fire is pending. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /** Drops a pending fire (shutdown). */
  cancel(): void {
    if (this.timer !== null) this.options.clock.clearTimeout(this.timer);
    this.timer = null;
    this.firstAt = null;
  }

  private flush(): void {
    this.timer = null;
    this.firstAt = null;
    this.options.fire();
  }
}
