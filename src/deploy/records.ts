/**
 * The records branch (default `translator/records`): deploy records and running-config backups,
 * committed from objects written by the repository's kept git processes (records-tree.ts), so the
 * work tree, the index and the checked-out branch are never touched (a deploy may run in a CI
 * checkout or next to someone's edits).
 *
 *   routers/<router>/running.cfg   scoped running-config backup, refreshed before every change
 *   routers/<router>/facts.json    what the router holds outside translator's objects (same commit)
 *   routers/<router>/live.json     the intended commit the router runs, and since which deploy
 *   routers/<router>/deploys.log   one line per deploy, newest last
 *   routers/<router>/unlocks.log   one line per `translator unlock`: when, who, what was removed
 *   deploys/<router>/<id>.json     the full DeployRecord
 *
 * The branch ref moves with a compare-and-swap update-ref, so two processes writing records
 * at once both land (the loser re-reads and re-applies); within one process writes are queued, and
 * those that queue up while a commit is being made go into the next one together (records-batch.ts).
 *
 * Shared records: when the GitOps remote exists, the branch is fetched from it before the first
 * read or write of a store (once), and a local branch that diverged from the remote's (two
 * machines recorded) is joined with it by union (records-merge.ts) and pushed back. A fresh clone
 * — every CI job — so sees the whole history. A remote that cannot be reached leaves the local
 * copy, with a warning (`synced()`).
 *
 * Reading is defensive: a damaged file is a problem of its router (`problems()`), never a crash.
 */
import { isDeployId, recordPaths } from '../gitops/layout.js';
import { GitCommandError, gitReason, type Git } from '../gitops/git.js';
import type { GitIdentity } from '../gitops/repo.js';
import { remoteIsUrl } from '../gitops/ref-names.js';
import type { RouterFacts } from '../iosxe/facts-types.js';
import { parseConfig, scopeConfig, type ScopeOptions } from '../iosxe/index.js';
import type { Settings } from '../settings/load.js';
import type { Actor } from './actor.js';
import { logLine, type DeployRecord } from './record.js';
import { parseFacts, parseLive, parseRecord, type LiveInfo, type Parsed, type RecordProblem } from './record-files.js';
import { mergeRecords } from './records-merge.js';
import { batchMessage, GroupCommits } from './records-batch.js';
import { commitTree, type FileContent } from './records-tree.js';

export type { LiveInfo, RecordProblem } from './record-files.js';

type Read = (file: string) => Promise<string | null>;
/** Computes the files to write from the current branch content (path → new content). */
type Change = (read: Read) => Promise<Record<string, FileContent>>;

/** One write waiting for its commit: its message and its change. */
interface Write {
  message: string;
  change: Change;
}

/** A records commit (null: nothing changed, no commit made) and the blob id of each file written. */
interface Written {
  commit: string | null;
  blobs: Record<string, string>;
}

/** The deploy lease every translator sharing the remote respects (lease.ts). */
export interface LeaseSettings {
  enabled: boolean;
  /** A lease not renewed for this long is expired. */
  seconds: number;
}

export interface RecordsOptions {
  /** The remote every translator shares (git.remote, else origin): a name or a URL; null: none. */
  remote?: string | null;
  /** Push the branch back after joining a remote one that diverged (deploy.pushRecords). */
  pushBack?: boolean;
  /** Rejected pushes fetched, joined and retried this many times (git.pushRetries). */
  pushRetries?: number;
  lease?: LeaseSettings;
}

/** How the branch was brought up to date with the remote's, once per store. */
export interface SyncResult {
  /** The remote used, or null (none configured or it does not exist: local records only). */
  remote: string | null;
  /** What happened, for a log line, e.g. "joined with origin's records (diverged) and pushed back". */
  note: string | null;
  /** Why the local copy is all there is (remote unreachable), or a push back that failed. */
  warning: string | null;
}

/** The store of a repository with the settings' branch, identity, remote and lease. */
export function recordsStoreFor(git: Git, settings: Settings, use: { readOnly?: boolean } = {}): RecordsStore {
  return new RecordsStore(git, settings.deploy.recordsBranch, settings.git.author, {
    remote: settings.git.sharedRemote,
    // A reader (the render pipeline) joins diverged records locally but leaves pushing them to deploys.
    pushBack: settings.deploy.pushRecords && use.readOnly !== true,
    pushRetries: settings.git.pushRetries,
    lease: { enabled: settings.deploy.lease === 'remote', seconds: settings.deploy.leaseSeconds },
  });
}

export class RecordsStore {
  readonly #writes = new GroupCommits<Write, Written>((batch) => this.#commitWithRetry(batch));
  #synced: Promise<SyncResult> | null = null;
  #remote: Promise<string | null> | null = null;
  readonly #problems = new Map<string, RecordProblem>();

  constructor(
    readonly git: Git,
    readonly branch: string,
    readonly identity: GitIdentity,
    readonly options: RecordsOptions = {},
  ) {}

  get ref(): string {
    return `refs/heads/${this.branch}`;
  }

  /** The shared remote, when one is configured and exists in this repository (asked once). */
  sharedRemote(): Promise<string | null> {
    this.#remote ??= (async () => {
      const remote = this.options.remote;
      if (!remote) return null;
      if (remoteIsUrl(remote)) return remote;
      return (await this.git.hasRemote(remote)) ? remote : null;
    })();
    return this.#remote;
  }

  /** Fetches and joins the remote's branch, once per store; every read and write waits for it. */
  synced(): Promise<SyncResult> {
    this.#synced ??= this.#sync();
    return this.#synced;
  }

  /** The branch's commit, or null before the first record. */
  async tip(): Promise<string | null> {
    await this.synced();
    return this.#tip();
  }

  /** A file at `commit` (default: the branch tip), or null; one git process either way. */
  async read(file: string, commit?: string | null): Promise<string | null> {
    await this.synced();
    return this.#read(file, commit);
  }

  /** Damaged files met so far (all routers, or one), with how to repair each. */
  problems(router?: string): RecordProblem[] {
    return [...this.#problems.values()].filter((p) => router === undefined || p.router === router);
  }

  /**
   * The backup files of a run that sends nothing, to go into its record's commit (saveRecord's
   * `with`): one records commit per no-op deploy, not a backup commit and a record commit. The
   * backup's blob is written now, so the record can name it.
   */
  async backupFiles(router: string, text: string, facts: RouterFacts): Promise<{ blob: string; files: Record<string, FileContent> }> {
    // The id is computed here, the blob written with the record's commit (checked then): no git process per router.
    const blob = await this.git.blobId(text);
    return { blob, files: { [recordPaths.backup(router)]: { blob, text }, [recordPaths.facts(router)]: factsText(facts) } };
  }

  /**
   * Writes the blobs of `files` computed ahead (backupFiles) to the object store: a record that
   * could not be committed (unrecorded.ts) still names a backup that is there.
   */
  async keepBlobs(files: Record<string, FileContent>): Promise<void> {
    for (const content of Object.values(files)) {
      if (typeof content === 'string' || content.text === undefined) continue;
      const written = (await this.git.runWithInput(['hash-object', '-w', '--no-filters', '--stdin'], content.text)).toString('utf8').trim();
      if (written !== content.blob) throw new Error(`git wrote blob ${written}, not the ${content.blob} computed ahead`);
    }
  }

  /**
   * Refreshes the backup before a change, with the router's facts when given (same commit).
   * `commit` is null when no commit was made: the branch already held this text (no empty commits;
   * a write committed together with it makes one, records-batch.ts); `blob` is the backup's blob id either way.
   */
  async saveBackup(
    router: string,
    text: string,
    deployId: string,
    facts?: RouterFacts,
  ): Promise<{ commit: string | null; blob: string }> {
    const file = recordPaths.backup(router);
    const files = { [file]: text, ...(facts ? { [recordPaths.facts(router)]: factsText(facts) } : {}) };
    const { commit, blobs } = await this.#commit(`${router}: back up running-config before deploy ${deployId}`, async () => files);
    return { commit, blob: blobs[file]! };
  }

  /**
   * Commits a record, its deploys.log line and `with` (a no-op run's backup), and for a live result
   * live.json — unless the run changed nothing and live.json already names its commit: `since`
   * says since when the router runs that commit, which a deploy that found it there does not change.
   * Returns the commit.
   */
  async saveRecord(record: DeployRecord, live: boolean, withFiles: Record<string, FileContent> = {}): Promise<string> {
    const subject =
      `${record.router}: ${record.kind} ${record.commit.slice(0, 12)} ${record.result}` +
      (record.commands.length ? ` (${record.commands.length} lines)` : '') +
      ` by ${record.actor.name}`;
    const message = `${subject}\n\n${record.message}\n\nDeploy-Id: ${record.id}\nIntended-Commit: ${record.commit}\nResult: ${record.result}\n`;
    const { commit: sha } = await this.#commit(message, async (read) => {
      const files: Record<string, FileContent> = {
        ...withFiles,
        [recordPaths.record(record.router, record.id)]: `${JSON.stringify(record, null, 2)}\n`,
        [recordPaths.log(record.router)]: `${(await read(recordPaths.log(record.router))) ?? ''}${logLine(record)}\n`,
      };
      const liveText = await read(recordPaths.live(record.router));
      const current = liveText === null ? null : parseLive(liveText);
      const alreadyLive = record.result === 'unchanged' && current?.ok === true && current.value.commit === record.commit;
      if (live && !alreadyLive) {
        const info: LiveInfo = { commit: record.commit, deploy: record.id, since: record.ended };
        files[recordPaths.live(record.router)] = `${JSON.stringify(info, null, 2)}\n`;
      }
      return files;
    });
    return sha!;
  }

  /** Records a `translator unlock`: who removed which lock or lease, and when. Returns the commit. */
  async saveUnlock(router: string, actor: Actor, removed: readonly string[]): Promise<string> {
    const now = new Date().toISOString();
    const line = `${now}  ${actor.name}  ${removed.join('; ')}`;
    const message = `${router}: unlock by ${actor.name}\n\n${removed.map((r) => `- removed ${r}`).join('\n')}\n`;
    const { commit } = await this.#commit(message, async (read) => ({
      [recordPaths.unlocks(router)]: `${(await read(recordPaths.unlocks(router))) ?? ''}${line}\n`,
    }));
    return commit!;
  }

  /** The intended commit live on the router, or null (none recorded, or live.json damaged: see problems()). */
  async live(router: string, commit?: string | null): Promise<LiveInfo | null> {
    const file = recordPaths.live(router);
    return this.#parsed(router, file, await this.read(file, commit), parseLive, 'a successful deploy of the router rewrites it');
  }

  /** The router's facts saved with its last backup, or null (none yet, or damaged: see problems()). */
  async facts(router: string): Promise<RouterFacts | null> {
    const file = recordPaths.facts(router);
    return this.#parsed(router, file, await this.read(file), parseFacts, 'the next deploy of the router rewrites it');
  }

  /** The router's records, newest first (at most `limit`); damaged ones are skipped and reported in problems(). */
  async history(router: string, limit = Infinity): Promise<DeployRecord[]> {
    const logFile = recordPaths.log(router);
    const log = await this.read(logFile);
    if (log === null) return [];
    const ids: string[] = [];
    log.split('\n').forEach((line, i) => {
      if (line === '') return;
      const id = line.split(/\s{2,}/)[5];
      if (id !== undefined && isDeployId(id)) ids.push(id);
      else this.#problem(router, logFile, `line ${i + 1} is not a deploy log line`, 'the line is skipped; correct or remove it on the branch');
    });
    ids.reverse();
    const records: DeployRecord[] = [];
    // A chunk at a time, in one git process each: status wants one record, rollback all of them.
    const chunk = Number.isFinite(limit) ? Math.max(limit, 8) : ids.length;
    for (let at = 0; at < ids.length && records.length < limit; at += chunk) {
      const files = ids.slice(at, at + chunk).map((id) => recordPaths.record(router, id));
      const texts = await this.git.readBlobs(files.map((file) => `${this.ref}:${file}`));
      for (const file of files) {
        const text = texts.get(`${this.ref}:${file}`) ?? null;
        if (text === null) {
          this.#problem(router, file, 'listed in deploys.log but missing', `restore it from the branch's history: git log --all -- ${file}`);
          continue;
        }
        const record = this.#parsed(router, file, text, parseRecord, 'it is skipped until repaired');
        if (record && records.length < limit) records.push(record);
      }
    }
    return records;
  }

  /**
   * Whether the first backup ever recorded for the router (the oldest version of its running.cfg:
   * the router before translator's first change) already had `ip nat outside` on the outside
   * interface — then a human put it there, and translator must never remove it. Null: no backup
   * recorded yet. The first backups of every router are read by one `git log` (the patches that
   * added them) and kept for the repository (firstBackupsOf): a first backup never changes once
   * recorded, and a router whose backup the branch got since is looked up on its own.
   */
  async outsideNatBeforeTranslator(router: string, scope: ScopeOptions): Promise<boolean | null> {
    const tip = await this.tip();
    if (tip === null) return null;
    const file = recordPaths.backup(router);
    const known = firstBackupsOf(this.git, this.ref);
    if (!known.tips.has(tip)) {
      const files = this.#addedFiles(tip, 'routers');
      Object.assign(known, { tips: new Set([tip]), files });
      files.catch(() => known.files === files && Object.assign(known, { tips: new Set() })); // a failure is this call's, not every later one's
    }
    const firsts = await known.files!;
    let first = firsts.get(file);
    if (first === undefined) {
      // Not there when the first backups were read: none at all (records are never deleted), or one added since.
      const [blob] = await this.git.objectIds([`${tip}:${file}`]);
      if (blob === null) return null;
      first = (await this.#addedFiles(tip, file)).get(file);
      if (first === undefined) return null;
      firsts.set(file, first);
    }
    const scoped = scopeConfig(parseConfig(first), scope);
    return [...scoped.sections.values()].some((section) => section.kind === 'outside-interface');
  }

  /** Each file under `path` (a file or a directory) as the oldest commit up to `tip` that added it had it: one git process. */
  async #addedFiles(tip: string, path: string): Promise<Map<string, string>> {
    const out = await this.git.run(['log', '--reverse', '--diff-filter=A', '--format=%x00', '-p', '--unified=0', '--no-color', '--no-ext-diff', '--no-renames', tip, '--', path]);
    const added = new Map<string, string>();
    for (const commit of out.split('\0').slice(1)) {
      for (const patch of commit.split(/^(?=diff --git )/m)) {
        // From the `diff --git` line: an empty file added has no `+++` line (router names have no blanks: layout.ts).
        const file = /^diff --git a\/\S+ b\/(\S+)$/m.exec(patch)?.[1];
        if (file !== undefined && !added.has(file)) added.set(file, addedText(patch));
      }
    }
    return added;
  }

  /**
   * Pushes the branch. When the remote has records this clone lacks (another host deployed),
   * its branch is fetched, joined with ours (records-merge.ts) and the push retried.
   */
  async push(remote: string, retries = this.options.pushRetries ?? 3): Promise<{ sha: string; attempts: number }> {
    for (let attempt = 1; ; attempt++) {
      const local = await this.#tip();
      if (!local) throw new Error(`nothing to push: ${this.branch} has no records`);
      try {
        await this.git.run(['push', '--quiet', remote, `${this.ref}:${this.ref}`]);
        return { sha: local, attempts: attempt };
      } catch (error) {
        if (!(error instanceof GitCommandError) || !/rejected|fetch first|non-fast-forward/.test(error.stderr) || attempt > retries) throw error;
      }
      const remoteTip = await this.#fetch(remote);
      if (remoteTip) await this.#join(remoteTip, remote);
    }
  }

  async #sync(): Promise<SyncResult> {
    const remote = await this.sharedRemote().catch(() => null);
    if (remote === null) return { remote, note: null, warning: null };
    let remoteTip: string | null;
    try {
      remoteTip = await this.#fetch(remote);
    } catch (error) {
      const reason = gitReason(error);
      return { remote, note: null, warning: `records could not be fetched from ${remote} (${reason}): using this clone's copy of ${this.branch}, which may be stale` };
    }
    if (remoteTip === null) return { remote, note: null, warning: null };
    const joined = await this.#join(remoteTip, remote);
    if (joined !== 'merged') return { remote, note: joined === 'taken' || joined === 'fast-forward' ? `records fetched from ${remote}` : null, warning: null };
    if (!this.options.pushBack) return { remote, note: `joined ${remote}'s records with this clone's (they had diverged); not pushed (deploy.pushRecords: false)`, warning: null };
    try {
      await this.push(remote);
      return { remote, note: `joined ${remote}'s records with this clone's (they had diverged) and pushed them back`, warning: null };
    } catch (error) {
      const reason = gitReason(error);
      return { remote, note: null, warning: `joined ${remote}'s records with this clone's, but could not push them back (${reason}): push ${this.branch} later` };
    }
  }

  /** Where the remote's branch is fetched to: the usual remote-tracking ref for a named remote. */
  #tracking(remote: string): string {
    return remoteIsUrl(remote) ? 'refs/translator/remote-records' : `refs/remotes/${remote}/${this.branch}`;
  }

  /** Fetches the remote's branch; its commit, or null when the remote has no records yet. */
  async #fetch(remote: string): Promise<string | null> {
    const tracking = this.#tracking(remote);
    try {
      await this.git.run(['fetch', '--quiet', '--no-tags', remote, `+${this.ref}:${tracking}`]);
    } catch (error) {
      if (error instanceof GitCommandError && /couldn't find remote ref/.test(error.stderr)) return null;
      throw error;
    }
    const [commit] = await this.git.objectIds([`${tracking}^{commit}`]);
    if (!commit) throw new Error(`${tracking} names no commit after fetching it from ${remote}`);
    return commit;
  }

  /** Brings the local branch up to `remoteTip`: taken, fast-forwarded, already ahead, or joined by a merge. */
  async #join(remoteTip: string, remote: string): Promise<'taken' | 'up-to-date' | 'ahead' | 'fast-forward' | 'merged'> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const local = await this.#tip();
      let target: string;
      let outcome: 'taken' | 'fast-forward' | 'merged';
      if (local === null) [target, outcome] = [remoteTip, 'taken'];
      else if (local === remoteTip) return 'up-to-date';
      else {
        const [onlyLocal, onlyRemote] = (await this.git.run(['rev-list', '--left-right', '--count', `${local}...${remoteTip}`])).trim().split(/\s+/).map(Number);
        if (onlyRemote === 0) return 'ahead';
        if (onlyLocal === 0) [target, outcome] = [remoteTip, 'fast-forward'];
        else {
          const message = `records: join ${remote} ${this.branch} with this clone's (recorded on several machines)\n`;
          [target, outcome] = [await mergeRecords(this.git, this.identity, local, remoteTip, message), 'merged'];
        }
      }
      try {
        await this.git.updateRef(this.ref, target, local, `translator: records ${outcome} from ${remote}`);
        return outcome;
      } catch (error) {
        if (!(error instanceof GitCommandError)) throw error;
        // A local writer moved the branch meanwhile: join again from its new tip.
      }
    }
    throw new Error(`could not join ${remote}'s ${this.branch}: the local branch kept moving (10 attempts)`);
  }

  async #tip(): Promise<string | null> {
    const [commit] = await this.git.objectIds([`${this.ref}^{commit}`]);
    return commit ?? null;
  }

  async #read(file: string, commit?: string | null): Promise<string | null> {
    const at = commit === undefined ? this.ref : commit;
    if (at === null) return null;
    const name = `${at}:${file}`;
    return (await this.git.readBlobs([name])).get(name) ?? null;
  }

  #parsed<T>(router: string, file: string, text: string | null, parse: (text: string) => Parsed<T>, consequence: string): T | null {
    if (text === null) return null;
    const parsed = parse(text);
    if (parsed.ok) {
      this.#problems.delete(file);
      return parsed.value;
    }
    this.#problem(router, file, parsed.problem, `${consequence}; to repair by hand: \`git show ${this.branch}:${file}\`, and a good version from \`git log -p ${this.branch} -- ${file}\``);
    return null;
  }

  #problem(router: string, file: string, problem: string, repair: string): void {
    this.#problems.set(file, { router, file, problem, repair });
  }

  /** Queued behind the writes before it, and committed together with those queued meanwhile (records-batch.ts). */
  #commit(message: string, change: Change): Promise<Written> {
    return this.#writes.add({ message, change });
  }

  /** The branch's commit and its tree (read by the long-lived cat-file), or null before the first record. */
  async #tipAndTree(): Promise<{ commit: string; tree: string } | null> {
    // The tree of the commit read, not of the ref read again: the ref may move in between.
    const commit = await this.#tip();
    if (commit === null) return null;
    const [tree] = await this.git.objectIds([`${commit}^{tree}`]);
    if (!tree) throw new Error(`${this.branch} is at ${commit}, whose tree cannot be read`);
    return { commit, tree };
  }

  /**
   * The files of a batch's writes, as if they were applied one after another: each write reads
   * the branch as the writes before it left it (one log may get two lines). All changes first run
   * at once against `base`, their reads served by one `cat-file --batch`; a write that read a file
   * an earlier write of the batch changed runs again, on the batch's view.
   */
  async #changes(batch: readonly Write[], base: string | null): Promise<{ files: Record<string, FileContent>; written: string[][] }> {
    const reads = batch.map(() => new Set<string>());
    const fromBase = readTogether(this.git, base);
    const first = await Promise.all(
      batch.map((write, i) =>
        write.change((file) => {
          reads[i]!.add(file);
          return fromBase(file);
        }),
      ),
    );
    const files: Record<string, FileContent> = {};
    const written: string[][] = [];
    for (const [i, write] of batch.entries()) {
      const stale = [...reads[i]!].some((file) => Object.hasOwn(files, file));
      const own = stale ? await write.change((file) => (Object.hasOwn(files, file) ? this.#textOf(files[file]!) : this.#read(file, base))) : first[i]!;
      Object.assign(files, own);
      written.push(Object.keys(own));
    }
    return { files, written };
  }

  /** A file as an earlier write of the batch left it: its text, or a blob written ahead (a no-op run's backup). */
  async #textOf(content: FileContent): Promise<string | null> {
    if (typeof content === 'string') return content;
    if (content.text !== undefined) return content.text;
    return (await this.git.readBlobs([content.blob])).get(content.blob) ?? null;
  }

  async #commitWithRetry(batch: readonly Write[]): Promise<Written[]> {
    await this.synced();
    for (let attempt = 0; attempt < 10; attempt++) {
      const tip = await this.#tipAndTree();
      const base = tip?.commit ?? null;
      const { files, written } = await this.#changes(batch, base);
      const message = batchMessage(batch.map((write) => write.message));
      const { commit, blobs } = await commitTree(this.git, { base: tip, files, message, identity: this.identity });
      const results = (made: string | null) => written.map((paths) => ({ commit: made, blobs: Object.fromEntries(paths.map((path) => [path, blobs[path]!])) }));
      if (commit === base) return results(null);
      // One commit of ours on top of a tip the first backups were read at: they still hold there
      // (said before the ref moves, so that a read in between does not take it for another writer's).
      const known = firstBackupsOf(this.git, this.ref);
      if (base !== null && known.tips.has(base)) {
        known.tips.add(commit);
        if (known.tips.size > 16) known.tips.delete(known.tips.values().next().value!);
      }
      try {
        await this.git.updateRef(this.ref, commit, base, 'translator: record');
        return results(commit);
      } catch (error) {
        if (!(error instanceof GitCommandError)) throw error;
        // Another process moved the branch: apply the changes again on its tip.
      }
    }
    throw new Error(`could not update ${this.branch}: it kept moving (10 attempts)`);
  }
}

/**
 * The first backup of each router (records.ts outsideNatBeforeTranslator), per repository and
 * branch, with the tips they hold at: the one they were read at, and those this process reached
 * from it by its own records commits (appending never changes which commit added a file first; the
 * last 16 are kept). Any other tip (another process's commit, a join with the remote's records)
 * reads them again. A watch daemon so runs `git log` once, not on every deploy.
 */
interface FirstBackups {
  tips: Set<string>;
  files: Promise<Map<string, string>> | null;
}

const firstBackups = new WeakMap<Git, Map<string, FirstBackups>>();

function firstBackupsOf(git: Git, ref: string): FirstBackups {
  let byRef = firstBackups.get(git);
  if (!byRef) firstBackups.set(git, (byRef = new Map()));
  let known = byRef.get(ref);
  if (!known) byRef.set(ref, (known = { tips: new Set(), files: null }));
  return known;
}

/** Reads of files at `commit` asked for in the same turn of the event loop, answered by one `cat-file --batch`. */
function readTogether(git: Git, commit: string | null): Read {
  let waiting: Map<string, Array<{ resolve: (text: string | null) => void; reject: (error: unknown) => void }>> | null = null;
  const flush = (asked: NonNullable<typeof waiting>) => {
    const names = [...asked.keys()].map((file) => `${commit}:${file}`);
    git.readBlobs(names).then(
      (found) => [...asked.entries()].forEach(([file, callers], i) => callers.forEach((c) => c.resolve(found.get(names[i]!) ?? null))),
      (error: unknown) => asked.forEach((callers) => callers.forEach((c) => c.reject(error))),
    );
  };
  return (file) => {
    if (commit === null) return Promise.resolve(null);
    return new Promise((resolve, reject) => {
      if (waiting === null) {
        const asked = (waiting = new Map());
        queueMicrotask(() => {
          waiting = null;
          flush(asked);
        });
      }
      const callers = waiting.get(file) ?? [];
      callers.push({ resolve, reject });
      waiting.set(file, callers);
    });
  };
}

function factsText(facts: RouterFacts): string {
  return `${JSON.stringify(facts, null, 2)}\n`;
}

/** The text of a file as the patch that added it shows it (`-p --unified=0`: one hunk, every line added). */
function addedText(patch: string): string {
  const lines = patch.split('\n');
  const hunk = lines.findIndex((line) => line.startsWith('@@ '));
  if (hunk < 0) return '';
  const count = Number(/\+1(?:,(\d+))? @@/.exec(lines[hunk]!)?.[1] ?? 1);
  return lines
    .slice(hunk + 1, hunk + 1 + count)
    .map((line) => line.slice(1))
    .join('\n');
}
