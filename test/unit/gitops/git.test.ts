import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GitCommandError } from '../../../src/gitops/git.js';
import { redactUrls } from '../../../src/redact.js';

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

describe('Git.run of a local command (spawned without simple-git)', () => {
  it('resolves with stdout; an exit status with nothing on stderr is not an error, one with a message is', async (t) => {
    const { Git } = await import('../../../src/gitops/git.js');
    const { initRepo, tempDir, git } = await import('../../helpers/git.js');
    const tmp = tempDir('git-run');
    t.after(tmp.remove);
    const repo = initRepo(`${tmp.dir}/repo`);
    git(repo, 'commit', '-q', '--allow-empty', '-m', 'one');
    const store = new Git(repo);
    assert.equal((await store.run(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}'])).trim(), git(repo, 'rev-parse', 'HEAD').trim());
    assert.equal(await store.run(['rev-parse', '--verify', '--quiet', 'nothing^{commit}']), '', 'exit 1, silent: as simple-git resolves it');
    assert.equal(await store.run(['status', '--porcelain']), '', 'a clean tree prints nothing');
    await assert.rejects(store.run(['rev-parse', '--verify', 'nothing^{commit}']), (error: unknown) => error instanceof GitCommandError && /Needed a single revision/.test(error.message));
    await assert.rejects(store.runWithInput(['rev-parse', '--verify', '--quiet', 'nothing^{commit}'], ''), GitCommandError, 'with input, any failing status is an error');
  });
});
