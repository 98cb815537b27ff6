// Host key policy: pinned fingerprint and/or known_hosts; unknown keys only with an
// explicit acceptNew (then recorded); a changed key is always refused, loudly.
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  checkKnownHosts,
  entryFingerprint,
  fingerprintSha256,
  formatKnownHostsLine,
  hostToken,
  keyTypeOf,
  normaliseFingerprint,
  parseKnownHosts,
  recordedKeyTypes,
  type KnownHostEntry,
} from './known-hosts.js';
import type { HostKeyPolicy } from './types.js';

export type HostKeyDecision =
  | { accept: true; record?: string; note: string }
  | { accept: false; reason: string };

/**
 * Decide about the key a router presented. `knownHostsText` is the file's content
 * (empty when the file does not exist). Pure: recording is the caller's job.
 */
export function decideHostKey(
  policy: HostKeyPolicy,
  host: string,
  port: number,
  blob: Buffer,
  knownHostsText: string,
): HostKeyDecision {
  const presented = fingerprintSha256(blob);
  const type = keyTypeOf(blob);
  const where = hostToken(host, port);
  if (!policy.fingerprint && !policy.knownHostsPath) {
    return { accept: false, reason: `no known_hosts file or pinned fingerprint configured; the router presented ${type} ${presented}` };
  }
  if (policy.fingerprint && normaliseFingerprint(policy.fingerprint) !== presented) {
    return {
      accept: false,
      reason:
        `HOST KEY MISMATCH for ${where}: pinned ${normaliseFingerprint(policy.fingerprint)}, router presented ${type} ${presented}. ` +
        'Someone may be intercepting the connection, or the router was re-keyed; refusing to log in.',
    };
  }
  if (!policy.knownHostsPath) return { accept: true, note: `key matches pinned fingerprint ${presented}` };

  const entries = parseKnownHosts(knownHostsText);
  const verdict = checkKnownHosts(entries, host, port, blob);
  switch (verdict.status) {
    case 'known':
      return { accept: true, note: `key known (${policy.knownHostsPath}:${verdict.entry.lineNumber})` };
    case 'revoked':
      return { accept: false, reason: `host key ${presented} of ${where} is marked @revoked in ${policy.knownHostsPath}:${verdict.entry.lineNumber}` };
    case 'changed':
      return {
        accept: false,
        reason:
          `HOST KEY CHANGED for ${where}: router presented ${type} ${presented}, but ${policy.knownHostsPath} records ` +
          verdict.recorded.map((e: KnownHostEntry) => `${e.keyType} ${entryFingerprint(e)} (line ${e.lineNumber})`).join(', ') +
          '. Someone may be intercepting the connection, or the router was re-keyed; refusing to log in. ' +
          'If the change is expected, remove the old line and accept the new key explicitly.',
      };
    case 'unknown':
      if (policy.fingerprint) return { accept: true, note: `key matches pinned fingerprint ${presented}` };
      if (!policy.acceptNew) {
        return {
          accept: false,
          reason: `unknown host key for ${where}: ${type} ${presented} is not in ${policy.knownHostsPath}; check it and accept it once explicitly`,
        };
      }
      return { accept: true, record: formatKnownHostsLine(host, port, blob), note: `new key ${presented} accepted and recorded` };
  }
}

export function readKnownHosts(path: string | undefined): string {
  return path && existsSync(path) ? readFileSync(path, 'utf8') : '';
}

/** Appends a line, creating the file (0600) and its directory (0700) when needed. */
export function recordKnownHost(path: string, line: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const existing = readKnownHosts(path);
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  appendFileSync(path, `${separator}${line}\n`, { mode: 0o600 });
}

/** ssh2 host key algorithm names for each known_hosts key type. */
const ALGORITHMS_FOR_KEY_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
  'ssh-ed25519': ['ssh-ed25519'],
  'ecdsa-sha2-nistp256': ['ecdsa-sha2-nistp256'],
  'ecdsa-sha2-nistp384': ['ecdsa-sha2-nistp384'],
  'ecdsa-sha2-nistp521': ['ecdsa-sha2-nistp521'],
};

/**
 * When the host is already known, ask only for the recorded key types, so a router that
 * also has a key of another type is not mistaken for a changed one (OpenSSH does the same).
 */
export function preferredHostKeyAlgorithms(policy: HostKeyPolicy, host: string, port: number): string[] | undefined {
  const types = recordedKeyTypes(parseKnownHosts(readKnownHosts(policy.knownHostsPath)), host, port);
  const algorithms = types.flatMap((t) => ALGORITHMS_FOR_KEY_TYPE[t] ?? []);
  return algorithms.length > 0 ? algorithms : undefined;
}
