import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { Git, GitCommandError } from '../../../src/gitops/git.js';
import { git, initBare, initRepo, tempDir } from '../../helpers/git.js';

/** A repository with one commit of `a.txt` ("one"). */
function world(t: { after: (fn: () => void) => void }) {
  const tmp = tempDir('cat-file');
  const repo = initRepo(join(tmp.dir, 'repo'));
  writeFileSync(join(repo, 'a.txt'), 'one\n');
  git(repo, 'add', 'a.txt');
  git(repo, 'commit', '-q', '-m', 'one');
  const reader = new Git(repo);
  t.after(() => {
    reader.close();
    tmp.remove();
  });
  return { tmp, repo, reader };
}

function commitFile(repo: string, file: string, text: string): string {
  writeFileSync(join(repo, file), text);
  git(repo, 'add', file);
  git(repo, 'commit', '-q', '-m', file);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

describe('the long-lived cat-file reader', () => {
  it('answers as a new process would after other processes move refs and write objects', async (t) => {
    const { repo, reader } = world(t);
    assert.equal((await reader.readBlobs(['main:a.txt'])).get('main:a.txt'), 'one\n');
    // Another process commits: the same reader sees the moved ref and the new objects.
    const second = commitFile(repo, 'a.txt', 'two\n');
    assert.equal((await reader.readBlobs(['main:a.txt'])).get('main:a.txt'), 'two\n');
    assert.deepEqual(await reader.objectIds(['refs/heads/main^{commit}', 'refs/heads/none^{commit}']), [second, null]);
    // A ref created, then packed (git pack-refs), then moved again as a loose ref.
    git(repo, 'branch', 'side');
    assert.deepEqual(await reader.objectIds(['refs/heads/side^{commit}']), [second]);
    git(repo, 'pack-refs', '--all', '--prune');
    assert.deepEqual(await reader.objectIds(['refs/heads/side^{commit}']), [second]);
    const third = commitFile(repo, 'b.txt', 'three\n');
    git(repo, 'update-ref', 'refs/heads/side', third);
    assert.deepEqual(await reader.objectIds(['refs/heads/side^{commit}', `${third}^{tree}`]), [third, git(repo, 'rev-parse', `${third}^{tree}`).trim()]);
    // Objects that arrive in a new pack (a fetch) are found too.
    const tmp2 = tempDir('cat-file-remote');
    t.after(() => tmp2.remove());
    const other = initRepo(join(tmp2.dir, 'other'));
    const remote = initBare(join(tmp2.dir, 'remote.git'));
    const far = commitFile(other, 'far.txt', 'far away\n');
    git(other, 'push', '-q', remote, 'main');
    git(repo, 'fetch', '-q', remote, '+main:refs/remotes/far/main');
    assert.equal((await reader.readBlobs([`${far}:far.txt`])).get(`${far}:far.txt`), 'far away\n');
  });

  it('answers several reads asked at once, in order, and maps what resolves to nothing to null', async (t) => {
    const { reader } = world(t);
    const names = ['main:a.txt', 'main:none.txt', 'nobranch:a.txt'];
    const [first, second] = await Promise.all([reader.readBlobs(names), reader.readBlobs(['main:a.txt'])]);
    assert.deepEqual([...first], [['main:a.txt', 'one\n'], ['main:none.txt', null], ['nobranch:a.txt', null]]);
    assert.equal(second.get('main:a.txt'), 'one\n');
  });

  it('refuses a directory as a file, and a name that is not one line, and goes on answering', async (t) => {
    const { reader } = world(t);
    await assert.rejects(reader.readBlobs(['main^{tree}']), (error: unknown) => error instanceof GitCommandError && /is a tree, not a file/.test(error.message));
    await assert.rejects(reader.readBlobs(['main:a.txt\nmain:a.txt']), /not a name cat-file --batch can read/);
    assert.equal((await reader.readBlobs(['main:a.txt'])).get('main:a.txt'), 'one\n');
  });

  it('starts a new process after the old one ended', async (t) => {
    const { reader } = world(t);
    assert.equal((await reader.readBlobs(['main:a.txt'])).get('main:a.txt'), 'one\n');
    reader.close();
    assert.equal((await reader.readBlobs(['main:a.txt'])).get('main:a.txt'), 'one\n');
  });

  it('fails the reads of a repository git cannot open, clearly', async (t) => {
    const tmp = tempDir('cat-file-none');
    t.after(() => tmp.remove());
    const reader = new Git(tmp.dir);
    await assert.rejects(reader.readBlobs(['main:a.txt']), (error: unknown) => error instanceof GitCommandError && /cat-file/.test(error.message));
  });
});

describe('the cat-file process left idle', () => {
  it('ends by itself after a while without questions, and a later read starts another', async (t) => {
    const { CatFileProcess, spawnCatFile } = await import('../../../src/gitops/cat-file.js');
    const { repo } = world(t);
    const started: number[] = [];
    const reader = new CatFileProcess(() => {
      const child = spawnCatFile(repo, { PATH: process.env.PATH ?? '' });
      started.push(child.pid ?? 0);
      return child;
    }, 120_000, 50);
    t.after(() => reader.close());
    const first = await reader.read(['main:a.txt']);
    assert.equal(first[0]!.content.toString(), 'one\n');
    const pid = started[0]!;
    for (let i = 0; i < 100 && processAlive(pid); i++) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(processAlive(pid), false, 'the idle git cat-file ended');
    assert.equal((await reader.read(['main:a.txt']))[0]!.content.toString(), 'one\n');
    assert.equal(started.length, 2);
  });
});

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
