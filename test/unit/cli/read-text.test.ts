// A saved state is read as UTF-8 whether or not the fast path (ASCII bytes taken as they are) applies.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readText } from '../../../src/cli/context.js';

test('readText gives the UTF-8 text of ASCII and of non-ASCII files alike', () => {
  const dir = mkdtempSync(join(tmpdir(), 'read-text-'));
  try {
    for (const [name, text] of [['ascii', '{"labels":{"a":"b~\\u00e9"}}\n'], ['utf8', '{"labels":{"a":"é ✓ 𝄞 \u0000 \u007f"}}'], ['empty', '']]) {
      const file = join(dir, name!);
      writeFileSync(file, text!, 'utf8');
      assert.equal(readText(file), text);
      assert.equal(readText(file), readFileSync(file, 'utf8'));
    }
    const invalid = join(dir, 'invalid');
    writeFileSync(invalid, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]));
    assert.equal(readText(invalid), readFileSync(invalid, 'utf8'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
