/**
 * Group commit for the records branch. A records commit is ≈ 6 git processes that must run one
 * after another (read the tip, write blobs and tree, commit, move the ref), and within a process
 * writes are queued so that none loses another's. With one commit per write, a fleet deploy made
 * every router wait for every other's backup and record: ≈ 0.35–0.45 s per router in series
 * (issue 14), whatever deploy.concurrency said. Here the writes asked for in one turn of the event
 * loop go into one commit, and those that arrive while a commit is being made into the next one,
 * so a fleet costs about one commit per wave of routers instead of one per write. Every write keeps its own files (each router its own backup and record: nothing
 * is merged but the commit), and a batch that fails is retried one write at a time, so one
 * router's failure is never another's.
 */
export class GroupCommits<W, R> {
  readonly #pending: Array<{ write: W; resolve: (result: R) => void; reject: (error: unknown) => void }> = [];
  #running = false;

  /** `commit` writes a batch (in order) as one commit and returns one result per write. */
  constructor(private readonly commit: (batch: readonly W[]) => Promise<R[]>) {}

  add(write: W): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.#pending.push({ write, resolve, reject });
      if (this.#running) return;
      this.#running = true;
      // Started once this turn of the event loop is over: writes asked for in the same turn (a fleet's
      // routers starting together) go into the first commit instead of waiting for the second.
      setImmediate(() => void this.#drain());
    });
  }

  async #drain(): Promise<void> {
    try {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0);
        try {
          const results = await this.commit(batch.map((queued) => queued.write));
          batch.forEach((queued, i) => queued.resolve(results[i]!));
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const queued of batch) await this.commit([queued.write]).then((results) => queued.resolve(results[0]!), queued.reject);
        }
      }
    } finally {
      this.#running = false;
    }
  }
}

/**
 * The message of a commit of several writes: a subject naming them, then each write's own
 * message (subject, body and trailers) in full, so `git log` still tells every write's story.
 */
export function batchMessage(messages: readonly string[]): string {
  if (messages.length === 1) return messages[0]!;
  const routers = new Set(messages.map((message) => message.split(':')[0]!));
  return `records of ${messages.length} writes: ${[...routers].join(', ')}\n\n${messages.map((m) => m.trimEnd()).join('\n\n---\n\n')}\n`;
}
