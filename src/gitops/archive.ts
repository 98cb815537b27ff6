/**
 * A decommissioned router's files leave `routers/<r>/` for `archive/routers/<r>/<stamp>/` in one
 * commit (layout.ts). The commit is built first, in a private index on top of HEAD, so that the
 * decommission deploy can name it — at that commit the router has no intended config, which is
 * exactly what the deploy makes true, so its record and `live.json` say what the router runs —
 * while HEAD, the index and the work tree stay untouched. Only once the router is emptied does
 * the checked-out branch take the commit (a fast-forward); a failed deploy leaves Git as it was.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { GitOpsError } from './errors.js';
import { Git, GitCommandError } from './git.js';
import { archivedRouterDir, privatePaths, routerDir } from './layout.js';
import { identityEnv, type GitIdentity, type GitOpsRepo } from './repo.js';

export interface RouterArchive {
  /** The commit that moves the files (not on any branch until taken). */
  commit: string;
  /** GitOps-relative folders: where the files were, where they go. */
  from: string;
  to: string;
}

export interface ArchiveOptions {
  router: string;
  /** `YYYYMMDDTHHMMSSZ`: one folder per decommission. */
  stamp: string;
  /** Why, for the commit message's body. */
  reason: string;
  author: GitIdentity;
  committer?: GitIdentity;
}

/**
 * The archive commit on top of HEAD, or null when HEAD holds no `routers/<r>/`. Refuses while
 * that folder holds uncommitted changes: they are someone's, and the move would leave them behind.
 */
export async function prepareArchive(repo: GitOpsRepo, options: ArchiveOptions): Promise<RouterArchive | null> {
  const from = routerDir(options.router);
  const to = archivedRouterDir(options.router, options.stamp);
  // git runs at the repository's root; the GitOps directory may be a sub-directory of it (a monorepo).
  const prefix = (await new Git(repo.dir).run(['rev-parse', '--show-prefix'])).trim();
  const spec = (p: string) => `${prefix}${p}`;
  const head = await repo.head();
  if (head === null) return null;
  const tree = (await repo.git.run(['rev-parse', '--verify', '--quiet', `${head}:${spec(from)}`]).catch(() => '')).trim();
  if (tree === '') return null;
  const dirty = await repo.git.run(['status', '--porcelain=v1', '--untracked-files=all', '--', spec(from), spec(to)]);
  if (dirty.trim() !== '') {
    throw new GitOpsError('foreign-change', `${from}/ holds uncommitted changes (${dirty.trim().split('\n').join('; ')}): commit or discard them first, then decommission`);
  }
  const index = await repo.git.privatePath(privatePaths.archiveIndex(`${process.pid}-${randomUUID()}`));
  const env = { GIT_INDEX_FILE: index };
  await mkdir(path.dirname(index), { recursive: true });
  try {
    await repo.git.run(['read-tree', head], { env });
    await repo.git.run(['rm', '-r', '-q', '--cached', '--', spec(from)], { env });
    await repo.git.run(['read-tree', `--prefix=${spec(to)}/`, tree], { env });
    const archived = (await repo.git.run(['write-tree'], { env })).trim();
    const message = `${options.router}: decommission: ${from}/ archived to ${to}/\n\n${options.reason}\n`;
    const commit = (await repo.git.runWithMessage(['commit-tree', archived, '-p', head], message, { env: identityEnv(options.author, options.committer) })).trim();
    return { commit, from, to };
  } finally {
    await rm(index, { force: true });
  }
}

/** The checked-out branch takes the archive commit (fast-forward: index and work tree follow). */
export async function takeArchive(repo: GitOpsRepo, archive: RouterArchive): Promise<void> {
  try {
    await repo.git.run(['merge', '--ff-only', '--quiet', archive.commit]);
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    throw new GitOpsError(
      'commit-failed',
      `the archive commit ${archive.commit.slice(0, 12)} could not be taken by the checked-out branch (${error.stderr.trim().split('\n').at(-1)}): ` +
        `take it by hand with \`git merge ${archive.commit}\``,
    );
  }
}
