import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BadRequest, MAX_URL_LENGTH, onlyParams, parseTarget, routerName, searchQuery } from '../../../src/web/validate.js';

const status = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    if (error instanceof BadRequest) return error.status;
    throw error;
  }
  return 200;
};

test('request targets: length, encoding and path characters', () => {
  assert.deepEqual(parseTarget('/routers/edge1').path, '/routers/edge1');
  assert.equal(parseTarget('/search?q=10.0.1.17').params.get('q'), '10.0.1.17');
  assert.equal(status(() => parseTarget(`/search?q=${'1'.repeat(MAX_URL_LENGTH)}`)), 414);
  assert.equal(status(() => parseTarget('/%E0%A4%A')), 400);
  assert.equal(status(() => parseTarget('/search?q=%E0%A4%A')), 400);
  assert.equal(status(() => parseTarget('/routers/%2e%2e%2fsecrets')), 400);
  assert.equal(status(() => parseTarget('/a%00b')), 400);
  assert.equal(status(() => parseTarget('/a\\b')), 400);
  assert.equal(status(() => parseTarget('http://evil/')), 400);
});

test('only the parameters a page takes, once each', () => {
  assert.equal(status(() => onlyParams(new URLSearchParams('q=1'), ['q'])), 200);
  assert.equal(status(() => onlyParams(new URLSearchParams('q=1&q=2'), ['q'])), 400);
  assert.equal(status(() => onlyParams(new URLSearchParams('x=1'), [])), 400);
});

test('search text: addresses and names only, bounded', () => {
  for (const q of ['10.0.1.17', 'web', 'my-tenant_2', 'svc.1/x', 'node@host', 'a b', '']) assert.equal(searchQuery(new URLSearchParams({ q })), q);
  assert.equal(searchQuery(new URLSearchParams({ q: '  web  ' })), 'web');
  for (const q of ['<script>', "a'b", 'a"b', 'a;b', '\u0000', 'é', 'a\nb', '{{7*7}}']) assert.equal(status(() => searchQuery(new URLSearchParams({ q }))), 400, q);
  assert.equal(status(() => searchQuery(new URLSearchParams({ q: 'x'.repeat(101) }))), 400);
});

test('router names: the layout grammar, else not found', () => {
  assert.equal(routerName('edge1'), 'edge1');
  for (const name of ['.hidden', '-x', 'a/b', 'x'.repeat(65), '']) assert.equal(status(() => routerName(name)), 404, name);
});
