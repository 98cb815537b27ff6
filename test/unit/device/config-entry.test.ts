// Entering config mode: the refusal says who holds the lock and that nothing changed; the offer to
// end that session is declined; a refusal printed in config mode still leaves config mode first.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enterConfigMode } from '../../../src/device/config-entry.js';
import { DeviceError } from '../../../src/device/errors.js';
import { parseTranscript, ReplayShell } from './replay.js';

const fixture = (name: string) => parseTranscript(name, readFileSync(join(import.meta.dirname, '../../fixtures/transcripts', name), 'utf8'));
const settings = { execHost: 'edge1', timeoutMs: 2000 };

test('a held lock: "router busy", who holds it, nothing changed, retry later; the device words kept verbatim', async () => {
  const shell = new ReplayShell(fixture('config-lock.txt'));
  const entry = await enterConfigMode(shell, 'configure terminal revert timer 10', settings);
  assert.ok(!entry.entered);
  assert.equal(entry.refusal, 'busy');
  assert.equal(
    entry.summary,
    'router busy: another session holds the configuration lock (process 484, user NETCONF, terminal 64); nothing was changed; retry later',
  );
  assert.equal(entry.said, "Configuration mode is locked by process '484' user 'NETCONF' from terminal '64'. Please try later.");
  const error = new DeviceError(entry.summary, { router: 'edge1', step: 'configure terminal', kind: 'busy', deviceMessage: entry.said });
  assert.equal(error.retryable, true);
  assert.equal(new DeviceError('x', { router: 'edge1', step: 'apply', kind: 'rejected' }).retryable, false);
});

test('the offer to kill the session holding the lock is answered no, then refused as busy', async () => {
  const shell = new ReplayShell(fixture('config-kill-session.txt'));
  const entry = await enterConfigMode(shell, 'configure terminal', settings);
  assert.deepEqual(shell.problems, [], 'answered no, as the transcript does');
  assert.ok(!entry.entered && entry.refusal === 'busy');
  assert.match(entry.summary, /offered to end that session; translator never does/);
});

test('a refusal printed although the prompt is a config prompt: config mode is left (end) before refusing', async () => {
  const transcript = parseTranscript(
    'inline',
    [
      '# inferred: an image that enters config mode and prints the archive refusal',
      'edge1#configure terminal revert timer 5',
      '%Turn config archive on before using Rollback Confirmed Change',
      '=> rejected',
      'edge1(config)#end',
      '=> ok',
      'edge1#',
    ].join('\n'),
  );
  const shell = new ReplayShell(transcript);
  const entry = await enterConfigMode(shell, 'configure terminal revert timer 5', settings);
  assert.ok(!entry.entered && entry.refusal === 'no-archive');
  assert.match(entry.summary, /archive feature is off.*nothing was changed/);
  assert.deepEqual(shell.problems, []);
  assert.ok(shell.finished, '`end` was sent');
});

test('no config prompt and no known reason: refused with the device words', async () => {
  const transcript = parseTranscript('inline', ['edge1#configure terminal', '% Command rejected: not now', '=> rejected', 'edge1#'].join('\n'));
  const entry = await enterConfigMode(new ReplayShell(transcript), 'configure terminal', settings);
  assert.ok(!entry.entered && entry.refusal === 'other');
  assert.equal(entry.said, '% Command rejected: not now');
});

test('a normal entry', async () => {
  const transcript = parseTranscript(
    'inline',
    ['edge1#configure terminal', 'Enter configuration commands, one per line.  End with CNTL/Z.', '=> entered', 'edge1(config)#'].join('\n'),
  );
  const shell = new ReplayShell(transcript);
  assert.deepEqual(await enterConfigMode(shell, 'configure terminal', settings), { entered: true });
  assert.equal(shell.buffer, '', 'the prompt is consumed');
});
