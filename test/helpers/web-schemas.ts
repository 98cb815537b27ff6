/**
 * The API documents' schemas (schemas/*.schema.json, draft 2020-12), all loaded into one strict
 * ajv, a document checked against the schema of its `kind`. Strict as the schema files are meant
 * to be read: no union types (anyOf with null), no unknown keywords.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT } from './cli.js';

const SCHEMAS = join(REPO_ROOT, 'schemas');

/** Errors of `doc` against schemas/<kind>.schema.json (null: valid). */
export function schemaErrors(doc: unknown): string | null {
  const kind = (doc as { kind?: unknown }).kind;
  const validate = ajv().getSchema(`${String(kind)}.schema.json`);
  if (!validate) return `no schema for kind ${JSON.stringify(kind)}`;
  return validate(doc) ? null : JSON.stringify(validate.errors);
}

let loaded: Ajv2020 | null = null;
function ajv(): Ajv2020 {
  if (!loaded) {
    loaded = new Ajv2020({ allErrors: true, strict: true });
    loaded.addFormat('date-time', true);
    for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'))) loaded.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object, file);
  }
  return loaded;
}
