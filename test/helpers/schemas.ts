/** The JSON documents' schemas (schemas/*.schema.json), all loaded into one ajv, checked by `kind`. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { REPO_ROOT } from './cli.js';

const SCHEMAS = join(REPO_ROOT, 'schemas');
const BASE = 'https://translator.invalid/schemas/';

/** Errors of `doc` against the schema of its `kind` (null: valid). */
export function schemaErrors(doc: unknown): string | null {
  const kind = (doc as { kind?: unknown }).kind;
  const validate = ajv().getSchema(`${BASE}${String(kind)}.schema.json`);
  if (!validate) return `no schema for kind ${JSON.stringify(kind)}`;
  return validate(doc) ? null : JSON.stringify(validate.errors);
}

let loaded: Ajv | null = null;
function ajv(): Ajv {
  if (!loaded) {
    loaded = new Ajv({ allErrors: true });
    for (const file of readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'))) loaded.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')) as object);
  }
  return loaded;
}
