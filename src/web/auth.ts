/**
 * Who may read the pages. Bound to a loopback address they are open (whoever can reach it is on
 * the machine); bound anywhere else a token is required: `Authorization: Bearer <token>`, or a
 * cookie set by the login form. The cookie holds an HMAC of the token, never the token itself,
 * and is HttpOnly (no script reads it) and SameSite=Strict (no other site's page sends it).
 * Every comparison takes the same time whatever the guess (SHA-256 of both, timingSafeEqual).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';

export const SESSION_COOKIE = 'translator_session';

/** Whether an address to bind to is loopback only (127.0.0.0/8, ::1, localhost). */
export function isLoopback(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost' || h === '::1') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (h.startsWith('::ffff:')) return isLoopback(h.slice(7));
  return false;
}

/** Equal in constant time for strings of any length (both are hashed first, so lengths leak nothing). */
export function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** The cookie value that proves the token was given: an HMAC keyed by the token. */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('translator status page session v1').digest('base64url');
}

/** A token must be long enough that guessing it is hopeless and printable (it travels in a header). */
export function checkToken(token: string): string | null {
  if (token.length < 16) return 'the token must be at least 16 characters long';
  if (!/^[\x21-\x7e]+$/.test(token)) return 'the token must be printable ASCII without spaces';
  return null;
}

/** The value of one cookie in a Cookie header, or null. */
export function cookieValue(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export interface Credentials {
  authorization?: string | undefined;
  cookie?: string | undefined;
}

/** Whether a request carries the token (bearer header) or the session cookie made from it. */
export function authorised(token: string | null, given: Credentials): boolean {
  if (token === null) return true;
  const bearer = /^Bearer (\S+)$/i.exec(given.authorization ?? '')?.[1];
  if (bearer !== undefined) return sameSecret(bearer, token);
  const session = cookieValue(given.cookie, SESSION_COOKIE);
  return session !== null && sameSecret(session, sessionValue(token));
}

/** The Set-Cookie header of a successful login (a session cookie: gone when the browser closes). */
export function sessionCookie(token: string, secure: boolean): string {
  return `${SESSION_COOKIE}=${sessionValue(token)}; Path=/; HttpOnly; SameSite=Strict${secure ? '; Secure' : ''}`;
}
