/**
 * Keeps the pages' snapshot current: looks at the deploy branch and the records branch every
 * `pollMs` (through the kept `git cat-file`: no process per look), rebuilds when either moved,
 * fetches both from the GitOps remote every `fetchSeconds` (translator serve: the repository is a
 * clone CI pushes to), and reads the routers for drift every `driftSeconds` when asked. Every
 * change is announced to `onChange`. Failures are logged and retried on the next tick; the last
 * good snapshot stays shown.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { recordsStoreFor } from '../deploy/records.js';
import { checkDrift } from '../documents/status-gather.js';
import { errorText } from '../errors.js';
import { loggedError } from '../ops/logger.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { Settings } from '../settings/load.js';
import type { Snapshot } from './model.js';
import { applyDrift, buildSnapshot, type CheckedDrift } from './snapshot.js';

export interface KeeperOptions {
  repo: GitOpsRepo;
  settings: Settings;
  routers: readonly string[];
  /** The ref whose tip is "the intent" (the daemon: its branch; serve: the remote's deploy branch). */
  deployRef: string;
  /** Fetch this remote's deploy branch and records every `seconds` (null: never). */
  fetch: { remote: string; branch: string; seconds: number } | null;
  /** 0: the routers are not read. */
  driftSeconds: number;
  pollMs: number;
  /** The environment the routers' credentials are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Runs the drift check when no deploy runs (the daemon's lock): a router read mid-deploy would show a passing difference. */
  exclusive?: <T>(job: () => Promise<T>) => Promise<T>;
  log: Logger;
  onChange: (snapshot: Snapshot) => void;
}

export class SnapshotKeeper {
  private current: Snapshot | null = null;
  private refs = '';
  private drift = new Map<string, CheckedDrift>();
  private timers: NodeJS.Timeout[] = [];
  private busy: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly options: KeeperOptions) {}

  get snapshot(): Snapshot | null {
    return this.current;
  }

  /** The first snapshot, then the timers (the first drift check, when on, starts at once). */
  async start(): Promise<void> {
    const { options } = this;
    if (options.fetch) await this.serial(() => this.fetch());
    await this.serial(() => this.poll(true));
    // Not awaited: an unreachable router must not hold the pages (or the daemon) up for its login timeout.
    if (options.driftSeconds > 0) void this.serial(() => this.checkDrift());
    this.every(options.pollMs, () => this.poll(false));
    if (options.fetch) this.every(options.fetch.seconds * 1000, () => this.fetch().then(() => this.poll(false)));
    if (options.driftSeconds > 0) this.every(options.driftSeconds * 1000, () => this.checkDrift());
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
  }

  /** Rebuilds now (tests, and after the daemon's own commits and deploys). */
  refresh(): Promise<void> {
    return this.serial(() => this.poll(true));
  }

  private every(ms: number, job: () => Promise<void>): void {
    // One job at a time: a slow router or git never piles ticks up.
    this.timers.push(setInterval(() => void this.serial(job), ms).unref());
  }

  private serial(job: () => Promise<void>): Promise<void> {
    const run = this.busy.then(async () => {
      if (this.stopped) return;
      try {
        await job();
      } catch (error) {
        this.options.log.warn({ err: loggedError(error) }, 'status page: could not refresh; the last snapshot stays shown');
      }
    });
    this.busy = run;
    return run;
  }

  private async poll(force: boolean): Promise<void> {
    const { repo, settings, deployRef } = this.options;
    // Asked of the kept cat-file: a poll every few seconds spawns no git process.
    const refs = await repo.git
      .objectIds([`${deployRef}^{commit}`, `refs/heads/${settings.deploy.recordsBranch}^{commit}`])
      .then((ids) => ids.map((id) => id ?? 'none').join(' '), (error: unknown) => `unreadable ${errorText(error)}`);
    if (!force && refs === this.refs && this.current) return;
    this.refs = refs;
    await this.rebuild();
  }

  private async rebuild(): Promise<void> {
    const { repo, settings, routers, deployRef } = this.options;
    const records = recordsStoreFor(repo.git, settings, { readOnly: true });
    this.current = await buildSnapshot({ repo, settings, routers, records, deployRef, drift: this.drift, version: this.version() });
    this.options.onChange(this.current);
  }

  /** The refs read and what the drift check found (not when: a check that finds the same changes nothing). */
  private version(): string {
    return createHash('sha256').update(this.refs).update(JSON.stringify([...this.drift].map(([router, d]) => [router, d.against.deploy, d.status.error, d.status.objects]))).digest('hex').slice(0, 16);
  }

  private async fetch(): Promise<void> {
    const { repo, settings, fetch, log } = this.options;
    if (!fetch) return;
    const fetched = await repo.fetchBranch(fetch.remote, fetch.branch);
    if ('error' in fetched) log.warn({ remote: fetch.remote, branch: fetch.branch, err: loggedError(fetched.error) }, 'status page: fetching the deploy branch failed');
    const synced = await recordsStoreFor(repo.git, settings, { readOnly: true }).synced();
    if (synced.warning) log.warn({ remote: fetch.remote }, synced.warning);
  }

  private async checkDrift(): Promise<void> {
    const { repo, settings, env, exclusive = (job) => job() } = this.options;
    const checked = await exclusive(async () => {
      // Under the daemon's lock no deploy runs, and the snapshot is brought up to date first: the
      // routers are compared with what is live on them now, not before a deploy that just ended.
      await this.poll(false);
      const current = this.current;
      if (!current) return null;
      const rows = current.status.routers;
      const found = await checkDrift({ repo, settings }, rows, env);
      return { current, drift: new Map([...found].map(([router, status]) => [router, { status, against: rows.find((r) => r.router === router)!.live! }])) };
    });
    if (!checked) return;
    const { current } = checked;
    this.drift = checked.drift;
    const version = this.version();
    if (version === current.version) return;
    applyDrift(current.status, this.drift);
    current.version = version;
    this.options.onChange(current);
  }
}
