/**
 * Operator edits inside our objects are undone by one plan (./operator-edits.ts), checked with the
 * test's own applier of IOS semantics. The same property takes any applier (e.g. the lab engine).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { applyLines } from './applier.js';
import { checkOperatorEdits, EDITS } from './operator-edits.js';

test('random operator edits inside owned objects: one plan restores the intent, a second plan is empty (test applier)', () => {
  const made = checkOperatorEdits((text, lines) => applyLines(parseConfig(text), lines), { cases: 200 });
  assert.deepEqual(
    EDITS.map((e) => e.name).filter((name) => !made.has(name)),
    [],
    'every kind of edit was tried',
  );
});
