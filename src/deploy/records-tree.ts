/**
 * Commits on the records branch built from objects (gitops/tree-edit.ts, commit-objects.ts), so
 * the work tree, the index and the checked-out branch are never touched.
 */
import { commitText } from '../gitops/commit-objects.js';
import type { Git } from '../gitops/git.js';
import type { GitIdentity } from '../gitops/repo.js';
import { planTree } from '../gitops/tree-edit.js';

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
 * A commit of `files` on top of `base`, no git process of its own: every id (blobs, trees, the
 * commit) is computed here, then the three kinds of object are written side by side by the
 * repository's kept git processes (gitops/object-writer.ts), each id checked against git's. git
 * checks an object's format, not that what it names exists yet, and the branch moves only once all
 * are written (records.ts).
 */
export async function commitTree(git: Git, options: CommitTreeOptions): Promise<TreeCommit> {
  const { base, files } = options;
  const blobs: Record<string, string> = {};
  const newBlobs: Array<{ id: string; content: string }> = [];
  for (const [file, content] of Object.entries(files)) {
    const text = textOf(content);
    blobs[file] = text === null ? (content as { blob: string }).blob : await git.blobId(text);
    if (typeof content !== 'string' && blobs[file] !== content.blob) throw new Error(`${file}: blob ${blobs[file]}, not the ${content.blob} computed ahead`);
    if (text !== null) newBlobs.push({ id: blobs[file], content: text });
  }
  const baseTree = base ? (base.tree ?? (await git.objectIds([`${base.commit}^{tree}`]))[0]) : null;
  if (base && !baseTree) throw new Error(`${base.commit} has no tree that can be read`);
  const tree = await planTree(git, baseTree ?? null, blobs);
  if (base && !options.mergeParent && tree.id === baseTree) return { commit: base.commit, blobs };
  const parents = [...(base ? [base.commit] : []), ...(options.mergeParent ? [options.mergeParent] : [])];
  const text = commitText({ tree: tree.id, parents, message: options.message, author: options.identity });
  const commit = await git.objectId('commit', text);
  await Promise.all([
    git.writeKnownObjects('blob', newBlobs),
    git.writeKnownObjects('tree', tree.objects),
    git.writeKnownObjects('commit', [{ id: commit, content: text }]),
  ]);
  return { commit, blobs };
}
