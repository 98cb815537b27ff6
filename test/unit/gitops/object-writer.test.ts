/**
 * Objects and refs written through the kept git processes (object-writer.ts, tree-edit.ts): the
 * same objects git's own index plumbing makes, refs moved only from the value expected.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, type TestContext } from 'node:test';
import { Git, GitCommandError } from '../../../src/gitops/git.js';
import { planTree } from '../../../src/gitops/tree-edit.js';
import { git, initRepo, tempDir } from '../../helpers/git.js';

function world(t: TestContext, name: string) {
  const tmp = tempDir(name);
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const store = new Git(repo);
  t.after(() => store.close());
  return { repo, store };
}

/** planTree's tree, written: its id. */
async function treeWith(store: Git, base: string | null, files: Record<string, string>): Promise<string> {
  const planned = await planTree(store, base, files);
  await store.writeKnownObjects('tree', planned.objects);
  return planned.id;
}

/** What git's index plumbing makes of `base` with `files` set (read-tree, update-index --cacheinfo, write-tree). */
function plumbingTree(repo: string, base: string | null, files: Record<string, string>): string {
  const env = { ...process.env, GIT_INDEX_FILE: join(repo, '.git', 'plumbing.index') };
  const run = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, encoding: 'utf8' }).trim();
  run('read-tree', ...(base ? [base] : ['--empty']));
  const blobs = Object.entries(files).flatMap(([file, blob]) => ['--cacheinfo', `100644,${blob},${file}`]);
  if (blobs.length) run('update-index', '--add', ...blobs);
  return run('write-tree');
}

describe('planTree', () => {
  it('makes the tree the index plumbing makes: git’s entry order, other entries and their modes kept', async (t) => {
    const { repo, store } = world(t, 'tree-edit');
    // Names that sort differently as files and as directories ("a" vs "a.b" vs "a-"), an executable, a symlink.
    mkdirSync(join(repo, 'a', 'deep'), { recursive: true });
    for (const [file, text] of [['a.b', 'x'], ['a-', 'y'], ['a/one', '1'], ['a/deep/two', '2'], ['ab', 'z'], ['run.sh', '#!/bin/sh\n']]) writeFileSync(join(repo, file!), text!);
    chmodSync(join(repo, 'run.sh'), 0o755);
    symlinkSync('a/one', join(repo, 'link'));
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const base = git(repo, 'rev-parse', 'HEAD^{tree}').trim();
    const [blob1, blob2] = await store.writeObjects('blob', ['new\n', 'über ✓\n']);
    const files = { 'a/deep/two': blob1!, 'a/deep/three': blob2!, 'a/new/inner/file.json': blob1!, 'a.c': blob2!, 'zz top/x': blob1! };
    assert.equal(await treeWith(store, base, files), plumbingTree(repo, base, files));
    assert.equal(await treeWith(store, null, files), plumbingTree(repo, null, files), 'from the empty tree');
    assert.equal(await treeWith(store, base, {}), base, 'nothing set: the same tree');
    assert.equal(git(repo, 'fsck', '--strict', '--no-dangling').trim(), '');
  });

  it('refuses to put a file where the tree has a directory, or below a file', async (t) => {
    const { repo, store } = world(t, 'tree-edit-clash');
    mkdirSync(join(repo, 'dir'));
    writeFileSync(join(repo, 'dir', 'f'), 'x');
    writeFileSync(join(repo, 'file'), 'y');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'base');
    const base = git(repo, 'rev-parse', 'HEAD^{tree}').trim();
    const [blob] = await store.writeObjects('blob', ['z']);
    await assert.rejects(treeWith(store, base, { dir: blob! }), /dir is a directory/);
    await assert.rejects(treeWith(store, base, { 'file/x': blob! }), /file is a file/);
  });
});

describe('Git.writeObjects and Git.updateRef', () => {
  it('writes blobs as hash-object does, leaving no file behind', async (t) => {
    const { repo, store } = world(t, 'object-writer');
    const ids = await store.writeObjects('blob', ['one\n', Buffer.from([0, 1, 2, 255])]);
    assert.deepEqual(ids, [execFileSync('git', ['hash-object', '--stdin'], { cwd: repo, input: 'one\n', encoding: 'utf8' }).trim(), execFileSync('git', ['hash-object', '--stdin'], { cwd: repo, input: Buffer.from([0, 1, 2, 255]), encoding: 'utf8' }).trim()]);
    assert.equal(git(repo, 'cat-file', '-p', ids[0]!), 'one\n');
    assert.deepEqual(readdirSync(join(repo, '.git', 'translator', 'objects')), []);
  });

  it('refuses a malformed tree or commit (git checks each object), and writes the next one', async (t) => {
    const { store } = world(t, 'object-writer-bad');
    await assert.rejects(store.writeObjects('commit', ['tree nonsense\n\nx\n']), (error: unknown) => error instanceof GitCommandError && /hash-object/.test(error.message));
    await assert.rejects(store.writeObjects('tree', ['garbage']), GitCommandError);
    assert.match((await store.writeObjects('blob', ['after\n']))[0]!, /^[0-9a-f]{40}$/);
  });

  it('moves a ref only from the value expected; a refused move changes nothing and the next one works', async (t) => {
    const { repo, store } = world(t, 'update-ref');
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'one');
    const one = git(repo, 'rev-parse', 'HEAD').trim();
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'two');
    const two = git(repo, 'rev-parse', 'HEAD').trim();
    await store.updateRef('refs/heads/x', one, null, 'test: create');
    await assert.rejects(store.updateRef('refs/heads/x', two, null, 'test: create'), (error: unknown) => error instanceof GitCommandError && /refs\/heads\/x/.test(error.message), 'exists already');
    await assert.rejects(store.updateRef('refs/heads/x', two, two, 'test: move'), GitCommandError, 'not at the expected value');
    assert.equal(git(repo, 'rev-parse', 'refs/heads/x').trim(), one);
    await store.updateRef('refs/heads/x', two, one, 'test: move');
    assert.equal(git(repo, 'rev-parse', 'refs/heads/x').trim(), two);
    assert.deepEqual(git(repo, 'reflog', '--format=%gs', 'refs/heads/x').trim().split('\n'), ['test: move', 'test: create']);
    await assert.rejects(store.updateRef('refs/heads/x y', two, one, 'test: move'), /not a ref or object id/);
  });
});

describe('Git.hasRemote', () => {
  it('asks git again only when the config changed: a remote added or removed meanwhile is seen', async (t) => {
    const { repo, store } = world(t, 'has-remote');
    assert.equal(await store.hasRemote('origin'), false);
    git(repo, 'remote', 'add', 'origin', 'file:///nowhere.git');
    assert.equal(await store.hasRemote('origin'), true);
    assert.equal(await store.hasRemote('origin'), true, 'asked again, unchanged');
    git(repo, 'remote', 'remove', 'origin');
    assert.equal(await store.hasRemote('origin'), false);
  });
});
