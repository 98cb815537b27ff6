/**
 * The records branch (default `translator/records`): deploy records and running-config backups,
 * committed with plumbing in a private index, so the work tree, the index and the checked-out
 * branch are never touched (a deploy may run in a CI checkout or next to someone's edits).
 *
 *   routers/<router>/running.cfg   scoped running-config backup, refreshed before every change
 *   routers/<router>/live.json     the intended commit the router runs, and since which deploy
 *   routers/<router>/deploys.log   one line per deploy, newest last
 *   deploys/<router>/<id>.json     the full DeployRecord
 *
 * The branch ref moves with a compare-and-swap update-ref, so two processes writing records
 * at once both land (the loser re-reads and re-applies); within one process writes are queued.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { assertRouterName } from '../gitops/layout.js';
import { Git, GitCommandError, type GitEnv } from '../gitops/git.js';
import { identityEnv, type GitIdentity } from '../gitops/repo.js';
import { logLine, type DeployRecord } from './record.js';

export const recordPaths = {
  backup: (router: string) => `routers/${router}/running.cfg`,
  live: (router: string) => `routers/${router}/live.json`,
  log: (router: string) => `routers/${router}/deploys.log`,
  record: (router: string, id: string) => `deploys/${router}/${id}.json`,
};

export interface LiveInfo {
  commit: string;
  deploy: string;
  since: string;
}

type Read = (file: string) => Promise<string | null>;
/** Computes the files to write from the current branch content (path → new content). */
type Change = (read: Read) => Promise<Record<string, string>>;

/** The branch tip read into a private index ahead of a commit (RecordsStore.prepare). */
export interface PreparedBase {
  tip: { commit: string; tree: string } | null;
  scratch: string;
  dispose(): Promise<void>;
}

/** A records commit (null: nothing changed, no commit made) and the blob id of each file written. */
interface Written {
  commit: string | null;
  blobs: Record<string, string>;
}

const ZERO = '0000000000000000000000000000000000000000';

export class RecordsStore {
  #queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly git: Git,
    readonly branch: string,
    private readonly identity: GitIdentity,
  ) {}

  get ref(): string {
    return `refs/heads/${this.branch}`;
  }

  /** The branch's commit, or null before the first record. */
  async tip(): Promise<string | null> {
    const out = (await this.git.run(['rev-parse', '--verify', '--quiet', `${this.ref}^{commit}`]).catch(() => '')).trim();
    return out === '' ? null : out;
  }

  /** A file at `commit` (default: the branch tip), or null; one git process either way. */
  async read(file: string, commit?: string | null): Promise<string | null> {
    const at = commit === undefined ? this.ref : commit;
    if (at === null) return null;
    const name = `${at}:${file}`;
    return (await this.git.readBlobs([name])).get(name) ?? null;
  }

  /**
   * Refreshes the backup before a change. `commit` is null when the branch already held this
   * text (no empty commits); `blob` is the backup's blob id either way.
   */
  async saveBackup(router: string, text: string, deployId: string, prepared?: PreparedBase | null): Promise<{ commit: string | null; blob: string }> {
    assertRouterName(router);
    const file = recordPaths.backup(router);
    const { commit, blobs } = await this.#commit(`${router}: back up running-config before deploy ${deployId}`, async () => ({ [file]: text }), prepared);
    return { commit, blob: blobs[file]! };
  }

  /**
   * Reads the branch tip into a private index ahead of a commit (deploy does it while the
   * router is being reached). The commit that uses it moves the branch by compare-and-swap
   * as always, so a tip that moved meanwhile only costs a retry. `dispose` when done.
   */
  async prepare(): Promise<PreparedBase> {
    const scratch = await this.#scratch();
    const env: GitEnv = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    try {
      const tip = await this.#tipAndTree();
      await this.git.run(tip ? ['read-tree', tip.commit] : ['read-tree', '--empty'], { env });
      return { tip, scratch, dispose: () => rm(scratch, { recursive: true, force: true }) };
    } catch (error) {
      await rm(scratch, { recursive: true, force: true });
      throw error;
    }
  }

  /** Commits a record (and, for a live result, live.json); returns the commit. */
  async saveRecord(record: DeployRecord, live: boolean): Promise<string> {
    assertRouterName(record.router);
    const subject =
      `${record.router}: ${record.kind} ${record.commit.slice(0, 12)} ${record.result}` +
      (record.commands.length ? ` (${record.commands.length} lines)` : '') +
      ` by ${record.actor.name}`;
    const message = `${subject}\n\n${record.message}\n\nDeploy-Id: ${record.id}\nIntended-Commit: ${record.commit}\nResult: ${record.result}\n`;
    const { commit: sha } = await this.#commit(message, async (read) => {
      const files: Record<string, string> = {
        [recordPaths.record(record.router, record.id)]: `${JSON.stringify(record, null, 2)}\n`,
        [recordPaths.log(record.router)]: `${(await read(recordPaths.log(record.router))) ?? ''}${logLine(record)}\n`,
      };
      if (live) {
        const info: LiveInfo = { commit: record.commit, deploy: record.id, since: record.ended };
        files[recordPaths.live(record.router)] = `${JSON.stringify(info, null, 2)}\n`;
      }
      return files;
    });
    return sha!;
  }

  async live(router: string, commit?: string | null): Promise<LiveInfo | null> {
    const text = await this.read(recordPaths.live(router), commit);
    return text === null ? null : (JSON.parse(text) as LiveInfo);
  }

  /** The router's records, newest first (at most `limit`). */
  async history(router: string, limit = Infinity): Promise<DeployRecord[]> {
    const log = await this.read(recordPaths.log(router));
    if (log === null) return [];
    const ids = log
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(/\s{2,}/)[5]!)
      .reverse()
      .slice(0, limit);
    const records: DeployRecord[] = [];
    for (const id of ids) {
      const text = await this.read(recordPaths.record(router, id));
      if (text !== null) records.push(JSON.parse(text) as DeployRecord);
    }
    return records;
  }

  /** The backup text a record points at. */
  async backupOf(record: DeployRecord): Promise<string | null> {
    if (!record.backupBlob) return null;
    return this.git.run(['cat-file', 'blob', record.backupBlob]);
  }

  #commit(message: string, change: Change, prepared?: PreparedBase | null): Promise<Written> {
    const run = this.#queue.then(() => this.#commitWithRetry(message, change, prepared ?? null));
    this.#queue = run.catch(() => undefined);
    return run;
  }

  /** The branch's commit and its tree in one git process, or null before the first record. */
  async #tipAndTree(): Promise<{ commit: string; tree: string } | null> {
    // The pattern is a full ref name (no glob characters are legal in one): it matches this branch only.
    const out = (await this.git.run(['for-each-ref', '--format=%(objectname) %(tree)', this.ref])).trim();
    const [commit, tree] = out.split(' ');
    return commit && tree ? { commit, tree } : null;
  }

  async #commitWithRetry(message: string, change: Change, prepared: PreparedBase | null): Promise<Written> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const early = attempt === 0 ? prepared : null; // a retry means the branch moved: read it again
      const tip = early ? early.tip : await this.#tipAndTree();
      const base = tip?.commit ?? null;
      const files = await change((file) => this.read(file, base));
      const { commit, blobs } = await this.#commitOnto(tip, files, message, early?.scratch);
      // Nothing to commit: true only if the tip is still the base (a prepared one may be old).
      if (commit === base && (!early || (await this.#tipAndTree())?.commit === base)) return { commit: null, blobs };
      if (commit === base) continue;
      try {
        await this.git.run(['update-ref', '-m', 'translator: record', this.ref, commit, base ?? ZERO]);
        return { commit, blobs };
      } catch (error) {
        if (!(error instanceof GitCommandError)) throw error;
        // Another process moved the branch: apply the change again on its tip.
      }
    }
    throw new Error(`could not update ${this.branch}: it kept moving (10 attempts)`);
  }

  /**
   * A commit of `files` on top of `base` (base itself when nothing changes), built in a private
   * index, and the blob id of each file. `base.tree` is its tree when the caller knows it.
   */
  async #commitOnto(
    base: { commit: string; tree?: string } | null,
    files: Record<string, string>,
    message: string,
    /** A scratch dir whose index already holds `base` (from prepare); it stays for its owner to dispose. */
    prepared?: string,
  ): Promise<Written & { commit: string }> {
    const scratch = prepared ?? (await this.#scratch());
    const env: GitEnv = { GIT_INDEX_FILE: path.join(scratch, 'index') };
    try {
      const entries = Object.entries(files);
      const temps = entries.map((_, i) => path.join(scratch, `blob-${i}`));
      const hashed = async () => {
        for (const [i, [, content]] of entries.entries()) await writeFile(temps[i]!, content);
        return entries.length ? (await this.git.run(['hash-object', '-w', '--no-filters', '--', ...temps])).split('\n') : [];
      };
      // Independent (the private index; the object store): run side by side, both ended before the scratch goes.
      const readBase = async () => (prepared ? '' : this.git.run(base ? ['read-tree', base.commit] : ['read-tree', '--empty'], { env }));
      const [hashing, reading] = await Promise.allSettled([hashed(), readBase()]);
      if (hashing.status === 'rejected') throw hashing.reason;
      if (reading.status === 'rejected') throw reading.reason;
      const ids = hashing.value;
      const blobs: Record<string, string> = {};
      entries.forEach(([file], i) => (blobs[file] = ids[i]!.trim()));
      const cacheinfo = entries.flatMap(([file]) => ['--cacheinfo', `100644,${blobs[file]},${file}`]);
      if (cacheinfo.length) await this.git.run(['update-index', '--add', ...cacheinfo], { env });
      const tree = (await this.git.run(['write-tree'], { env })).trim();
      if (base && tree === (base.tree ?? (await this.git.run(['rev-parse', `${base.commit}^{tree}`])).trim())) return { commit: base.commit, blobs };
      const args = ['commit-tree', tree, ...(base ? ['-p', base.commit] : [])];
      return { commit: (await this.git.runWithMessage(args, message, { env: identityEnv(this.identity) })).trim(), blobs };
    } finally {
      if (!prepared) await rm(scratch, { recursive: true, force: true });
    }
  }

  /** A new private directory for one commit's index and blob files. */
  async #scratch(): Promise<string> {
    const scratch = path.join(await this.git.gitPath('translator'), `records-${process.pid}-${Math.random().toString(16).slice(2)}`);
    await mkdir(scratch, { recursive: true });
    return scratch;
  }

  /**
   * Pushes the branch. When the remote has records this clone lacks (another host deployed),
   * the local record commits are replayed on top of the remote's: each commit's files are taken
   * as they are, except the deploy logs, whose added lines are appended to the remote's log.
   */
  async push(remote: string, retries = 3): Promise<{ sha: string; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      const local = await this.tip();
      if (!local) throw new Error(`nothing to push: ${this.branch} has no records`);
      try {
        await this.git.run(['push', '--quiet', remote, `${this.ref}:${this.ref}`]);
        return { sha: local, attempts: attempt };
      } catch (error) {
        if (!(error instanceof GitCommandError) || !/rejected|fetch first|non-fast-forward/.test(error.stderr) || attempt > retries) throw error;
      }
      const tracking = `refs/translator/remote-records`;
      await this.git.run(['fetch', '--quiet', '--no-tags', remote, `+${this.ref}:${tracking}`]);
      const remoteTip = (await this.git.run(['rev-parse', tracking])).trim();
      await this.#replayOnto(remoteTip, local);
    }
  }

  async #replayOnto(remoteTip: string, local: string): Promise<void> {
    const commits = (await this.git.run(['rev-list', '--reverse', `${remoteTip}..${local}`])).split('\n').filter(Boolean);
    let base = remoteTip;
    for (const commit of commits) {
      const parent = (await this.git.run(['rev-parse', `${commit}^`]).catch(() => '')).trim() || null;
      const changed = (await this.git.run(['diff-tree', '-r', '--no-commit-id', '--name-only', ...(parent ? [parent] : ['--root']), commit]))
        .split('\n')
        .filter(Boolean);
      const files: Record<string, string> = {};
      for (const file of changed) {
        const mine = (await this.read(file, commit)) ?? '';
        if (file.endsWith('/deploys.log')) {
          const before = parent ? ((await this.read(file, parent)) ?? '') : '';
          files[file] = `${(await this.read(file, base)) ?? ''}${mine.slice(before.length)}`;
        } else files[file] = mine;
      }
      const message = await this.git.run(['log', '-1', '--format=%B', commit]);
      base = (await this.#commitOnto({ commit: base }, files, message.replace(/\n+$/, '\n'))).commit;
    }
    await this.git.run(['update-ref', '-m', 'translator: records replayed onto the remote', this.ref, base, local]);
  }
}
