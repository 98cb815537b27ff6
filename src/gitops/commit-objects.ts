/**
 * Commit objects written several at once: `git hash-object -t commit -w --stdin-paths` reads one
 * file per commit and writes them all in one git process, checking each one's format as
 * `git commit-tree` would have made it (git-hash-object(1): without --literally the object must
 * parse). For bookkeeping commits made many at a time — a fleet deploy's leases, one per router
 * (deploy/lease.ts) — where a `git commit-tree` each was a git process per router (issue 14).
 * Unlike commit-tree they are never signed (commit.gpgSign): they hold no content anyone reviews.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { Git } from './git.js';
import { privatePaths } from './layout.js';
import type { GitIdentity } from './repo.js';

export interface CommitObject {
  tree: string;
  parents?: readonly string[];
  message: string;
  author: GitIdentity;
  committer?: GitIdentity;
  date?: Date;
}

/** An identity as git writes it: the characters git drops from names and e-mail addresses (`<`, `>`, line breaks) dropped. */
function ident({ name, email }: GitIdentity, date: Date): string {
  const clean = (text: string) => text.replace(/[<>\n\r\0]/g, '').trim();
  return `${clean(name)} <${clean(email)}> ${Math.floor(date.getTime() / 1000)} +0000`;
}

/** The raw text of a commit object (git's format: headers, a blank line, the message). */
function commitText(commit: CommitObject): string {
  const date = commit.date ?? new Date();
  const headers = [
    `tree ${commit.tree}`,
    ...(commit.parents ?? []).map((parent) => `parent ${parent}`),
    `author ${ident(commit.author, date)}`,
    `committer ${ident(commit.committer ?? commit.author, date)}`,
  ];
  return `${headers.join('\n')}\n\n${commit.message.endsWith('\n') ? commit.message : `${commit.message}\n`}`;
}

/** Writes `commits` to the object store in one git process; their ids, in order. */
export async function writeCommits(git: Git, commits: readonly CommitObject[]): Promise<string[]> {
  if (commits.length === 0) return [];
  const unique = `${process.pid}-${randomUUID()}`;
  const files = await Promise.all(commits.map((_, i) => git.privatePath(privatePaths.message(`${unique}-${i}`))));
  await mkdir(path.dirname(files[0]!), { recursive: true });
  try {
    await Promise.all(commits.map((commit, i) => writeFile(files[i]!, commitText(commit))));
    const ids = (await git.runWithInput(['hash-object', '-t', 'commit', '-w', '--stdin-paths'], `${files.join('\n')}\n`)).toString('utf8').trim().split('\n');
    if (ids.length !== commits.length) throw new Error(`git hash-object wrote ${ids.length} commits of ${commits.length}`);
    return ids;
  } finally {
    await Promise.all(files.map((file) => rm(file, { force: true })));
  }
}
