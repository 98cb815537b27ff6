/** The lab's SSH host key: persistent when a path is given (generated on first start), and its fingerprint. */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type * as Ssh2 from 'ssh2';
import { ssh2 } from '../lazy.js';

export interface HostKey {
  privateKey: string;
  /** 'SHA256:…' as `ssh-keygen -l` and OpenSSH print it. */
  fingerprint: string;
}

export function fingerprintOf(privateKey: string): string {
  const parsed = ssh2().utils.parseKey(privateKey);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key || key instanceof Error) throw new Error(`unreadable host key: ${key instanceof Error ? key.message : 'empty'}`);
  const digest = createHash('sha256').update(key.getPublicSSH()).digest('base64').replace(/=+$/, '');
  return `SHA256:${digest}`;
}

/**
 * A new ed25519 key in OpenSSH format. ssh2's generator sometimes (about 1 in 400) writes a
 * public key with a leading zero byte dropped, which its own parser then refuses: try again.
 */
export function generateReadableKey(): string {
  for (let attempt = 0; attempt < 20; attempt++) {
    const key = ssh2().utils.generateKeyPairSync('ed25519').private;
    if (!(ssh2().utils.parseKey(key) instanceof Error)) return key;
  }
  throw new Error('could not generate a readable ed25519 host key');
}

export function loadOrCreateHostKey(path?: string): HostKey {
  let privateKey: string;
  if (path && existsSync(path)) {
    privateKey = readFileSync(path, 'utf8');
  } else {
    privateKey = generateReadableKey();
    if (path) writeFileSync(path, privateKey, { mode: 0o600 });
  }
  return { privateKey, fingerprint: fingerprintOf(privateKey) };
}
