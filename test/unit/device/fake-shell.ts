// The output half of a fake device for the driver's Shell: a buffer the driver waits on, filled
// as a network would fill it (in random chunks, later). Subclasses decide what the device answers.
import type { Shell } from '../../../src/device/config-push.js';

export abstract class FakeShell implements Shell {
  buffer = '';
  #waiter: { check: (buffer: string) => unknown; resolve: (value: unknown) => void } | undefined;
  #seed = 7;

  abstract write(text: string): void;

  consume(count: number): void {
    this.buffer = this.buffer.slice(count);
  }

  wait<T>(check: (buffer: string) => T | undefined, timeoutMs: number): Promise<T> {
    const now = check(this.buffer);
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(this.timeoutMessage(timeoutMs))), timeoutMs);
      this.#waiter = { check, resolve: (value) => (clearTimeout(timer), resolve(value as T)) };
    });
  }

  protected timeoutMessage(timeoutMs: number): string {
    return `fake timeout ${timeoutMs}`;
  }

  /** Delivers text in random chunks, as a network would. */
  protected emit(text: string): void {
    let rest = text;
    while (rest.length > 0) {
      const size = 1 + Math.floor(this.#random() * 40);
      const chunk = rest.slice(0, size);
      rest = rest.slice(size);
      setImmediate(() => this.#deliver(chunk));
    }
  }

  #random(): number {
    this.#seed = (this.#seed * 1103515245 + 12345) % 2 ** 31;
    return this.#seed / 2 ** 31;
  }

  #deliver(chunk: string): void {
    this.buffer += chunk;
    const waiter = this.#waiter;
    if (!waiter) return;
    const result = waiter.check(this.buffer);
    if (result === undefined) return;
    this.#waiter = undefined;
    waiter.resolve(result);
  }
}
