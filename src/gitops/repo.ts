/**
 * GitOpsRepo: the thin adapter between translator and the GitOps repository.
 *
 * Rules it keeps, whatever else is going on in the repository:
 * - it commits only the paths it is given, never another change that is staged,
 *   modified or untracked elsewhere (`git commit --only -- <paths>`);
 * - it never overwrites or commits someone else's uncommitted edit of a file it writes:
 *   it remembers (in the private git dir) what it last wrote to each path, and a dirty
 *   file whose content is not that is someone else's, so it refuses;
 * - no empty commits; no force push; no rebase state left behind (see push.ts).
 *
 * Paths given to and returned by this class are relative to the GitOps directory, which
 * may be a sub-directory of the repository (a monorepo); git runs at the root and sees
 * them with the directory's prefix.
 */
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GitOpsError } from './errors.js';
import { Git, GitCommandError, gitReason, type GitEnv } from './git.js';
import { intendedCfgPath, PRIVATE_DIR, privatePaths, stateJsonPath } from './layout.js';
import { pushWithRetry, type PushOptions, type PushResult } from './push.js';
import { remoteIsUrl } from './ref-names.js';

export interface GitIdentity {
  name: string;
  email: string;
}

export interface OpenOptions {
  /** Create the repository (`git init`) on this branch when `dir` is not inside one. */
  init?: { branch: string };
}

export interface CommitOptions {
  message: string;
  /** The only paths this commit may contain (relative to the GitOps directory). */
  paths: readonly string[];
  author: GitIdentity;
  /** Defaults to the author. */
  committer?: GitIdentity;
  /**
   * What the caller has just written to some of the paths (with writeFiles): a file still
   * holding exactly that is its own change, as writeFiles recorded it.
   */
  written?: Readonly<Record<string, string>>;
}

export interface CommitResult {
  sha: string;
  message: string;
  /** The given paths that actually changed, sorted. */
  paths: string[];
}

export interface RouterFiles {
  intendedCfg: string;
  stateJson: string;
}

/** One line of `git status --porcelain`: index (x) and work tree (y) state of a path. */
interface StatusEntry {
  x: string;
  y: string;
  path: string;
}

/** What translator last wrote to each path, by blob id: tells our dirty files from others'. */
type WrittenRecord = Record<string, string>;

export function identityEnv(author: GitIdentity, committer: GitIdentity = author): GitEnv {
  return {
    GIT_AUTHOR_NAME: author.name,
    GIT_AUTHOR_EMAIL: author.email,
    GIT_COMMITTER_NAME: committer.name,
    GIT_COMMITTER_EMAIL: committer.email,
  };
}

export class GitOpsRepo {
  private constructor(
    /** Absolute path of the GitOps directory. */
    readonly dir: string,
    /** Absolute path of the repository's work tree root. */
    readonly root: string,
    /** The GitOps directory relative to the repository root, "" or ending in "/". */
    private readonly prefix: string,
    readonly git: Git,
  ) {}

  /** Opens the repository that holds `dir`; refuses (or inits) when there is none. */
  static async open(dir: string, options: OpenOptions = {}): Promise<GitOpsRepo> {
    const abs = path.resolve(dir);
    const git = new Git(abs);
    // One rev-parse answers all the questions (outside a work tree it fails or says "false").
    const where = () =>
      git.run(['rev-parse', '--is-inside-work-tree', '--show-prefix', '--show-toplevel', '--git-path', PRIVATE_DIR]).then((out) => out.split('\n'));
    let [inside, prefix, root, privateDir] = await where().catch(() => []);
    if (inside !== 'true') {
      if (!options.init) {
        throw new GitOpsError(
          'not-a-repo',
          `${abs} is not inside a Git work tree: run \`git init\` (or clone the GitOps repository) there first`,
        );
      }
      await mkdir(abs, { recursive: true });
      await git.run(['init', '--quiet', `--initial-branch=${options.init.branch}`]);
      [inside, prefix, root, privateDir] = await where();
    }
    if (inside !== 'true' || prefix === undefined || !root || !privateDir) {
      throw new GitOpsError('not-a-repo', `${abs}: git does not see a work tree there`);
    }
    // Git runs at the root so that every pathspec and every path git prints is root-relative.
    const rootGit = new Git(root);
    rootGit.knownGitPath(PRIVATE_DIR, path.resolve(abs, privateDir));
    return new GitOpsRepo(abs, root, prefix, rootGit);
  }

  /** The repository that holds `dir`, or null when `dir` is not inside a Git work tree. */
  static async find(dir: string): Promise<GitOpsRepo | null> {
    return GitOpsRepo.open(dir).catch((error: unknown) => {
      if (error instanceof GitOpsError && error.code === 'not-a-repo') return null;
      throw error;
    });
  }

  /** The pathspec git needs for a GitOps-relative path. */
  private spec(p: string): string {
    return `${this.prefix}${p}`;
  }

  private unspec(p: string): string {
    return p.startsWith(this.prefix) ? p.slice(this.prefix.length) : p;
  }

  /** The commit HEAD points at, or null before the first commit. */
  async head(): Promise<string | null> {
    const [commit] = await this.git.objectIds(['HEAD^{commit}']);
    return commit ?? null;
  }

  /** The checked-out branch, or null when HEAD is detached. */
  async currentBranch(): Promise<string | null> {
    // Not --short: with a tag of the same name it says `heads/main`.
    const out = (await this.git.run(['symbolic-ref', '--quiet', 'HEAD']).catch(() => '')).trim();
    return out.startsWith('refs/heads/') ? out.slice('refs/heads/'.length) : null;
  }

  /** The commit `ref` names, or null when it names none. */
  async commitOf(ref: string): Promise<string | null> {
    // Read by the long-lived cat-file (no process of its own); a name it cannot read names nothing.
    const [commit] = await this.git.objectIds([`${ref}^{commit}`]).catch(() => [null]);
    return commit ?? null;
  }

  /**
   * `branch` as `remote` has it: fetched into its remote-tracking ref, else (the fetch failed)
   * the last one fetched, else the local branch of that name; null when none exists. `fetchError`
   * says why the fetch failed, for a warning.
   */
  async remoteBranch(remote: string, branch: string): Promise<{ ref: string; commit: string; fetchError: string | null } | null> {
    const fetched = await this.fetchBranch(remote, branch);
    const fetchError = 'error' in fetched ? fetched.error : null;
    for (const ref of [trackingRef(remote, branch), `refs/heads/${branch}`]) {
      const commit = await this.commitOf(ref);
      if (commit !== null) return { ref, commit, fetchError };
    }
    return null;
  }

  /** Fetches `branch` from `remote` (a remote's name or a URL) into its tracking ref: that ref, or why the fetch failed. */
  async fetchBranch(remote: string, branch: string): Promise<{ ref: string } | { error: string }> {
    const ref = trackingRef(remote, branch);
    return this.git.run(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${ref}`]).then(
      () => ({ ref }),
      (error: unknown) => ({ error: gitReason(error) }),
    );
  }

  /** Whether the repository knows `remote` (a URL always counts: git fetches from it directly). */
  async hasRemote(remote: string): Promise<boolean> {
    return remoteIsUrl(remote) || this.git.hasRemote(remote);
  }

  /** Whether `ancestor` is `commit` or one of its ancestors. */
  async isAncestor(ancestor: string, commit: string): Promise<boolean> {
    // Not `merge-base --is-ancestor`: simple-git resolves an exit status 1 that prints nothing.
    const base = (await this.git.run(['merge-base', ancestor, commit]).catch(() => '')).trim();
    return base !== '' && base === (await this.commitOf(ancestor));
  }

  /** Checks out `branch`, creating it at HEAD when it does not exist yet (review mode's branch). */
  async switchTo(branch: string): Promise<void> {
    if ((await this.currentBranch()) === branch) return;
    const exists = (await this.commitOf(`refs/heads/${branch}`)) !== null;
    await this.git.run(exists ? ['switch', '--quiet', branch] : ['switch', '--quiet', '-c', branch]);
  }

  /** A file's content in a commit (default HEAD); null when the commit or the file is absent. */
  async readFile(p: string, ref = 'HEAD'): Promise<string | null> {
    return (await this.readFiles([p], ref)).get(p) ?? null;
  }

  /** Several files of one commit (default HEAD) read by one git process; absent ones map to null. */
  async readFiles(paths: readonly string[], ref = 'HEAD'): Promise<Map<string, string | null>> {
    const blobs = await this.git.readBlobs(paths.map((p) => `${ref}:${this.spec(p)}`));
    return new Map(paths.map((p) => [p, blobs.get(`${ref}:${this.spec(p)}`) ?? null]));
  }

  private async recordFile(): Promise<string> {
    return this.git.privatePath(privatePaths.written);
  }

  private async readRecord(): Promise<WrittenRecord> {
    try {
      return JSON.parse(await readFile(await this.recordFile(), 'utf8')) as WrittenRecord;
    } catch {
      return {};
    }
  }

  /**
   * The blob ids the work-tree files would get (`git hash-object`, filters applied), in one
   * git process; a path with no file maps to null.
   */
  private async blobsOf(paths: readonly string[]): Promise<Map<string, string | null>> {
    const blobs = new Map<string, string | null>(paths.map((p) => [p, null]));
    const present: string[] = [];
    for (const p of paths) if (await isFile(path.join(this.dir, p))) present.push(p);
    if (present.length === 0) return blobs;
    try {
      const ids = (await this.git.run(['hash-object', '--', ...present.map((p) => this.spec(p))])).split('\n');
      present.forEach((p, i) => blobs.set(p, ids[i]!.trim()));
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      // A file went away meanwhile: ask about each one alone, an absent one is null.
      for (const p of present) blobs.set(p, (await this.git.run(['hash-object', '--', this.spec(p)]).catch(() => '')).trim() || null);
    }
    return blobs;
  }

  /**
   * The given paths that hold uncommitted changes translator did not make (staged or
   * not, including untracked files and deletions), sorted. A dirty file counts as ours
   * when its content is what we last wrote there, or exactly what we are about to write
   * (`wanted`: then nothing of anyone's would be lost, e.g. after a plain `render`).
   */
  async foreignChanges(paths: readonly string[], wanted: Readonly<Record<string, string>> = {}): Promise<string[]> {
    return this.foreignAmong(await this.dirty(paths), wanted);
  }

  /** `git status` of the given paths: each one that differs in the index or the work tree. */
  private async dirty(paths: readonly string[]): Promise<StatusEntry[]> {
    if (paths.length === 0) return [];
    const status = await this.git.run([
      'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', '--', ...paths.map((p) => this.spec(p)),
    ]);
    return status
      .split('\0')
      .filter(Boolean)
      .map((entry) => ({ x: entry[0]!, y: entry[1]!, path: this.unspec(entry.slice(3)) }));
  }

  private async foreignAmong(entries: readonly StatusEntry[], wanted: Readonly<Record<string, string>>): Promise<string[]> {
    if (entries.length === 0) return [];
    const record = await this.readRecord();
    const contents = new Map<string, string | null>();
    for (const { path: p } of entries) contents.set(p, await readFile(path.join(this.dir, p), 'utf8').catch(() => null));
    // A file holding exactly the wanted text, with nothing staged, is ours whatever its blob id: not hashed.
    const plainlyWanted = ({ x, path: p }: StatusEntry) => (x === ' ' || x === '?') && wanted[p] !== undefined && contents.get(p) === wanted[p];
    const worktreeBlobs = await this.blobsOf(entries.filter((e) => !plainlyWanted(e)).map((e) => e.path));
    const foreign: string[] = [];
    for (const entry of entries) {
      if (plainlyWanted(entry)) continue;
      const { x, y, path: p } = entry;
      const worktree = worktreeBlobs.get(p) ?? null;
      const ours = new Set([record[p]]);
      const content = contents.get(p);
      if (wanted[p] !== undefined && content === wanted[p]) ours.add(worktree ?? undefined);
      const worktreeOurs = y === ' ' || (worktree !== null && ours.has(worktree));
      const indexOurs = x === ' ' || x === '?' || ours.has((await this.indexBlob(p)) ?? undefined);
      if (!(worktreeOurs && indexOurs)) foreign.push(p);
    }
    return foreign.sort();
  }

  private async indexBlob(p: string): Promise<string | null> {
    const line = await this.git.run(['ls-files', '--stage', '-z', '--', this.spec(p)]);
    // "<mode> <blob> <stage>\t<path>"
    return line.split(' ')[1] ?? null;
  }

  /** Throws a GitOpsError naming every path that holds someone else's uncommitted change. */
  async assertNoForeignChanges(paths: readonly string[], wanted: Readonly<Record<string, string>> = {}): Promise<void> {
    this.refuseForeign(await this.foreignChanges(paths, wanted));
  }

  private refuseForeign(foreign: readonly string[]): void {
    if (foreign.length > 0) {
      throw new GitOpsError(
        'foreign-change',
        `refusing to overwrite uncommitted changes that translator did not make in ${foreign.join(', ')} ` +
          `(in ${this.dir}): commit, move or discard them first; translator never commits or discards others' work`,
      );
    }
  }

  /**
   * Writes files (GitOps-relative path → content) after checking that none holds someone
   * else's change. Each write is atomic (temp file + rename); an unchanged file is not touched.
   */
  async writeFiles(files: Readonly<Record<string, string>>): Promise<void> {
    const paths = Object.keys(files).sort();
    await this.assertNoForeignChanges(paths, files);
    const record = await this.readRecord();
    for (const p of paths) {
      const target = path.join(this.dir, p);
      const content = files[p]!;
      const current = await readFile(target, 'utf8').catch(() => null);
      if (current !== content) {
        await mkdir(path.dirname(target), { recursive: true });
        const temp = `${target}.translator-${process.pid}.tmp`;
        await writeFile(temp, content);
        await rename(temp, target);
      }
    }
    for (const [p, blob] of await this.blobsOf(paths)) record[p] = blob!;
    const recordFile = await this.recordFile();
    await mkdir(path.dirname(recordFile), { recursive: true });
    await writeFile(recordFile, `${JSON.stringify(record, null, 2)}\n`);
  }

  /** Writes routers/<router>/intended.cfg and state.json; returns their paths. */
  async writeRouterFiles(router: string, files: RouterFiles): Promise<string[]> {
    const written = { [intendedCfgPath(router)]: files.intendedCfg, [stateJsonPath(router)]: files.stateJson };
    await this.writeFiles(written);
    return Object.keys(written).sort();
  }

  /**
   * Commits exactly `paths` as they are in the work tree. Returns null (and makes no
   * commit) when they already match HEAD. Other staged, modified or untracked files stay
   * as they were, uncommitted.
   */
  async commit(options: CommitOptions): Promise<CommitResult | null> {
    const paths = [...new Set(options.paths)].sort();
    if (paths.length === 0) return null;
    const dirty = await this.dirty(paths);
    this.refuseForeign(await this.foreignAmong(dirty, options.written ?? {}));
    const specs = paths.map((p) => this.spec(p));
    // `commit --only <paths>` stages tracked files itself; only a new or deleted file needs `add` first.
    if (!dirty.every(({ x, y }) => x === ' ' && y === 'M')) {
      await this.git.run(['add', '--all', '--', ...specs]).catch((error: unknown) => {
        if (!(error instanceof GitCommandError)) throw error;
        throw new GitOpsError('commit-failed', `could not stage ${paths.join(', ')}: ${error.stderr.trim()}`);
      });
    }
    const changedPaths = (await this.stagedAfterAdd(dirty, specs)).sort();
    if (changedPaths.length === 0) return null;
    try {
      await this.git.runWithMessage(
        // --cleanup=whitespace: a line starting with "#" in a reason must not be dropped.
        ['commit', '--quiet', '--only', '--cleanup=whitespace', '--', ...specs],
        options.message,
        { env: identityEnv(options.author, options.committer) },
      );
    } catch (error) {
      if (!(error instanceof GitCommandError)) throw error;
      throw new GitOpsError('commit-failed', `could not commit ${changedPaths.join(', ')}: ${error.stderr.trim()}`);
    }
    return { sha: (await this.head())!, message: options.message, paths: changedPaths };
  }

  /**
   * The paths whose staged content differs from HEAD (or that exist, before the first commit)
   * once `git add --all` has staged the work tree. The status taken before the add tells: a
   * path listed there differs from HEAD in the work tree or the index, and after the add the
   * index is the work tree. Only a path changed in both (the work tree may have gone back to
   * HEAD's content) needs git to look again.
   */
  private async stagedAfterAdd(before: readonly StatusEntry[], specs: readonly string[]): Promise<string[]> {
    if (!before.some(({ x, y }) => x !== ' ' && x !== '?' && y !== ' ')) return before.map((e) => e.path);
    // Staged against HEAD (or against nothing before the first commit): the X column of status.
    const staged = await this.git.run(['status', '--porcelain=v1', '-z', '--untracked-files=no', '--no-renames', '--', ...specs]);
    return staged
      .split('\0')
      .filter((entry) => entry.length > 3 && entry[0] !== ' ')
      .map((entry) => this.unspec(entry.slice(3)));
  }

  /**
   * Pushes HEAD to `remote`'s `branch` (default: the current branch), creating it when
   * it does not exist. A non-fast-forward rejection is fetched, our commits replayed onto
   * the remote branch and the push retried, at most `retries` times. Never forces.
   */
  async push(options: Omit<PushOptions, 'branch'> & { branch?: string }): Promise<PushResult> {
    const branch = options.branch ?? (await this.currentBranch());
    if (!branch) {
      throw new GitOpsError('push-failed', 'HEAD is detached: name the branch to push to');
    }
    return pushWithRetry(this.git, { ...options, branch });
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() === true;
}

/** A remote given as a URL has no remote-tracking namespace: a ref of translator's own. */
function trackingRef(remote: string, branch: string): string {
  return remoteIsUrl(remote) ? `refs/translator/fetched/${branch}` : `refs/remotes/${remote}/${branch}`;
}
