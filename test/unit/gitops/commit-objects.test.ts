import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { execFileSync } from 'node:child_process';
import { writeCommits } from '../../../src/gitops/commit-objects.js';
import { Git } from '../../../src/gitops/git.js';
import { git, initRepo, tempDir } from '../../helpers/git.js';

const EMPTY_TREE = '4b825dc642cb6eb9a060e54bf8d69288fbee4904';

/** What `git commit-tree` makes of the same tree, parents, message, identity and time (in the local time zone, as git stamps it). */
function commitTree(repo: string, tree: string, parents: string[], message: string, name: string, email: string, seconds: number): string {
  const date = `@${seconds}`;
  const env = { ...process.env, GIT_AUTHOR_NAME: name, GIT_AUTHOR_EMAIL: email, GIT_COMMITTER_NAME: name, GIT_COMMITTER_EMAIL: email, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date };
  const args = ['commit-tree', tree, ...parents.flatMap((p) => ['-p', p])];
  return execFileSync('git', args, { cwd: repo, env, input: message, encoding: 'utf8' }).trim();
}

describe('writeCommits', () => {
  it('writes several commits in one go, each the very object git commit-tree makes', async (t) => {
    const tmp = tempDir('commit-objects');
    t.after(tmp.remove);
    const repo = initRepo(join(tmp.dir, 'repo'));
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'first');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    const date = new Date('2026-12-02T03:00:00Z');
    const author = { name: 'translator bot', email: 'bot@example.invalid' };
    const ids = await writeCommits(new Git(repo), [
      { tree: EMPTY_TREE, message: 'lease edge1\n\n{"a": 1}\n', author, date },
      { tree: EMPTY_TREE, parents: [head], message: 'no newline at the end', author, date },
    ]);
    assert.deepEqual(ids, [
      commitTree(repo, EMPTY_TREE, [], 'lease edge1\n\n{"a": 1}\n', author.name, author.email, date.getTime() / 1000),
      commitTree(repo, EMPTY_TREE, [head], 'no newline at the end\n', author.name, author.email, date.getTime() / 1000),
    ]);
    assert.equal(git(repo, 'cat-file', '-t', ids[0]!).trim(), 'commit');
    assert.equal(git(repo, 'log', '-1', '--format=%an <%ae>%n%B', ids[1]!).trim(), 'translator bot <bot@example.invalid>\nno newline at the end');
  });

  it('stamps the local time zone as commit-tree does (TZ east and west of UTC, and a half-hour zone)', async (t) => {
    const tmp = tempDir('commit-objects-tz');
    t.after(tmp.remove);
    const repo = initRepo(join(tmp.dir, 'repo'));
    const zone = process.env.TZ;
    t.after(() => (zone === undefined ? delete process.env.TZ : (process.env.TZ = zone)));
    const author = { name: 'translator bot', email: 'bot@example.invalid' };
    const date = new Date('2026-07-02T03:00:00Z');
    for (const [tz, shown] of [['America/New_York', '-0400'], ['Asia/Kolkata', '+0530'], ['UTC', '+0000']] as const) {
      process.env.TZ = tz;
      const [id] = await writeCommits(new Git(repo), [{ tree: EMPTY_TREE, message: 'x\n', author, date }]);
      assert.equal(id, commitTree(repo, EMPTY_TREE, [], 'x\n', author.name, author.email, date.getTime() / 1000), tz);
      assert.match(git(repo, 'cat-file', '-p', id!), new RegExp(`^author .* ${date.getTime() / 1000} \\${shown}$`, 'm'));
    }
  });

  it('drops from an identity what git drops (angle brackets, line breaks), so the commit stays well-formed', async (t) => {
    const tmp = tempDir('commit-objects-ident');
    t.after(tmp.remove);
    const repo = initRepo(join(tmp.dir, 'repo'));
    const [id] = await writeCommits(new Git(repo), [{ tree: EMPTY_TREE, message: 'x\n', author: { name: 'Eve <evil>\nx', email: '<e@x>' } }]);
    assert.equal(git(repo, 'log', '-1', '--format=%an|%ae', id!).trim(), 'Eve evilx|e@x');
  });

  it('fails, writing nothing, when git refuses the object', async (t) => {
    const tmp = tempDir('commit-objects-bad');
    t.after(tmp.remove);
    const repo = initRepo(join(tmp.dir, 'repo'));
    await assert.rejects(writeCommits(new Git(repo), [{ tree: 'not-a-tree', message: 'x\n', author: { name: 'a', email: 'b' } }]), /hash-object/);
  });
});
