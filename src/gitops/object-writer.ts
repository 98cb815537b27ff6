/**
 * Objects and refs written through kept git processes (kept-process.ts) instead of a process per
 * step: `git hash-object -w --no-filters --stdin-paths -t <type>` writes each object it is given
 * the file of, answering its id on a line of its own (git flushes each answer: Git.pm's
 * hash_and_insert_object keeps one the same way); `git update-ref --stdin` moves refs in
 * transactions, answering `start: ok`, `prepare: ok`, `commit: ok` (git-update-ref(1), --stdin).
 * A transaction git refuses (the ref is not at the expected old value: another writer moved it)
 * ends that process with git's message; the caller gets a GitCommandError, as from `git
 * update-ref`, and the next transaction starts another process.
 *
 * git checks each object as it would have made it (hash-object without --literally refuses a tree
 * or commit that does not parse), so nothing malformed reaches the store.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { KeptProcess, lineAnswers, spawnGit } from './kept-process.js';

export type ObjectType = 'blob' | 'tree' | 'commit';

/** A ref name or object id git reads on a line of `update-ref --stdin`: no spaces, no line breaks. */
const ONE_WORD = /^[^\s\0]+$/;

export class ObjectWriter {
  readonly #objects = new Map<ObjectType, KeptProcess<string>>();
  readonly #refs = new Map<string, KeptProcess<string>>();
  /** The scratch directory, made once. */
  #dir: Promise<string> | null = null;

  /**
   * `cwd`: the repository; `env`: git's environment (git.ts gitEnv); `scratch`: a private directory
   * for the files handed to hash-object (layout.ts privatePaths).
   */
  constructor(
    private readonly cwd: string,
    private readonly env: () => Record<string, string>,
    private readonly scratch: () => Promise<string>,
  ) {}

  /** Writes `contents` as objects of `type`; their ids, in order. */
  async write(type: ObjectType, contents: ReadonlyArray<string | Buffer>): Promise<string[]> {
    if (contents.length === 0) return [];
    const dir = await (this.#dir ??= this.#makeScratch());
    const unique = `${process.pid}-${randomUUID()}`;
    const files = contents.map((_, i) => path.join(dir, `${type}-${unique}-${i}`));
    try {
      await Promise.all(contents.map((content, i) => writeFile(files[i]!, content))).catch((error: unknown) => {
        this.#dir = null; // the directory went away: made again next time
        throw error;
      });
      let writer = this.#objects.get(type);
      if (!writer) {
        const args = ['hash-object', '-w', '--no-filters', '--stdin-paths', '-t', type];
        writer = new KeptProcess(`git hash-object -t ${type}`, () => spawnGit(this.cwd, args, this.env()), lineAnswers);
        this.#objects.set(type, writer);
      }
      return await writer.ask(`${files.join('\n')}\n`, files.length);
    } finally {
      await Promise.all(files.map((file) => rm(file, { force: true })));
    }
  }

  /** The scratch directory, made; a failure is this write's, and the next one tries again. */
  async #makeScratch(): Promise<string> {
    try {
      const dir = await this.scratch();
      await mkdir(dir, { recursive: true });
      return dir;
    } catch (error) {
      this.#dir = null;
      throw error;
    }
  }

  /**
   * Moves `ref` to `next` if it is still at `previous` (null: if it does not exist yet), with
   * `message` in its reflog; rejects when git refuses (the ref moved meanwhile).
   */
  async updateRef(ref: string, next: string, previous: string | null, message: string, zero: string): Promise<void> {
    for (const word of [ref, next, previous ?? zero]) {
      if (!ONE_WORD.test(word)) throw new Error(`not a ref or object id update-ref --stdin can read: ${JSON.stringify(word)}`);
    }
    let updater = this.#refs.get(message);
    if (!updater) {
      const args = ['update-ref', '-m', message, '--stdin'];
      updater = new KeptProcess('git update-ref --stdin', () => spawnGit(this.cwd, args, this.env()), lineAnswers);
      this.#refs.set(message, updater);
    }
    const answers = await updater.ask(`start\nupdate ${ref} ${next} ${previous ?? zero}\nprepare\ncommit\n`, 3);
    const expected = ['start: ok', 'prepare: ok', 'commit: ok'];
    if (answers.some((answer, i) => answer !== expected[i])) throw new Error(`git update-ref --stdin answered ${JSON.stringify(answers.join('; '))}`);
  }

  /** Ends every kept process (each exits on end-of-file). */
  close(): void {
    for (const process of [...this.#objects.values(), ...this.#refs.values()]) process.close();
  }
}
