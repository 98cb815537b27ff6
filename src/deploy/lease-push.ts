/**
 * The compare-and-swap pushes of the deploy leases (lease.ts), several in one `git push` when they
 * come together. A fleet deploy takes and releases one lease per router; one push each was four git
 * processes per take and per release (push, and on the remote receive-pack with its hooks and
 * ref locks), most of a no-op fleet deploy's CPU (issue 14). Pushes asked for while one runs go
 * into the next (records-batch.ts's GroupCommits). Each ref keeps its own expected value
 * (`--force-with-lease=<ref>:<expected>` per ref) and the push is not atomic, so each ref lands or
 * is rejected on its own, exactly as it would alone; git's status line for the ref says which
 * (git-push(1), OUTPUT: flag `!` rejected, ` ` `+` `-` `*` `=` done). A ref git gives no line
 * for is an error of that ref, never taken for a success.
 */
import type { Git } from '../gitops/git.js';
import { GitCommandError } from '../gitops/git.js';
import { GroupCommits } from './records-batch.js';

/** CAS outcome of one push: landed, or the ref was not what we expected (someone else moved it). */
export type Cas = 'ok' | 'moved';

export interface LeaseMove {
  ref: string;
  /** The new commit, null to delete. */
  commit: string | null;
  /** The commit the ref must still be at, null: absent. */
  expected: string | null;
}

/** Git's words for a compare-and-swap that lost (the ref moved since it was read). */
const CAS_REJECTED = /\[rejected\][^\n]*\(stale info\)|\[remote rejected\][^\n]*\(failed to update ref\)|cannot lock ref/;

const batchers = new WeakMap<Git, Map<string, GroupCommits<LeaseMove, Cas | Error>>>();

/** Moves a lease ref on `remote` by compare-and-swap, in one push with the moves asked for meanwhile. */
export function pushLease(git: Git, remote: string, move: LeaseMove): Promise<Cas> {
  let byRemote = batchers.get(git);
  if (!byRemote) batchers.set(git, (byRemote = new Map()));
  let batcher = byRemote.get(remote);
  if (!batcher) byRemote.set(remote, (batcher = new GroupCommits((moves) => push(git, remote, moves))));
  return batcher.add(move).then((result) => (result instanceof Error ? Promise.reject(result) : result));
}

async function push(git: Git, remote: string, moves: readonly LeaseMove[]): Promise<Array<Cas | Error>> {
  const args = [
    'push',
    ...(moves.length === 1 ? ['--quiet'] : []), // several: git's status line per ref tells each one's outcome
    '--no-verify', // the repository's pre-push hook is for the user's branches, not for this bookkeeping
    ...moves.map(({ ref, expected }) => `--force-with-lease=${ref}:${expected ?? ''}`),
    remote,
    ...moves.map(({ ref, commit }) => `${commit ?? ''}:${ref}`),
  ];
  try {
    await git.run(args, { idleTimeoutMs: 60_000 });
    return moves.map(() => 'ok');
  } catch (error) {
    if (!(error instanceof GitCommandError)) throw error;
    if (moves.length === 1) {
      if (CAS_REJECTED.test(error.stderr)) return ['moved'];
      throw error;
    }
    const lines = error.stderr.split('\n');
    // No line names any ref (the remote could not be reached): the whole batch failed; each is tried alone.
    if (!moves.some(({ ref }) => lineOf(lines, ref))) throw error;
    return moves.map(({ ref }) => {
      const line = lineOf(lines, ref);
      if (line === undefined) return error;
      if (!line.startsWith(' !')) return 'ok';
      return CAS_REJECTED.test(line) ? 'moved' : new GitCommandError(args, line);
    });
  }
}

/** Git's status line for `ref` (` <flag> <summary> <from> -> <to> (<reason>)`, the ref a word of it). */
function lineOf(lines: readonly string[], ref: string): string | undefined {
  return lines.find((line) => /^ [ +\-*=!] /.test(line) && line.split(/\s+/).includes(ref));
}
