/**
 * Push with a bounded fetch-rebase-retry loop, never forcing.
 *
 * Why not `git rebase`: the GitOps repository may hold someone else's uncommitted work,
 * and `git rebase` refuses to run then (or, with --autostash, stashes and re-applies
 * their files). Instead our commits are replayed onto the fetched remote branch with
 * plumbing, in a temporary index (a 3-way `read-tree` per commit: a file changed on both
 * sides is a conflict), and the result is checked out with `read-tree -m -u`, which,
 * like `git checkout`, keeps local changes and refuses if one is in a file that changes.
 * The branch ref moves only after that succeeds, with a compare-and-swap `update-ref`.
 * So on any failure the repository is exactly as before: our commits intact, no rebase
 * in progress, nothing of anyone else's touched.
 */
import { rm } from 'node:fs/promises';
import { GitOpsError } from './errors.js';
import { Git, GitCommandError, type GitEnv } from './git.js';
import { privatePaths } from './layout.js';

export interface PushOptions {
  /** Remote name or URL. */
  remote: string;
  /** Remote branch to update. */
  branch: string;
  /** How many times a non-fast-forward rejection is fetched, rebased and retried. */
  retries: number;
  /** Committer of replayed commits; their author is kept. Default: each commit's committer. */
  committer?: { name: string; email: string };
}

export interface PushResult {
  remote: string;
  branch: string;
  /** The commit the remote branch now points at. */
  sha: string;
  /** Push attempts made (1 when the first one went through). */
  attempts: number;
  /** Local commits replayed onto the remote branch, summed over all retries. */
  replayed: number;
}

/** A rejection that a fetch + rebase can cure: someone else pushed first. */
const RETRYABLE = [
  /\[rejected\][^\n]*\((fetch first|non-fast-forward)\)/,
  // The remote's ref moved between its check and its update (a concurrent push).
  /\[remote rejected\][^\n]*(cannot lock ref|failed to update ref|incorrect old value)/,
];

async function tryPush(git: Git, remote: string, branch: string): Promise<{ ok: true } | { ok: false; stderr: string }> {
  try {
    await git.run(['push', remote, `HEAD:refs/heads/${branch}`]);
    return { ok: true };
  } catch (error) {
    if (error instanceof GitCommandError) return { ok: false, stderr: error.stderr };
    throw error;
  }
}

/** The commit `rev` names, '' when it names none. */
async function revParse(git: Git, rev: string): Promise<string> {
  return (await git.objectIds([`${rev}^{commit}`]))[0] ?? '';
}

async function fetchBranch(git: Git, remote: string, branch: string): Promise<string> {
  await git.run(['fetch', '--quiet', '--no-tags', remote, `refs/heads/${branch}`]);
  return revParse(git, 'FETCH_HEAD');
}

/** The subject of a commit, for messages. */
async function subjectOf(git: Git, sha: string): Promise<string> {
  return (await git.run(['log', '-1', '--format=%s', sha])).trim();
}

/**
 * Replays `commit` (a single-parent commit) onto `base` in a private index. Returns the
 * new commit, or `base` itself when the change is already there. Throws on conflict.
 */
async function replayOne(
  git: Git,
  indexFile: string,
  commit: string,
  base: string,
  committer: PushOptions['committer'],
  where: string,
): Promise<string> {
  const parents = (await git.run(['rev-list', '--parents', '-n', '1', commit])).trim().split(' ').slice(1);
  if (parents.length !== 1) {
    throw new GitOpsError(
      'push-conflict',
      `cannot rebase local commit ${commit.slice(0, 12)} onto ${where}: it is a ${parents.length === 0 ? 'root' : 'merge'} commit; ` +
        'nothing was pushed, integrate the remote branch by hand',
    );
  }
  const env: GitEnv = { GIT_INDEX_FILE: indexFile };
  await rm(indexFile, { force: true });
  await git.run(['read-tree', '-i', '-m', '--aggressive', parents[0]!, base, commit], { env });
  const unmerged = (await git.run(['ls-files', '--unmerged', '-z'], { env }))
    .split('\0')
    .filter(Boolean)
    .map((line) => line.slice(line.indexOf('\t') + 1));
  if (unmerged.length > 0) {
    await rm(indexFile, { force: true });
    throw new GitOpsError(
      'push-conflict',
      `${where} changed the same files as local commit ${commit.slice(0, 12)} ` +
        `("${await subjectOf(git, commit)}"): ${[...new Set(unmerged)].sort().join(', ')}. ` +
        'Nothing was pushed and the local commits are intact; reconcile by hand (e.g. git pull --rebase) and run again',
    );
  }
  const tree = (await git.run(['write-tree'], { env })).trim();
  await rm(indexFile, { force: true });
  if (tree === (await git.run(['rev-parse', `${base}^{tree}`])).trim()) return base; // already upstream
  const format = '--format=%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%B';
  const [name, email, date, cname, cemail, ...body] = (await git.run(['log', '-1', format, commit])).split('\0');
  const identity: GitEnv = {
    GIT_AUTHOR_NAME: name ?? '',
    GIT_AUTHOR_EMAIL: email ?? '',
    GIT_AUTHOR_DATE: date ?? '',
    GIT_COMMITTER_NAME: committer?.name ?? cname ?? '',
    GIT_COMMITTER_EMAIL: committer?.email ?? cemail ?? '',
  };
  const text = body.join('\0').replace(/\n+$/, '\n');
  return (await git.runWithMessage(['commit-tree', tree, '-p', base], text, { env: identity })).trim();
}

/**
 * Rebases HEAD's commits that `upstream` lacks onto it, then moves the work tree, index
 * and branch there. Returns how many commits were replayed.
 */
async function rebaseOnto(git: Git, upstream: string, options: PushOptions): Promise<number> {
  const where = `${options.remote} ${options.branch}`;
  const head = await revParse(git, 'HEAD');
  const commits = (await git.run(['rev-list', '--reverse', '--topo-order', `${upstream}..${head}`]))
    .split('\n')
    .filter(Boolean);
  const indexFile = await git.privatePath(privatePaths.rebaseIndex);
  let base = upstream;
  for (const commit of commits) base = await replayOne(git, indexFile, commit, base, options.committer, where);
  try {
    // Two-tree merge = what `git checkout` does: carries local changes, refuses to clobber one.
    await git.run(['read-tree', '-m', '-u', head, base]);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw new GitOpsError(
      'local-change-blocks-update',
      `cannot bring in the changes of ${where}: an uncommitted local change is in a file they touch ` +
        `(${error.stderr.trim()}). Nothing was pushed and nothing was changed locally`,
    );
  }
  await git.run(['update-ref', '-m', `translator: rebase onto ${where}`, 'HEAD', base, head]);
  return commits.length;
}

export async function pushWithRetry(git: Git, options: PushOptions): Promise<PushResult> {
  const { remote, branch, retries } = options;
  if (!(await revParse(git, 'HEAD'))) {
    throw new GitOpsError('push-failed', 'nothing to push: the repository has no commits yet');
  }
  let replayed = 0;
  for (let attempt = 1; ; attempt++) {
    const result = await tryPush(git, remote, branch);
    if (result.ok) return { remote, branch, sha: await revParse(git, 'HEAD'), attempts: attempt, replayed };
    if (!RETRYABLE.some((re) => re.test(result.stderr))) {
      throw new GitOpsError('push-failed', `push to ${remote} ${branch} failed: ${result.stderr.trim()}`);
    }
    if (attempt > retries) {
      throw new GitOpsError(
        'push-retries-exhausted',
        `push to ${remote} ${branch} was still rejected after ${retries} fetch-and-rebase retries ` +
          '(the remote branch keeps moving); the local commits are intact, run again later',
      );
    }
    const upstream = await fetchBranch(git, remote, branch).catch((error: unknown) => {
      if (!(error instanceof GitCommandError)) throw error;
      throw new GitOpsError('push-failed', `push to ${remote} ${branch} was rejected and fetching it failed: ${error.stderr.trim()}`);
    });
    replayed += await rebaseOnto(git, upstream, options);
  }
}
