import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffKeys } from '../../../src/iosxe/key-diff.js';
import type { ScopedSection } from '../../../src/iosxe/scope.js';

/** Small deterministic generator (tests must be repeatable). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const section = (text: string, children: string[] = []): ScopedSection => ({
  kind: 'nat-static',
  name: 'v',
  node: { text, children: children.map((c) => ({ text: c, children: [] })) },
});

/** The plain definition: a lookup per key on each side. */
function byLookups(from: Map<string, ScopedSection>, to: Map<string, ScopedSection>) {
  const removed = [...from].filter(([key]) => !to.has(key));
  const added = [...to].filter(([key]) => !from.has(key));
  const common = [...to]
    .filter(([key, s]) => from.has(key) && (from.get(key)!.node.children.length > 0 || s.node.children.length > 0))
    .map(([key, s]) => [key, from.get(key)!, s]);
  return { added, removed, common };
}

test('diffKeys equals a lookup per key, whatever the two orders (in step, gaps, shuffled, reversed)', () => {
  const next = random(3);
  for (let round = 0; round < 200; round++) {
    const size = Math.floor(next() * 3000);
    const keys = Array.from({ length: size }, (_, i) => `line ${i}`);
    const from = new Map(keys.filter(() => next() > 0.1).map((k) => [k, section(k, next() > 0.8 ? ['x'] : [])]));
    let toKeys = keys.filter(() => next() > 0.1);
    if (round % 4 === 1) toKeys = toKeys.reverse();
    if (round % 4 === 2) toKeys.sort(() => next() - 0.5);
    if (round % 4 === 3) toKeys = [...toKeys.slice(size >> 1), ...toKeys.slice(0, size >> 1)];
    // Long gaps: whole runs missing on one side (a removed tenant's floating IPs).
    if (round % 5 === 0) toKeys = toKeys.filter((k) => Number(k.split(' ')[1]) % 1500 > 1200);
    const to = new Map(toKeys.map((k) => [k, section(k, next() > 0.8 ? ['y'] : [])]));
    assert.deepEqual(diffKeys(from, to), byLookups(from, to), `round ${round}`);
  }
});
