/**
 * One job at a time, and requests made while one runs coalesce into a single follow-up run: the
 * job is a full re-read, so ten requests during a cycle need one more cycle, not ten.
 */
export class CoalescingRunner {
  private running: Promise<void> | null = null;
  private again = false;
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(private readonly job: () => Promise<void>) {}

  /**
   * Asks for a run. Resolves when a run that started after this request has finished (errors
   * are the job's to report; they do not reject here). After stop(), resolves at once.
   */
  request(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    const done = new Promise<void>((resolve) => this.waiters.push(resolve));
    if (this.running) this.again = true;
    else this.running = this.loop();
    return done;
  }

  /** Takes no new requests; resolves when the run in flight (if any) has ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.again = false;
    await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      const waiting = this.waiters;
      this.waiters = [];
      try {
        await this.job();
      } catch {
        // The job logs its own failures; the loop must survive them.
      }
      for (const resolve of waiting) resolve();
    } while (this.again && !this.stopped);
    this.running = null;
    // stop() during a run: release whoever asked after the last run started.
    for (const resolve of this.waiters.splice(0)) resolve();
  }
}
