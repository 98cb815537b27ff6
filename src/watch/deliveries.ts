/**
 * Webhook deliveries already taken, so that one sent again — a provider's retry, a person's
 * "Redeliver", a captured request replayed — is ignored instead of deploying a second time.
 *
 * Bounded: a delivery is remembered for `windowMs` (default 7 days: GitHub lets a delivery be
 * redelivered for 3 days, GitHub Enterprise Server for 7 — docs.github.com "Redelivering
 * webhooks"), and at most `max` of them (the oldest go first). Forgetting one is safe: a webhook
 * deploys the branch tip as fetched (webhook-tip.ts), never the commit a delivery names, so a
 * replay past the window can only deploy what the branch already holds.
 *
 * Survives a restart: kept in `<git-dir>/translator/webhook-deliveries.json` — this daemon's own
 * state (deliveries reach one receiver; nothing another machine needs), outside the work tree
 * (never committed, untouched by checkouts and `git clean`), next to unrecorded deploys, and in
 * the mounted repository when translator runs in a container. Not the records branch: a commit
 * and a push per webhook would be noise in the shared deploy history for a receiver's memory.
 * Written whole to a new file (O_EXCL|O_NOFOLLOW, 0600, fsync) renamed over the old one: a reader
 * never sees half of it, and a planted symbolic link is neither followed nor written through.
 */
import { constants } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { errnoCode, errorText } from '../errors.js';

export interface DeliveryStoreOptions {
  /** How long a delivery is remembered. */
  windowMs?: number;
  /** How many deliveries are remembered at most. */
  max?: number;
  now?: () => number;
}

const DELIVERY_WINDOW_MS = 7 * 24 * 3600 * 1000;
const DELIVERY_MAX = 1000;

/** What open() found in the file, for a log line: how many were kept, and any problem. */
export interface DeliveryLoad {
  kept: number;
  problem: string | null;
}

interface StoredFile {
  version: 1;
  /** [key, when it was taken (ms since the epoch)], oldest first. */
  deliveries: [string, number][];
}

export class DeliveryStore {
  /** key → when taken; a Map iterates in insertion order, so the oldest come first. */
  readonly #seen = new Map<string, number>();
  readonly #windowMs: number;
  readonly #max: number;
  readonly #now: () => number;
  #writing: Promise<void> = Promise.resolve();

  private constructor(
    readonly file: string,
    options: DeliveryStoreOptions,
  ) {
    this.#windowMs = options.windowMs ?? DELIVERY_WINDOW_MS;
    this.#max = options.max ?? DELIVERY_MAX;
    this.#now = options.now ?? Date.now;
  }

  /** The store kept in `file`; a file that cannot be read (damaged, a link) starts it empty and says why. */
  static async open(file: string, options: DeliveryStoreOptions = {}): Promise<{ store: DeliveryStore; load: DeliveryLoad }> {
    const store = new DeliveryStore(file, options);
    const problem = await store.#load();
    return { store, load: { kept: store.size, problem } };
  }

  get size(): number {
    return this.#seen.size;
  }

  /**
   * Takes `key` if it was not taken within the window: 'new', remembered from now on (call
   * flush() to keep it across a restart). Otherwise when it was taken. Synchronous, so two
   * copies of one delivery arriving together cannot both be new.
   */
  take(key: string): 'new' | { takenAt: number } {
    const now = this.#now();
    this.#prune(now);
    const taken = this.#seen.get(key);
    if (taken !== undefined) return { takenAt: taken };
    while (this.#seen.size >= this.#max) this.#seen.delete(this.#seen.keys().next().value!);
    this.#seen.set(key, now);
    return 'new';
  }

  /** Forgets `key`, so the delivery is taken again when it comes back (its deploy did not happen). */
  forget(key: string): void {
    this.#seen.delete(key);
  }

  /** Writes what is remembered now; resolves when the file holds it. Writes never overlap. */
  flush(): Promise<void> {
    const written = this.#writing.catch(() => undefined).then(() => this.#write());
    this.#writing = written;
    return written;
  }

  #prune(now: number): void {
    // Oldest first: the first one still inside the window ends the sweep (a clock set back keeps the rest).
    for (const [key, at] of this.#seen) {
      if (now - at < this.#windowMs) break;
      this.#seen.delete(key);
    }
  }

  async #load(): Promise<string | null> {
    let text: string;
    try {
      const handle = await open(this.file, constants.O_RDONLY | constants.O_NOFOLLOW);
      try {
        text = await handle.readFile('utf8');
      } finally {
        await handle.close();
      }
    } catch (error) {
      const code = errnoCode(error);
      if (code === 'ENOENT') return null;
      return `cannot read ${this.file} (${code === 'ELOOP' ? 'it is a symbolic link' : errorText(error)}): starting with no delivery remembered`;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      return `${this.file} is not valid JSON (${errorText(error)}): starting with no delivery remembered`;
    }
    const entries = (parsed as Partial<StoredFile> | null)?.deliveries;
    if (!Array.isArray(entries)) return `${this.file} holds no "deliveries" list: starting with no delivery remembered`;
    const valid = entries.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && Number.isFinite(e[1]));
    for (const [key, at] of valid.sort((a, b) => a[1] - b[1])) this.#seen.set(key, at);
    this.#prune(this.#now());
    while (this.#seen.size > this.#max) this.#seen.delete(this.#seen.keys().next().value!);
    return valid.length === entries.length ? null : `${this.file}: ${entries.length - valid.length} entries that are not [key, time] were dropped`;
  }

  async #write(): Promise<void> {
    const content: StoredFile = { version: 1, deliveries: [...this.#seen] };
    await mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`;
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(content)}\n`);
      await handle.sync();
    } catch (error) {
      await handle.close();
      await rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    // rename() replaces the name itself: a link planted at `file` is replaced, never written through.
    await rename(temp, this.file);
  }
}
