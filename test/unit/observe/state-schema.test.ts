// The Docker state a file hands render (--state, state.json) is checked before intent sees it: its
// label and address records by hand (issue 14: 100,000 containers), to the rule z.record held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerStateSchema, isStringRecord } from '../../../src/observe/schema.js';

const created = '2026-01-01T00:00:01.000Z';
const container = (extra: Record<string, unknown>) => ({ id: 'c1', name: 'web', created, running: true, labels: {}, addresses: { net: '10.0.0.1' }, ...extra });
const stateOf = (extra: Record<string, unknown>) => ({ networks: [], containers: [container(extra)] });

test('a record of strings passes; anything else is not one', () => {
  assert.equal(isStringRecord({}), true);
  assert.equal(isStringRecord({ a: '1', 'translator.vlan': '30' }), true);
  assert.equal(isStringRecord(Object.assign(Object.create(null) as object, { a: 'x' })), true);
  for (const bad of [null, undefined, 'a', 3, [], ['a'], { a: 1 }, { a: null }, { a: 'x', b: {} }, new Map(), new Date(0)]) {
    assert.equal(isStringRecord(bad), false, JSON.stringify(bad) ?? String(bad));
  }
});

test('the state schema keeps labels and addresses of strings as they are', () => {
  const result = dockerStateSchema().parse(stateOf({ labels: { global_ip: '100.64.0.1', other: '' } }));
  assert.deepEqual(result.containers[0]!.labels, { global_ip: '100.64.0.1', other: '' });
  assert.deepEqual(result.containers[0]!.addresses, { net: '10.0.0.1' });
});

test('a label or address that is not a string makes the state invalid, at its record', () => {
  for (const bad of [{ labels: { global_ip: 1 } }, { labels: ['global_ip'] }, { addresses: { net: null } }, { addresses: 'net' }]) {
    const result = dockerStateSchema().safeParse(stateOf(bad));
    assert.equal(result.success, false, JSON.stringify(bad));
    const field = Object.keys(bad)[0]!;
    assert.deepEqual(result.error!.issues[0]!.path, ['containers', 0, field]);
    assert.match(result.error!.issues[0]!.message, /expected an object of strings/);
  }
});

test('a "__proto__" key read from JSON is dropped, never assigned as a prototype (as z.record did)', () => {
  const state = JSON.parse('{"networks":[],"containers":[{"id":"c1","name":"web","created":"x","running":true,"labels":{"__proto__":"p","a":"b"},"addresses":{}}]}') as unknown;
  const labels = dockerStateSchema().parse(state).containers[0]!.labels;
  assert.deepEqual(Object.keys(labels), ['a']);
  assert.equal(Object.getPrototypeOf(labels), Object.prototype);
  assert.equal(Object.hasOwn(labels, '__proto__'), false);
});
