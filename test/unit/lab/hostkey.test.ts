import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import ssh2 from 'ssh2';
import { loadOrCreateHostKey } from '../../../src/lab/hostkey.js';

test('host keys are always readable (ssh2 sometimes generates unreadable ones) with an OpenSSH-style fingerprint', () => {
  for (let i = 0; i < 1500; i++) {
    const { privateKey, fingerprint } = loadOrCreateHostKey();
    const parsed = ssh2.utils.parseKey(privateKey);
    assert.ok(!(parsed instanceof Error));
    const key = Array.isArray(parsed) ? parsed[0]! : parsed;
    assert.equal(fingerprint, `SHA256:${createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '')}`);
  }
});

test('a host key path is created once (mode 0600) and reused', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lab-hostkey-'));
  try {
    const path = join(dir, 'key');
    const first = loadOrCreateHostKey(path);
    assert.equal(statSync(path).mode & 0o777, 0o600);
    const second = loadOrCreateHostKey(path);
    assert.equal(second.fingerprint, first.fingerprint);
    assert.equal(readFileSync(path, 'utf8'), first.privateKey);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
