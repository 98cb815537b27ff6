// Thin adapter over an interactive ssh2 shell channel: accumulates normalised output
// and lets the driver wait until a condition on it holds. No IOS knowledge here.
import { StringDecoder } from 'node:string_decoder';
import type { ClientChannel } from 'ssh2';
import { endsWithMore, normaliseOutput } from './transcript.js';

export class SessionClosed extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SessionClosed';
  }
}

export class WaitTimeout extends Error {
  constructor(readonly waitedMs: number, readonly tail: string) {
    super(`no answer within ${waitedMs} ms`);
    this.name = 'WaitTimeout';
  }
}

type Check<T> = (buffer: string) => T | undefined;

interface Waiter {
  check: Check<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

export class ShellSession {
  #buffer = '';
  #closed: string | undefined;
  #waiter: Waiter | undefined;
  readonly #decoder = new StringDecoder('utf8');

  constructor(private readonly channel: ClientChannel) {
    const onData = (chunk: Buffer) => this.#onData(this.#decoder.write(chunk));
    channel.on('data', onData);
    channel.stderr.on('data', onData);
    channel.on('close', () => this.markClosed('the device closed the SSH channel'));
    channel.on('error', (error: Error) => this.markClosed(`SSH channel error: ${error.message}`));
  }

  get buffer(): string {
    return this.#buffer;
  }

  get closedReason(): string | undefined {
    return this.#closed;
  }

  /** Drops the first `count` characters (output already attributed). */
  consume(count: number): void {
    this.#buffer = this.#buffer.slice(count);
  }

  write(text: string): void {
    if (this.#closed) throw new SessionClosed(this.#closed);
    this.channel.write(text);
  }

  /** Resolves with the first non-undefined result of `check` on the buffer (now or after new output). */
  wait<T>(check: Check<T>, timeoutMs: number): Promise<T> {
    if (this.#waiter) throw new Error('ShellSession.wait called while another wait is pending');
    const now = check(this.#buffer);
    if (now !== undefined) return Promise.resolve(now);
    if (this.#closed) return Promise.reject(new SessionClosed(this.#closed));
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(new WaitTimeout(timeoutMs, this.#buffer.slice(-400)));
      }, timeoutMs);
      this.#waiter = { check, resolve: resolve as (v: unknown) => void, reject, timer };
    });
  }

  close(): void {
    this.channel.end();
    this.markClosed('closed by the driver');
  }

  #onData(text: string): void {
    if (endsWithMore(text)) this.channel.write(' ');
    this.#buffer += normaliseOutput(text);
    const waiter = this.#waiter;
    if (!waiter) return;
    const result = waiter.check(this.#buffer);
    if (result === undefined) return;
    clearTimeout(waiter.timer);
    this.#waiter = undefined;
    waiter.resolve(result);
  }

  /** Fails the pending wait (and every later one) with SessionClosed. */
  markClosed(reason: string): void {
    if (this.#closed) return;
    this.#closed = reason;
    const waiter = this.#waiter;
    if (!waiter) return;
    clearTimeout(waiter.timer);
    this.#waiter = undefined;
    waiter.reject(new SessionClosed(reason));
  }
}
