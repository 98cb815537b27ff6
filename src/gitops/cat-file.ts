/**
 * One long-lived `git cat-file --batch` per repository (kept-process.ts), answering every object
 * read of the process (files at a commit, a ref's commit or tree) without a new git process each
 * time. A fleet deploy read each router's intended config, live.json and records through a
 * cat-file process of their own (issue 14: spawning git was most of a deploy's CPU); the watch
 * daemon reads on every deploy. git resolves each name when it reads its line (refs are read from
 * the ref store then, new objects and packs are found on a miss), so an answer is as fresh as a new
 * process's would be (test/unit/gitops/cat-file.test.ts checks it against refs and objects other
 * processes write meanwhile).
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { KeptProcess, spawnGit, type AnswerReader } from './kept-process.js';

/** What cat-file answered for one name: the object, or null when the name resolves to nothing. */
export type CatFileAnswer = { id: string; type: string; content: Buffer } | null;

/** `<id> <type> <size>\n<content>\n`, or `<name> missing\n` / `<name> ambiguous\n`. */
const catFileAnswers: AnswerReader<CatFileAnswer> = (buffer) => {
  const eol = buffer.indexOf(0x0a);
  if (eol < 0) return null;
  const header = buffer.subarray(0, eol).toString('utf8');
  if (header.endsWith(' missing') || header.endsWith(' ambiguous')) return { answer: null, used: eol + 1 };
  const [id, type, size] = header.split(' ');
  const length = Number(size);
  if (!id || !type || !Number.isInteger(length) || length < 0) return `answered ${JSON.stringify(header)}`;
  if (buffer.length < eol + 1 + length + 1) return null; // the content, then a newline
  return { answer: { id, type, content: Buffer.from(buffer.subarray(eol + 1, eol + 1 + length)) }, used: eol + 1 + length + 1 };
};

export class CatFileProcess {
  readonly #process: KeptProcess<CatFileAnswer>;

  /** `start` spawns `git cat-file --batch` in the repository with git's environment. */
  constructor(start: () => ChildProcessWithoutNullStreams, idleTimeoutMs?: number, lingerMs?: number) {
    this.#process = new KeptProcess('git cat-file --batch', start, catFileAnswers, idleTimeoutMs, lingerMs);
  }

  /** The objects `names` resolve to, in order. Each name must be one line without surrounding blanks (the caller checks). */
  read(names: readonly string[]): Promise<CatFileAnswer[]> {
    return this.#process.ask(`${names.join('\n')}\n`, names.length);
  }

  /** Ends the process (it exits on end-of-file); waiting reads fail. */
  close(): void {
    this.#process.close();
  }
}

/** Spawns `git cat-file --batch` in `cwd` with `env`. */
export function spawnCatFile(cwd: string, env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawnGit(cwd, ['cat-file', '--batch'], env);
}
