/** The intended config comes from a commit (git show REF:routers/<r>/intended.cfg), never from the work tree. */
import { intendedCfgPath } from '../gitops/layout.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { Settings } from '../settings/load.js';

export class IntendedError extends Error {
  override name = 'IntendedError';
}

export interface ResolvedRef {
  /** As given (or the default branch name). */
  ref: string;
  commit: string;
}

/** The branch deployed when no ref is given: deploy.branch, else git.branch, else the checked-out branch. */
export async function defaultDeployRef(repo: GitOpsRepo, settings: Settings): Promise<string> {
  const branch = settings.deploy.branch ?? settings.git.branch ?? (await repo.currentBranch());
  if (!branch) throw new IntendedError('HEAD is detached and no deploy branch is configured (deploy.branch or git.branch): pass --ref');
  return branch;
}

/**
 * The commit to deploy: `ref` as git reads a revision when one is given (--ref), else the tip of
 * the deploy branch, read as that branch and nothing else (a tag or another ref of the same name,
 * which git's own lookup would prefer, never stands in for it).
 */
export async function resolveDeployRef(repo: GitOpsRepo, settings: Settings, ref?: string): Promise<ResolvedRef> {
  return ref !== undefined ? resolveRef(repo, ref) : resolveBranch(repo, await defaultDeployRef(repo, settings));
}

/** The tip of `branch`, read as refs/heads/<branch>: a tag or another ref of that name never stands in for it. */
export async function resolveBranch(repo: GitOpsRepo, branch: string): Promise<ResolvedRef> {
  const commit = await repo.commitOf(`refs/heads/${branch}`);
  if (commit === null) {
    throw new IntendedError(
      `the deploy branch ${JSON.stringify(branch)} has no commit in ${repo.root}: commit to it (translator commit), ` +
        `create it from the remote's (git switch ${branch}), or name a commit with --ref (e.g. --ref origin/${branch})`,
    );
  }
  return { ref: branch, commit };
}

export async function resolveRef(repo: GitOpsRepo, ref: string): Promise<ResolvedRef> {
  if (ref.startsWith('-')) throw new IntendedError(`not a ref: ${JSON.stringify(ref)}`);
  const commit = await repo.commitOf(ref);
  if (commit === null) throw new IntendedError(`${JSON.stringify(ref)} names no commit in ${repo.root} (fetch first, or check --ref)`);
  return { ref, commit };
}

export async function readIntended(repo: GitOpsRepo, router: string, commit: string): Promise<string> {
  return (await readIntendedOf(repo, new Map([[router, commit]]))).get(router)!;
}

/** Each router's intended config at its commit (router → commit), read together: one cat-file round trip per commit. */
export async function readIntendedOf(repo: GitOpsRepo, commits: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const byCommit = new Map<string, string[]>();
  for (const [router, commit] of commits) {
    const routers = byCommit.get(commit);
    if (routers) routers.push(router);
    else byCommit.set(commit, [router]);
  }
  const texts = new Map<string, string>();
  for (const [commit, routers] of byCommit) {
    const found = await repo.readFiles(routers.map(intendedCfgPath), commit);
    for (const router of routers) {
      const text = found.get(intendedCfgPath(router)) ?? null;
      if (text === null) {
        throw new IntendedError(`${router}: commit ${commit.slice(0, 12)} has no ${intendedCfgPath(router)} (run translator commit first, or choose another --ref)`);
      }
      texts.set(router, text);
    }
  }
  return texts;
}
