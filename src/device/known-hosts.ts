// OpenSSH known_hosts, the parts a router driver needs: plain and hashed host
// entries, `[host]:port` for non-22 ports, patterns with `*`/`?`/`!`, `@revoked`.
// Pure functions over the file's text; reading and appending live in host-key.ts.
import { createHash, createHmac } from 'node:crypto';

export interface KnownHostEntry {
  /** 1-based line in the file, for messages. */
  lineNumber: number;
  marker?: '@revoked' | '@cert-authority';
  /** The comma-separated host field as written (maybe hashed `|1|salt|hash`). */
  hosts: string;
  keyType: string;
  keyBase64: string;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const fields = line.split(/\s+/);
    let marker: KnownHostEntry['marker'];
    if (fields[0] === '@revoked' || fields[0] === '@cert-authority') marker = fields.shift() as KnownHostEntry['marker'];
    const [hosts, keyType, keyBase64] = fields;
    if (!hosts || !keyType || !keyBase64) return; // malformed line: OpenSSH ignores it too
    entries.push({ lineNumber: i + 1, ...(marker ? { marker } : {}), hosts, keyType, keyBase64 });
  });
  return entries;
}

/** The name OpenSSH looks up and records: `host` on port 22, `[host]:port` otherwise. */
export function hostToken(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function globToRegExp(glob: string): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, 'i');
}

function hashedMatches(field: string, token: string): boolean {
  const [, magic, salt, hash] = field.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const mac = createHmac('sha1', Buffer.from(salt, 'base64')).update(token).digest('base64');
  return mac === hash;
}

/** Does this entry's host field name `host:port`? (Negated patterns veto a match, as in OpenSSH.) */
export function entryMatchesHost(entry: KnownHostEntry, host: string, port: number): boolean {
  const token = hostToken(host, port);
  if (entry.hosts.startsWith('|')) return hashedMatches(entry.hosts, token);
  let matched = false;
  for (const pattern of entry.hosts.split(',')) {
    const negated = pattern.startsWith('!');
    const glob = negated ? pattern.slice(1) : pattern;
    if (globToRegExp(glob).test(token)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** The key type named inside an SSH public key blob (first string of the wire format). */
export function keyTypeOf(blob: Buffer): string {
  if (blob.length < 4) throw new Error('host key blob too short');
  const length = blob.readUInt32BE(0);
  if (length === 0 || length > blob.length - 4) throw new Error('host key blob malformed');
  return blob.subarray(4, 4 + length).toString('latin1');
}

/** `SHA256:<base64 without padding>`, as `ssh-keygen -lf` and `ssh` print it. */
export function fingerprintSha256(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

export function normaliseFingerprint(fingerprint: string): string {
  const trimmed = fingerprint.trim().replace(/=+$/, '');
  return trimmed.startsWith('SHA256:') ? trimmed : `SHA256:${trimmed}`;
}

export function formatKnownHostsLine(host: string, port: number, blob: Buffer): string {
  return `${hostToken(host, port)} ${keyTypeOf(blob)} ${blob.toString('base64')}`;
}

export type KnownHostsVerdict =
  | { status: 'known'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'revoked'; entry: KnownHostEntry }
  /** The host is known with other key(s): a different key of the same type, or only other key types. */
  | { status: 'changed'; recorded: KnownHostEntry[] };

export function checkKnownHosts(entries: readonly KnownHostEntry[], host: string, port: number, blob: Buffer): KnownHostsVerdict {
  const presented = blob.toString('base64');
  const revoked = entries.find((e) => e.marker === '@revoked' && e.keyBase64 === presented);
  if (revoked) return { status: 'revoked', entry: revoked };
  const forHost = entries.filter((e) => e.marker === undefined && entryMatchesHost(e, host, port));
  const same = forHost.find((e) => e.keyBase64 === presented);
  if (same) return { status: 'known', entry: same };
  return forHost.length === 0 ? { status: 'unknown' } : { status: 'changed', recorded: forHost };
}

/** Key types recorded for the host, so the handshake asks for those first (as OpenSSH does). */
export function recordedKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const types = entries.filter((e) => e.marker === undefined && entryMatchesHost(e, host, port)).map((e) => e.keyType);
  return [...new Set(types)];
}

export function entryFingerprint(entry: KnownHostEntry): string {
  return fingerprintSha256(Buffer.from(entry.keyBase64, 'base64'));
}
