import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { describe, it, type TestContext } from 'node:test';
import { Git, GitCommandError } from '../../../src/gitops/git.js';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { redactUrls } from '../../../src/redact.js';
import { git, initRepo, tempDir } from '../../helpers/git.js';

describe('redactUrls', () => {
  it('hides credentials in any URL git quotes, and leaves other text alone', () => {
    assert.equal(
      redactUrls("fatal: unable to access 'https://bot:s3cr3t@git.example.com/net/gitops.git/': 403"),
      "fatal: unable to access 'https://***@git.example.com/net/gitops.git/': 403",
    );
    assert.equal(redactUrls('ssh://git@host/repo and https://tok@h/x'), 'ssh://***@host/repo and https://***@h/x');
    assert.equal(redactUrls('To git://127.0.0.1:9418/r.git ! [rejected] main -> main'), 'To git://127.0.0.1:9418/r.git ! [rejected] main -> main');
  });

  it('is applied to GitCommandError messages', () => {
    const error = new GitCommandError(['push'], "fatal: could not read from 'https://u:p@h/r'");
    assert.ok(!error.message.includes('u:p'));
    assert.ok(!error.stderr.includes('u:p'));
  });
});

/** A repository with one empty commit, removed after the test. */
function repoWithCommit(t: TestContext, label: string): string {
  const tmp = tempDir(label);
  t.after(tmp.remove);
  const repo = initRepo(`${tmp.dir}/repo`);
  git(repo, 'commit', '-q', '--allow-empty', '-m', 'one');
  return repo;
}

describe('Git.run of a local command (spawned without simple-git)', () => {
  it('resolves with stdout, even when git prints nothing; any exit status but 0 is an error, with or without words', async (t) => {
    const repo = repoWithCommit(t, 'git-run');
    const store = new Git(repo);
    t.after(() => store.close());
    assert.equal((await store.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim(), git(repo, 'rev-parse', 'HEAD').trim());
    assert.equal(await store.run(['status', '--porcelain']), '', 'a clean tree prints nothing');
    await assert.rejects(store.run(['rev-parse', '--verify', '--quiet', 'nothing^{commit}']), GitCommandError, 'exit status 1 without a word');
    await assert.rejects(store.run(['rev-parse', '--verify', 'nothing^{commit}']), (error: unknown) => error instanceof GitCommandError && /Needed a single revision/.test(error.message));
  });

  it('a pre-commit hook that refuses without a word fails the commit (commit-failed), HEAD unmoved', async (t) => {
    const repo = repoWithCommit(t, 'git-silent-hook');
    const head = git(repo, 'rev-parse', 'HEAD').trim();
    writeFileSync(`${repo}/.git/hooks/pre-commit`, '#!/bin/sh\nexit 1\n');
    chmodSync(`${repo}/.git/hooks/pre-commit`, 0o755);
    const gitops = await GitOpsRepo.open(repo);
    t.after(() => gitops.git.close());
    await gitops.writeFiles({ 'a.txt': 'a\n' });
    await assert.rejects(gitops.commit({ message: 'add a', paths: ['a.txt'], author: { name: 'a', email: 'a@b' } }), (error: unknown) => (error as { code?: string }).code === 'commit-failed');
    assert.equal(git(repo, 'rev-parse', 'HEAD').trim(), head);
  });
});

describe('a kept git process closed while it answers', () => {
  it('leaves nothing of its answer to the next process: the next read gets its own object', async (t) => {
    const store = new Git(repoWithCommit(t, 'kept-close'));
    t.after(() => store.close());
    const [big, small] = await store.writeObjects('blob', ['x'.repeat(5_000_000), 'small\n']);
    const reading = store.readObjects([big!]);
    store.close();
    await assert.rejects(reading, GitCommandError);
    for (let i = 0; i < 3; i++) {
      const [answer] = await store.readObjects([small!]);
      assert.equal(answer?.id, small);
      assert.equal(answer?.content.toString(), 'small\n');
    }
  });
});
