import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { branchNameProblem, remoteIsUrl, remoteNameProblem } from '../../../src/gitops/ref-names.js';

/** Names on both sides of every rule, and the ones translator uses by default. */
const NAMES = [
  'main', 'master', 'refs/heads/main', `x/${'a'.repeat(250)}`, `x/${'a'.repeat(251)}`, `x/${'é'.repeat(125)}a`, 'translator/records', 'translator/review', 'feature/x-1', 'a.b', 'v1.2', 'under_score', 'ünïcode', 'a@b', 'a-',
  '', '-f', '--force', '--upload-pack=touch /tmp/x', 'HEAD', '@', '.hidden', 'a/.b', 'x.lock', 'a/b.lock/c', 'a..b', 'a b', 'tab\tx',
  'new\nline', 'del\x7f', 'a~1', 'a^', 'a:b', 'a?', 'a*', 'a[1]', 'back\\slash', '/lead', 'trail/', 'a//b', 'end.', 'a@{1}',
];

/** What real git says: exit status 0 of `git check-ref-format ARGS` (run outside any repository). */
function gitAccepts(...args: string[]): boolean {
  const cwd = mkdtempSync(join(tmpdir(), 'translator-refnames-'));
  try {
    return spawnSync('git', ['check-ref-format', ...args], { cwd, env: { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: tmpdir() } }).status === 0;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/**
 * Branch names git takes that translator refuses: "@" (git 2.39 makes one despite rule 9, but in a
 * revision "@" is HEAD), full ref names (settings give short names; refs/heads/ is added) and parts
 * over 250 bytes (git locks a ref through `<part>.lock`, and a file name has at most 255 bytes).
 */
const REFUSED_ON_PURPOSE = ['@', 'refs/heads/main', `x/${'a'.repeat(251)}`, `x/${'é'.repeat(125)}a`];

test('branch names: accepted exactly when `git check-ref-format --branch` accepts them, but a few on purpose', () => {
  for (const name of NAMES) {
    const git = !REFUSED_ON_PURPOSE.includes(name) && gitAccepts('--branch', name);
    assert.equal(branchNameProblem(name) === null, git, `${JSON.stringify(name)}: ${branchNameProblem(name) ?? 'accepted'}`);
  }
});

test('remote names: accepted exactly when refs/remotes/<name>/x is a valid ref and the name is no option', () => {
  for (const name of NAMES.filter((n) => !remoteIsUrl(n))) {
    const git = name !== '' && !name.startsWith('-') && gitAccepts(`refs/remotes/${name}/x`);
    assert.equal(remoteNameProblem(name) === null, git, `${JSON.stringify(name)}: ${remoteNameProblem(name) ?? 'accepted'}`);
  }
});

test('a remote with ":" or "/" is a URL or a path, as git push takes it: refused only as an option or with a control character', () => {
  for (const remote of ['/srv/git/edge.git', '../edge.git', 'file:///srv/git/edge.git', 'git@git.example.net:netops/edge.git', 'https://git.example.net/netops/edge.git', 'ssh://git@host:2222/edge.git']) {
    assert.equal(remoteIsUrl(remote), true, remote);
    assert.equal(remoteNameProblem(remote), null, remote);
  }
  assert.equal(remoteNameProblem('--upload-pack=touch /tmp/x'), 'the remote "--upload-pack=touch /tmp/x" begins with "-" (git would read it as an option)');
  assert.equal(remoteNameProblem('/srv/a\nb'), 'the remote "/srv/a\\nb" contains a control character');
  assert.equal(remoteIsUrl('origin'), false);
});

test('the problem names the name and the rule it breaks', () => {
  assert.equal(branchNameProblem('--force'), 'the branch name "--force" begins with "-" (git would read it as an option)');
  assert.equal(branchNameProblem('a..b'), 'the branch name "a..b" contains ".."');
  assert.equal(branchNameProblem('x.lock'), 'the branch name "x.lock" has a part that ends with ".lock"');
  assert.equal(remoteNameProblem('--upload-pack=x'), 'the remote name "--upload-pack=x" begins with "-" (git would read it as an option)');
  assert.equal(remoteNameProblem('a b'), 'the remote name "a b" contains a space, a control character or one of ~ ^ : ? * [ \\');
  assert.equal(branchNameProblem('translator/records'), null);
  assert.equal(remoteNameProblem('origin'), null);
});

test('the part-length rule is where git itself stops: a 250-byte branch is made, a 251-byte one is not', () => {
  const dir = mkdtempSync(join(tmpdir(), 'translator-refnames-'));
  try {
    const run = (...args: string[]) => spawnSync('git', args, { cwd: dir, env: { PATH: process.env.PATH, GIT_CEILING_DIRECTORIES: tmpdir(), GIT_CONFIG_NOSYSTEM: '1', HOME: dir } });
    run('init', '--quiet');
    assert.equal(run('-c', 'user.name=t', '-c', 'user.email=t@example.invalid', 'commit', '--quiet', '--allow-empty', '-m', 'x').status, 0);
    for (const length of [250, 251]) {
      const name = 'a'.repeat(length);
      assert.equal(run('branch', name).status === 0, branchNameProblem(name) === null, `${length} bytes: ${branchNameProblem(name) ?? 'accepted'}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
