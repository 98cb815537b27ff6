import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { settingsSchemas } from '../../../src/settings/schema.js';

/** The README's translator.yaml reference is valid settings: the documentation cannot rot silently. */
test("the README's translator.yaml example passes the settings schema", () => {
  const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('### translator.yaml'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'the README has a yaml block under "### translator.yaml"');
  const result = settingsSchemas().settingsSchema.safeParse(parse(block));
  assert.ok(result.success, JSON.stringify(result.error?.issues, null, 1));
  assert.equal(result.data.routers[0]!.name, 'edge1');
});
