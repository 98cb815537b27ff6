import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  checkKnownHosts,
  entryMatchesHost,
  fingerprintSha256,
  formatKnownHostsLine,
  hostToken,
  keyTypeOf,
  parseKnownHosts,
  recordedKeyTypes,
} from '../../../src/device/known-hosts.js';
import { decideHostKey, recordKnownHost } from '../../../src/device/host-key.js';

function sshKeygenAvailable(): boolean {
  try {
    execFileSync('ssh-keygen', ['-?'], { stdio: 'ignore' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
  }
  return true;
}

/** A fresh ed25519 host key in SSH wire format (string type, string key), as ssh2 hands it to hostVerifier. */
function newHostKey(): Buffer {
  const { publicKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url');
  const sshString = (b: Buffer) => Buffer.concat([Buffer.from([0, 0, 0, b.length]), b]);
  return Buffer.concat([sshString(Buffer.from('ssh-ed25519')), sshString(raw)]);
}

const keyA = newHostKey();
const keyB = newHostKey();

test('hostToken brackets non-22 ports as OpenSSH records them', () => {
  assert.equal(hostToken('10.0.0.1', 22), '10.0.0.1');
  assert.equal(hostToken('127.0.0.1', 2222), '[127.0.0.1]:2222');
});

test('parse skips comments, blanks and malformed lines and keeps markers', () => {
  const text = [
    '# comment',
    '',
    `edge1,10.0.0.1 ${keyTypeOf(keyA)} ${keyA.toString('base64')}`,
    'broken-line-without-key',
    `@revoked * ssh-ed25519 ${keyB.toString('base64')}`,
  ].join('\n');
  const entries = parseKnownHosts(text);
  assert.equal(entries.length, 2);
  assert.equal(entries[0]!.lineNumber, 3);
  assert.equal(entries[1]!.marker, '@revoked');
});

test('host patterns: lists, wildcards and negation', () => {
  const [entry] = parseKnownHosts(`edge*.lab,!edge9.lab,[10.0.0.1]:2222 ssh-ed25519 ${keyA.toString('base64')}`);
  assert.ok(entryMatchesHost(entry!, 'edge1.lab', 22));
  assert.ok(!entryMatchesHost(entry!, 'edge9.lab', 22));
  assert.ok(entryMatchesHost(entry!, '10.0.0.1', 2222));
  assert.ok(!entryMatchesHost(entry!, '10.0.0.1', 22));
});

test('fingerprint and hashed entries agree with ssh-keygen', (t) => {
  if (!sshKeygenAvailable()) {
    if (process.env.CI) assert.fail('ssh-keygen (openssh-client) is required in CI');
    return t.skip('ssh-keygen not installed');
  }
  const dir = mkdtempSync(join(tmpdir(), 'kh-'));
  const file = join(dir, 'known_hosts');
  writeFileSync(file, `${formatKnownHostsLine('127.0.0.1', 2222, keyA)}\n`);
  const printed = execFileSync('ssh-keygen', ['-lf', file], { encoding: 'utf8' });
  assert.ok(printed.includes(fingerprintSha256(keyA)), printed);
  execFileSync('ssh-keygen', ['-H', '-f', file], { stdio: 'ignore' });
  const hashed = readFileSync(file, 'utf8');
  assert.match(hashed, /^\|1\|/);
  const entries = parseKnownHosts(hashed);
  assert.equal(checkKnownHosts(entries, '127.0.0.1', 2222, keyA).status, 'known');
  assert.equal(checkKnownHosts(entries, '127.0.0.1', 2223, keyA).status, 'unknown');
  assert.equal(checkKnownHosts(entries, '127.0.0.1', 2222, keyB).status, 'changed');
});

test('verdicts: known, unknown, changed (same or other key type), revoked', () => {
  const entries = parseKnownHosts(`${formatKnownHostsLine('r1', 22, keyA)}\n@revoked * ssh-ed25519 ${keyB.toString('base64')}\n`);
  assert.equal(checkKnownHosts(entries, 'r1', 22, keyA).status, 'known');
  assert.equal(checkKnownHosts(entries, 'r2', 22, keyA).status, 'unknown');
  assert.equal(checkKnownHosts(entries, 'r1', 22, keyB).status, 'revoked');
  const rsaOnly = parseKnownHosts('r3 ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQDx');
  assert.equal(checkKnownHosts(rsaOnly, 'r3', 22, keyA).status, 'changed');
  assert.deepEqual(recordedKeyTypes(rsaOnly, 'r3', 22), ['ssh-rsa']);
});

test('decideHostKey: pinned fingerprint must match; a mismatch is refused loudly', () => {
  const ok = decideHostKey({ fingerprint: fingerprintSha256(keyA) }, 'r1', 22, keyA, '');
  assert.equal(ok.accept, true);
  const bad = decideHostKey({ fingerprint: fingerprintSha256(keyA) }, 'r1', 22, keyB, '');
  assert.equal(bad.accept, false);
  assert.match((bad as { reason: string }).reason, /HOST KEY MISMATCH/);
  assert.ok((bad as { reason: string }).reason.includes(fingerprintSha256(keyB)));
});

test('decideHostKey: unknown is refused unless acceptNew, which records it', () => {
  const policy = { knownHostsPath: '/nonexistent/known_hosts' };
  const refused = decideHostKey(policy, 'r1', 2222, keyA, '');
  assert.equal(refused.accept, false);
  assert.match((refused as { reason: string }).reason, /unknown host key for \[r1\]:2222/);
  const accepted = decideHostKey({ ...policy, acceptNew: true }, 'r1', 2222, keyA, '');
  assert.deepEqual(accepted.accept && accepted.record, formatKnownHostsLine('r1', 2222, keyA));
});

test('decideHostKey: a changed key is refused even with acceptNew, naming both keys', () => {
  const text = `${formatKnownHostsLine('r1', 22, keyA)}\n`;
  const decision = decideHostKey({ knownHostsPath: 'kh', acceptNew: true }, 'r1', 22, keyB, text);
  assert.equal(decision.accept, false);
  const reason = (decision as { reason: string }).reason;
  assert.match(reason, /HOST KEY CHANGED/);
  assert.ok(reason.includes(fingerprintSha256(keyA)) && reason.includes(fingerprintSha256(keyB)));
});

test('decideHostKey: no policy at all refuses', () => {
  assert.equal(decideHostKey({}, 'r1', 22, keyA, '').accept, false);
});

test('recordKnownHost creates the file 0600 and keeps lines separated', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kh-'));
  const file = join(dir, 'sub', 'known_hosts');
  recordKnownHost(file, formatKnownHostsLine('r1', 22, keyA));
  writeFileSync(file, readFileSync(file, 'utf8').trimEnd()); // a file without final newline
  recordKnownHost(file, formatKnownHostsLine('r2', 22, keyB));
  const entries = parseKnownHosts(readFileSync(file, 'utf8'));
  assert.equal(entries.length, 2);
  assert.equal(statSync(file).mode & 0o777, 0o600);
});
