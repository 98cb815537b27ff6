/**
 * One long-lived `git cat-file --batch` per repository, answering every object read of the
 * process (files at a commit, a ref's commit or tree) without a new git process each time. A
 * fleet deploy read each router's intended config, live.json and records through a cat-file
 * process of their own (issue 14: spawning git was most of a deploy's CPU); the watch daemon
 * reads on every deploy. git resolves each name when it reads its line (refs are read from the
 * ref store then, new objects and packs are found on a miss), so an answer is as fresh as a new
 * process's would be (test/unit/gitops/cat-file.test.ts checks it against refs and objects other
 * processes write meanwhile).
 *
 * While nothing is asked the process holds no reference on the event loop (a CLI ends as usual;
 * git then reads end-of-file and exits), and after 10 s without a question it is ended (a daemon
 * that opens repositories again and again keeps no idle git behind). When it dies or is killed (no answer for the idle
 * timeout while something is asked), everything waiting fails and the next read starts a new one.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import type { Socket } from 'node:net';

/** What cat-file answered for one name: the object, or null when the name resolves to nothing. */
export type CatFileAnswer = { id: string; type: string; content: Buffer } | null;

interface Asked {
  names: readonly string[];
  answers: CatFileAnswer[];
  resolve: (answers: CatFileAnswer[]) => void;
  reject: (error: Error) => void;
}

export class CatFileProcess {
  #child: ChildProcessWithoutNullStreams | null = null;
  readonly #asked: Asked[] = [];
  #buffer: Buffer = Buffer.alloc(0);
  #stderr = '';
  #idle: NodeJS.Timeout | null = null;
  /** Ends the process after a while without questions: a Git object dropped (or a quiet daemon) leaves no git behind. */
  #linger: NodeJS.Timeout | null = null;

  /** `start` spawns `git cat-file --batch` in the repository with git's environment. */
  constructor(
    private readonly start: () => ChildProcessWithoutNullStreams,
    private readonly idleTimeoutMs = 120_000,
    private readonly lingerMs = 10_000,
  ) {}

  /** The objects `names` resolve to, in order. Each name must be one line without surrounding blanks (the caller checks). */
  read(names: readonly string[]): Promise<CatFileAnswer[]> {
    if (names.length === 0) return Promise.resolve([]);
    return new Promise((resolve, reject) => {
      const child = this.#process();
      this.#asked.push({ names, answers: [], resolve, reject });
      this.#hold(true);
      this.#alive();
      child.stdin.write(`${names.join('\n')}\n`);
    });
  }

  /** Ends the process (it exits on end-of-file); waiting reads fail. */
  close(): void {
    const child = this.#child;
    if (!child) return;
    this.#child = null;
    this.#fail(new Error('git cat-file was closed'));
    child.stdin.end();
  }

  #process(): ChildProcessWithoutNullStreams {
    if (this.#child) return this.#child;
    const child = this.start();
    this.#child = child;
    this.#buffer = Buffer.alloc(0);
    this.#stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length ? Buffer.concat([this.#buffer, chunk]) : chunk;
      this.#alive();
      this.#parse();
    });
    child.stderr.on('data', (chunk: Buffer) => (this.#stderr += chunk.toString('utf8')));
    child.stdin.on('error', () => undefined); // git exited: 'close' says why
    const gone = (why: string) => {
      if (this.#child !== child) return;
      this.#child = null;
      this.#fail(new Error(`git cat-file --batch ${why}${this.#stderr.trim() ? `: ${this.#stderr.trim()}` : ''}`));
    };
    child.on('error', (error) => gone(`could not run (${error.message})`));
    child.on('close', (code, signal) => gone(signal ? `was killed by ${signal}` : `exited (code ${code})`));
    return child;
  }

  /** Takes every complete answer off the buffer. */
  #parse(): void {
    while (this.#asked.length > 0) {
      const asked = this.#asked[0]!;
      const name = asked.names[asked.answers.length]!;
      const eol = this.#buffer.indexOf(0x0a);
      if (eol < 0) return;
      const header = this.#buffer.subarray(0, eol).toString('utf8');
      if (header.endsWith(' missing') || header.endsWith(' ambiguous')) {
        asked.answers.push(null);
        this.#buffer = this.#buffer.subarray(eol + 1);
      } else {
        const [id, type, size] = header.split(' ');
        const length = Number(size);
        if (!id || !type || !Number.isInteger(length) || length < 0) {
          this.#kill(`answered ${JSON.stringify(header)} for ${JSON.stringify(name)}`);
          return;
        }
        if (this.#buffer.length < eol + 1 + length + 1) return; // the content, then a newline
        asked.answers.push({ id, type, content: Buffer.from(this.#buffer.subarray(eol + 1, eol + 1 + length)) });
        this.#buffer = this.#buffer.subarray(eol + 1 + length + 1);
      }
      if (asked.answers.length === asked.names.length) {
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
    this.#fail(new Error(`git cat-file --batch ${why}`));
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

/** Spawns `git cat-file --batch` in `cwd` with `env`. */
export function spawnCatFile(cwd: string, env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn('git', ['cat-file', '--batch'], { cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
}
