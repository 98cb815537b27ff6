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
