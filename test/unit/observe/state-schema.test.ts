// The Docker state a file hands render (--state, state.json) is checked before intent sees it: its
// label and address records by hand (issue 14: 100,000 containers), to the rule z.record held.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dockerStateSchema, isStringRecord, parseDockerState } from '../../../src/observe/schema.js';

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

// parseDockerState: zod's answer, reached without zod when every network and container plainly fits.
const network = { id: 'n1', name: 'net', driver: 'macvlan', subnet: '10.0.0.0/24', gateway: '10.0.0.254', parent: 'eth1.10', labels: {}, created };
const valid = () => ({
  networks: [network, { ...network, id: 'n2', name: 'other', subnet: null, gateway: null, parent: null, hosts: ['h1'], stale: true, extra: 1 }],
  containers: [container({}), container({ id: 'c2', host: 'h1', service: 's', stale: false, labels: { global_ip: '100.64.0.1' }, more: { x: 1 } })],
  unreachable: ['h2'],
  sourceRejections: [{ kind: 'container', object: 'x', code: 'replicated', reason: 'why' }],
});

/** A deterministic stream of numbers in [0, 1) (mulberry32): the mutations below are the same every run. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const oddValues: unknown[] = [undefined, null, 0, 1, true, false, '', 'x', [], ['a'], [1], {}, { a: 'b' }, { a: 1 }, JSON.parse('{"__proto__":"p"}'), Object.create(null)];

/** `state` with one value somewhere replaced, removed or added (a path from the top, then what was done). */
function mutated(state: unknown, next: () => number): unknown {
  const copy = structuredClone(state) as Record<string, unknown>;
  let holder: Record<string, unknown> = copy;
  for (;;) {
    const keys = Object.keys(holder);
    const key = keys[Math.floor(next() * keys.length)];
    const value = key === undefined ? undefined : holder[key];
    if (key !== undefined && typeof value === 'object' && value !== null && next() < 0.7) {
      holder = value as Record<string, unknown>;
      continue;
    }
    const odd = oddValues[Math.floor(next() * oddValues.length)];
    const roll = next();
    if (key !== undefined && roll < 0.2) delete holder[key];
    // JSON gives arrays no named keys: an array grows by an element instead.
    else if (roll < 0.3) holder[Array.isArray(holder) ? holder.length : `k${Math.floor(next() * 3)}`] = odd;
    else if (key !== undefined) holder[key] = odd;
    return copy;
  }
}

test('parseDockerState answers as the schema does, on valid states and on 5,000 damaged ones', () => {
  const next = random(14);
  const states: unknown[] = [valid(), { networks: [], containers: [] }, { docker: valid() }, null, [], 'x'];
  for (let i = 0; i < 5000; i++) states.push(mutated(valid(), next));
  let accepted = 0;
  for (const state of states) {
    const fast = parseDockerState(state);
    const slow = dockerStateSchema().safeParse(state);
    assert.equal(fast.success, slow.success, JSON.stringify(state));
    if (fast.success) {
      accepted++;
      assert.deepEqual(fast.data, slow.data, JSON.stringify(state));
    } else assert.deepEqual(fast.error.issues, slow.error!.issues, JSON.stringify(state));
  }
  // Both sides were exercised: the mutations leave some states valid (an extra key, an optional field gone).
  assert.ok(accepted > 30 && accepted < states.length - 1000, `${accepted} of ${states.length} accepted`);
});

test('parseDockerState takes a plainly valid state as it is, without copying 100,000 objects', () => {
  const state = valid();
  const result = parseDockerState(state);
  assert.equal(result.success, true);
  assert.equal(result.success && result.data.containers[1], state.containers[1]);
  assert.equal(result.success && result.data.networks[0], state.networks[0]);
});

test('parseDockerState leaves a "__proto__" label to the schema, which drops it', () => {
  const state = JSON.parse('{"networks":[],"containers":[{"id":"c1","name":"web","created":"x","running":true,"labels":{"__proto__":"p","a":"b"},"addresses":{}}]}') as unknown;
  const result = parseDockerState(state);
  assert.equal(result.success, true);
  assert.deepEqual(Object.keys(result.success ? result.data.containers[0]!.labels : {}), ['a']);
});
