import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { settingsSchemas } from '../../../src/settings/schema.js';

/** The translator.yaml reference (docs/configuration.md) is valid settings: the documentation cannot rot silently. */
test("docs/configuration.md's translator.yaml example passes the settings schema", () => {
  const page = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  const section = page.slice(page.indexOf('## translator.yaml'));
  const block = /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(block, 'docs/configuration.md has a yaml block under "## translator.yaml"');
  const result = settingsSchemas().settingsSchema.safeParse(parse(block));
  assert.ok(result.success, JSON.stringify(result.error?.issues, null, 1));
  assert.equal(result.data.routers[0]!.name, 'edge1');
});

/** Every key path of the settings schema (a secret reference's env/file excepted: one form documented once). */
function keyPaths(schema: unknown, prefix = '', out = new Set<string>()): Set<string> {
  const def = (schema as { _zod?: { def: Record<string, any> } })?._zod?.def;
  if (!def) return out;
  if (def.type === 'object') {
    const shape = def.shape as Record<string, unknown>;
    const isSecretRef = Object.keys(shape).length === 1 && ('env' in shape || 'file' in shape);
    if (!isSecretRef) for (const [key, value] of Object.entries(shape)) keyPaths(value, `${prefix}${key}.`, out.add(`${prefix}${key}`));
  } else if (['optional', 'default', 'nullable', 'prefault', 'readonly'].includes(def.type)) keyPaths(def.innerType, prefix, out);
  else if (def.type === 'pipe') keyPaths(def.in, prefix, out);
  else if (def.type === 'array') keyPaths(def.element, prefix, out);
  else if (def.type === 'union') for (const option of def.options as unknown[]) keyPaths(option, prefix, out);
  return out;
}

test("docs/configuration.md's translator.yaml reference names every settings key", () => {
  const page = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
  const block = /```yaml\n([\s\S]*?)```/.exec(page.slice(page.indexOf('## translator.yaml')))![1]!;
  const paths = keyPaths(settingsSchemas().settingsSchema);
  assert.ok(paths.has('notify.github.mode') && paths.size > 80, 'the walk reaches every level');
  const missing = [...paths].filter((path) => !new RegExp(`(^|[\\s{,#])${path.split('.').at(-1)}:`, 'm').test(block));
  assert.deepEqual(missing, []);
});
