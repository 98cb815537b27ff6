/**
 * A long-lived git process that answers questions written to its stdin, one after another: the
 * object reader (`cat-file --batch`, cat-file.ts) and the object and ref writers (`hash-object
 * --stdin-paths`, `update-ref --stdin`, object-writer.ts). Spawning git from a daemon of 100+ MB
 * blocks its event loop for several milliseconds each time (the fork copies the page tables): the
 * watch daemon spent more time in `spawn` than in all its own code (issue 14), so the git work of
 * every cycle goes through processes kept for the purpose.
 *
 * While nothing is asked the process holds no reference on the event loop (a CLI ends as usual;
 * git then reads end-of-file and exits), and after `lingerMs` without a question it is ended (a
 * daemon that opens repositories again and again keeps no idle git behind). When it dies or is
 * killed (no answer for the idle timeout while something is asked), everything waiting fails with
 * git's own message and the next question starts a new one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';

/**
 * How answers are read: the first answer at the start of `buffer`, with the bytes it used; null
 * while it is incomplete. A string is an answer git should never give: the process is killed.
 */
export type AnswerReader<A> = (buffer: Buffer) => { answer: A; used: number } | null | string;

interface Asked<A> {
  expected: number;
  answers: A[];
  resolve: (answers: A[]) => void;
  reject: (error: Error) => void;
}

export class KeptProcess<A> {
  #child: ChildProcessWithoutNullStreams | null = null;
  readonly #asked: Array<Asked<A>> = [];
  #buffer: Buffer = Buffer.alloc(0);
  #stderr = '';
  #idle: NodeJS.Timeout | null = null;
  #linger: NodeJS.Timeout | null = null;

  /** `start` spawns the git process; `what` names it in errors (e.g. "git cat-file --batch"). */
  constructor(
    private readonly what: string,
    private readonly start: () => ChildProcessWithoutNullStreams,
    private readonly reader: AnswerReader<A>,
    private readonly idleTimeoutMs = 120_000,
    private readonly lingerMs = 10_000,
  ) {}

  /** Writes `input` (whole lines) and resolves with the `expected` answers it brings, in order. */
  ask(input: string, expected: number): Promise<A[]> {
    if (expected === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const child = this.#process();
      this.#asked.push({ expected, answers: [], resolve, reject });
      this.#hold(true);
      this.#alive();
      child.stdin.write(input);
    });
  }

  /** Ends the process (git exits on end-of-file); waiting questions fail. */
  close(): void {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    this.#fail(new Error(`${this.what} was closed`));
    child.stdin.end();
  }

  #process(): ChildProcessWithoutNullStreams {
    if (this.#child) return this.#child;
    const child = this.start();
    this.#child = child;
    this.#buffer = Buffer.alloc(0);
    this.#stderr = '';
    // A process closed or killed may still write: what it says is no answer to the next one's questions.
    child.stdout.on('data', (chunk: Buffer) => {
      if (this.#child !== child) return;
      this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
      this.#alive();
      this.#parse();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.#child === child) this.#stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => undefined); // git exited: 'close' says why
    const gone = (why: string) => {
      if (this.#child !== child) return;
      this.#child = null;
      this.#fail(new Error(`${this.what} ${why}${this.#stderr.trim() ? `: ${this.#stderr.trim()}` : ''}`));
    };
    child.on('error', (error) => gone(`could not run (${error.message})`));
    child.on('close', (code, signal) => gone(signal ? `was killed by ${signal}` : `exited (code ${code})`));
    return child;
  }

  /** Takes every complete answer off the buffer. */
  #parse(): void {
    while (this.#asked.length > 0) {
      const asked = this.#asked[0]!;
      const read = this.reader(this.#buffer);
      if (read === null) return;
      if (typeof read === 'string') {
        this.#kill(read);
        return;
      }
      asked.answers.push(read.answer);
      this.#buffer = this.#buffer.subarray(read.used);
      if (asked.answers.length === asked.expected) {
        this.#asked.shift();
        asked.resolve(asked.answers);
      }
    }
    this.#hold(false);
    this.#alive();
  }

  #fail(error: Error): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    for (const asked of this.#asked.splice(0)) asked.reject(error);
  }

  #kill(why: string): void {
    const child = this.#child;
    this.#child = null;
    this.#fail(new Error(`${this.what} ${why}`));
    child?.kill();
  }

  /** Restarts the idle timer while answers are awaited. */
  #alive(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (this.#asked.length === 0) return;
    this.#idle = setTimeout(() => this.#kill(`gave no answer for ${this.idleTimeoutMs} ms`), this.idleTimeoutMs);
  }

  /** Keeps the event loop alive while answers are awaited, and only then. */
  #hold(waiting: boolean): void {
    const child = this.#child;
    if (!child) return;
    if (this.#linger) clearTimeout(this.#linger);
    this.#linger = null;
    if (!waiting) {
      this.#linger = setTimeout(() => this.#child === child && this.#asked.length === 0 && this.close(), this.lingerMs);
      this.#linger.unref();
    }
    for (const stream of [child.stdin, child.stdout, child.stderr] as unknown as Socket[]) {
      if (waiting) stream.ref?.();
      else stream.unref?.();
    }
    if (waiting) child.ref();
    else child.unref();
  }
}

/** One answer per line (the line without its newline). */
export const lineAnswers: AnswerReader<string> = (buffer) => {
  const eol = buffer.indexOf(0x0a);
  return eol < 0 ? null : { answer: buffer.subarray(0, eol).toString('utf8'), used: eol + 1 };
};

/** Spawns `git <args>` in `cwd` with `env`, its three streams piped. */
export function spawnGit(cwd: string, args: readonly string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn('git', [...args], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
}
