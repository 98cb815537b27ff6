import { test } from 'node:test';
import assert from 'node:assert/strict';
import { authorised, checkToken, cookieValue, isLoopback, sameSecret, SESSION_COOKIE, sessionCookie, sessionValue } from '../../../src/web/auth.js';

const TOKEN = 'a-good-token-0123456789';

test('loopback addresses bind without a token; everything else needs one', () => {
  for (const host of ['127.0.0.1', '127.1.2.3', '::1', '[::1]', 'localhost', '::ffff:127.0.0.1']) assert.equal(isLoopback(host), true, host);
  for (const host of ['0.0.0.0', '::', '10.0.0.5', '192.168.1.1', 'example.net', '128.0.0.1', '::ffff:10.0.0.1', '']) assert.equal(isLoopback(host), false, host);
});

test('the token compares exactly, whatever the lengths', () => {
  assert.equal(sameSecret(TOKEN, TOKEN), true);
  for (const guess of ['', 'a', TOKEN.slice(0, -1), `${TOKEN}x`, TOKEN.toUpperCase(), ` ${TOKEN}`]) assert.equal(sameSecret(guess, TOKEN), false, guess);
});

test('a bearer header or the session cookie opens the pages; nothing else does', () => {
  assert.equal(authorised(TOKEN, {}), false);
  assert.equal(authorised(TOKEN, { authorization: `Bearer ${TOKEN}` }), true);
  assert.equal(authorised(TOKEN, { authorization: `bearer ${TOKEN}` }), true);
  assert.equal(authorised(TOKEN, { authorization: 'Bearer nope' }), false);
  assert.equal(authorised(TOKEN, { authorization: `Basic ${Buffer.from(`x:${TOKEN}`).toString('base64')}` }), false);
  assert.equal(authorised(TOKEN, { cookie: `a=b; ${SESSION_COOKIE}=${sessionValue(TOKEN)}` }), true);
  assert.equal(authorised(TOKEN, { cookie: `${SESSION_COOKIE}=${TOKEN}` }), false, 'the raw token is not a session');
  assert.equal(authorised(TOKEN, { cookie: `${SESSION_COOKIE}=${sessionValue('another-token-00000')}` }), false);
  // A wrong bearer is not rescued by a good cookie: the request says who it is once.
  assert.equal(authorised(TOKEN, { authorization: 'Bearer nope', cookie: `${SESSION_COOKIE}=${sessionValue(TOKEN)}` }), false);
  assert.equal(authorised(null, {}), true, 'no token configured (loopback): open');
});

test('the session cookie is HttpOnly, SameSite=Strict, and does not hold the token', () => {
  const cookie = sessionCookie(TOKEN, false);
  assert.match(cookie, /^translator_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict$/);
  assert.ok(!cookie.includes(TOKEN));
  assert.match(sessionCookie(TOKEN, true), /; Secure$/);
  assert.equal(cookieValue('x=1; translator_session=abc; y=2', SESSION_COOKIE), 'abc');
  assert.equal(cookieValue('translator_sessionx=abc', SESSION_COOKIE), null);
  assert.equal(cookieValue(undefined, SESSION_COOKIE), null);
});

test('tokens too short or with spaces are refused', () => {
  assert.match(checkToken('short')!, /at least 16/);
  assert.match(checkToken('sixteen chars with spaces')!, /printable ASCII/);
  assert.equal(checkToken(TOKEN), null);
});
