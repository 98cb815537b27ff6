/**
 * Commits on the records branch built with plumbing in a private index (a scratch directory in the
 * git dir), so the work tree, the index and the checked-out branch are never touched.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Git, GitEnv } from '../gitops/git.js';
import { privatePaths } from '../gitops/layout.js';
import { identityEnv, type GitIdentity } from '../gitops/repo.js';

/**
 * A file's new content, or a blob already in the object store (taken as it is), or a blob whose
 * id was computed ahead (blobId) with its text, written with the commit (its id checked then).
 */
export type FileContent = string | { blob: string; text?: string };

/** The text a file content writes, or null for a blob already in the store. */
const textOf = (content: FileContent): string | null => (typeof content === 'string' ? content : (content.text ?? null));

export interface TreeCommit {
  /** The new commit; the base itself when nothing changed and no merge parent was given. */
  commit: string;
  /** The blob id of each file written. */
  blobs: Record<string, string>;
}

export interface CommitTreeOptions {
  base: { commit: string; tree?: string } | null;
  files: Record<string, FileContent>;
  message: string;
  identity: GitIdentity;
  /** A scratch dir whose index already holds `base` (RecordsStore.prepare); it stays for its owner to dispose. */
  prepared?: string;
  /** A second parent: the commit is a merge, made even when the tree equals the base's. */
  mergeParent?: string;
}

export const indexEnv = (scratch: string): GitEnv => ({ GIT_INDEX_FILE: path.join(scratch, 'index') });

/** A new private directory for one commit's index and blob files. */
export async function scratchDir(git: Git): Promise<string> {
  const scratch = await git.privatePath(privatePaths.recordsScratch(`${process.pid}-${Math.random().toString(16).slice(2)}`));
  await mkdir(scratch, { recursive: true });
  return scratch;
}

/** A commit of `files` on top of `base`, built in a private index. */
export async function commitTree(git: Git, options: CommitTreeOptions): Promise<TreeCommit> {
  const { base, files, prepared } = options;
  const scratch = prepared ?? (await scratchDir(git));
  const env = indexEnv(scratch);
  try {
    const entries = Object.entries(files);
    const written = entries.filter(([, content]) => textOf(content) !== null);
    const temps = written.map((_, i) => path.join(scratch, `blob-${i}`));
    const hashed = async () => {
      for (const [i, [, content]] of written.entries()) await writeFile(temps[i]!, textOf(content)!);
      return written.length ? (await git.run(['hash-object', '-w', '--no-filters', '--', ...temps])).split('\n') : [];
    };
    // Independent (the private index; the object store): run side by side, both ended before the scratch goes.
    const readBase = async () => (prepared ? '' : git.run(base ? ['read-tree', base.commit] : ['read-tree', '--empty'], { env }));
    const [hashing, reading] = await Promise.allSettled([hashed(), readBase()]);
    if (hashing.status === 'rejected') throw hashing.reason;
    if (reading.status === 'rejected') throw reading.reason;
    const ids = hashing.value;
    const blobs: Record<string, string> = {};
    written.forEach(([file, content], i) => {
      blobs[file] = ids[i]!.trim();
      if (typeof content !== 'string' && blobs[file] !== content.blob) throw new Error(`${file}: git wrote blob ${blobs[file]}, not the ${content.blob} computed ahead`);
    });
    for (const [file, content] of entries) if (typeof content !== 'string') blobs[file] = content.blob;
    const cacheinfo = entries.flatMap(([file]) => ['--cacheinfo', `100644,${blobs[file]},${file}`]);
    if (cacheinfo.length) await git.run(['update-index', '--add', ...cacheinfo], { env });
    const tree = (await git.run(['write-tree'], { env })).trim();
    if (base && !options.mergeParent && tree === (base.tree ?? (await git.run(['rev-parse', `${base.commit}^{tree}`])).trim())) {
      return { commit: base.commit, blobs };
    }
    const parents = [...(base ? ['-p', base.commit] : []), ...(options.mergeParent ? ['-p', options.mergeParent] : [])];
    const commit = (await git.runWithMessage(['commit-tree', tree, ...parents], options.message, { env: identityEnv(options.identity) })).trim();
    return { commit, blobs };
  } finally {
    if (!prepared) await rm(scratch, { recursive: true, force: true });
  }
}
