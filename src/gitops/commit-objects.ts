/**
 * Commit objects written by the repository's kept `git hash-object -t commit` (object-writer.ts),
 * several at once, each checked by git as `git commit-tree` would have made it
 * (git-hash-object(1): without --literally the object must parse) and byte-identical to
 * commit-tree's for the same tree, parents, identity, time and time zone. For translator's own
 * commits — the records branch (deploy/records-tree.ts) and the leases, one per router
 * (deploy/lease.ts) — where a `git commit-tree` each was a git process per commit (issue 14).
 * Like commit-tree they are not signed (plumbing ignores commit.gpgSign).
 */
import type { Git } from './git.js';
import type { GitIdentity } from './repo.js';

export interface CommitObject {
  tree: string;
  parents?: readonly string[];
  message: string;
  author: GitIdentity;
  committer?: GitIdentity;
  date?: Date;
}

/** The local time zone's offset at `date` as git writes it (`+0100`, `-0500`): git stamps commits in local time. */
function zoneOf(date: Date): string {
  const minutes = -date.getTimezoneOffset();
  const abs = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}${String(abs % 60).padStart(2, '0')}`;
}

/** An identity as git writes it: the characters git drops from names and e-mail addresses (`<`, `>`, line breaks) dropped. */
function ident({ name, email }: GitIdentity, date: Date): string {
  const clean = (text: string) => text.replace(/[<>\n\r\0]/g, '').trim();
  return `${clean(name)} <${clean(email)}> ${Math.floor(date.getTime() / 1000)} ${zoneOf(date)}`;
}

/** The raw text of a commit object (git's format: headers, a blank line, the message). */
export function commitText(commit: CommitObject): string {
  const date = commit.date ?? new Date();
  const headers = [
    `tree ${commit.tree}`,
    ...(commit.parents ?? []).map((parent) => `parent ${parent}`),
    `author ${ident(commit.author, date)}`,
    `committer ${ident(commit.committer ?? commit.author, date)}`,
  ];
  return `${headers.join('\n')}\n\n${commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`}`;
}

/** Writes `commits` to the object store; their ids, in order. */
export async function writeCommits(git: Git, commits: readonly CommitObject[]): Promise<string[]> {
  return git.writeObjects('commit', commits.map(commitText));
}
