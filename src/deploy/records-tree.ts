/**
 * Commits on the records branch built from objects (gitops/tree-edit.ts, commit-objects.ts), so
 * the work tree, the index and the checked-out branch are never touched.
 */
import { writeCommits } from '../gitops/commit-objects.js';
import type { Git } from '../gitops/git.js';
import type { GitIdentity } from '../gitops/repo.js';
import { treeWith } from '../gitops/tree-edit.js';

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
  /** A second parent: the commit is a merge, made even when the tree equals the base's. */
  mergeParent?: string;
}

/**
 * A commit of `files` on top of `base`: blobs, trees and the commit written through the
 * repository's kept git processes (gitops/object-writer.ts), no git process of its own.
 */
export async function commitTree(git: Git, options: CommitTreeOptions): Promise<TreeCommit> {
  const { base, files } = options;
  const entries = Object.entries(files);
  const written = entries.filter(([, content]) => textOf(content) !== null);
  const ids = await git.writeObjects('blob', written.map(([, content]) => textOf(content)!));
  const blobs: Record<string, string> = {};
  written.forEach(([file, content], i) => {
    blobs[file] = ids[i]!;
    if (typeof content !== 'string' && blobs[file] !== content.blob) throw new Error(`${file}: git wrote blob ${blobs[file]}, not the ${content.blob} computed ahead`);
  });
  for (const [file, content] of entries) if (typeof content !== 'string') blobs[file] = content.blob;
  const baseTree = base ? (base.tree ?? (await git.objectIds([`${base.commit}^{tree}`]))[0]) : null;
  if (base && !baseTree) throw new Error(`${base.commit} has no tree that can be read`);
  const tree = await treeWith(git, baseTree ?? null, blobs);
  if (base && !options.mergeParent && tree === baseTree) return { commit: base.commit, blobs };
  const parents = [...(base ? [base.commit] : []), ...(options.mergeParent ? [options.mergeParent] : [])];
  const [commit] = await writeCommits(git, [{ tree, parents, message: options.message, author: options.identity }]);
  return { commit: commit!, blobs };
}
