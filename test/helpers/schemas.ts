/**
 * Validates a document a real command printed against its JSON Schema in schemas/<kind>.schema.json
 * (draft 2020-12, with ajv): the schema files are the contract, so the tests hold the code to them.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { REPO_ROOT } from './cli.js';

const SCHEMAS = join(REPO_ROOT, 'schemas');

function loadAll(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  // `format: date-time` is an annotation here (ajv-formats is not needed to hold the shape).
  ajv.addFormat('date-time', true);
  const files = readdirSync(SCHEMAS).filter((f) => f.endsWith('.schema.json'));
  for (const file of files) ajv.addSchema(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')), file);
  // Every schema compiles in strict mode, whichever kind a test validates: a broken one fails them all.
  for (const file of files) ajv.getSchema(file);
  return ajv;
}

let ajv: Ajv2020 | null = null;

/** Parses stdout as one JSON document, checks its kind and validates it; returns it. */
export function validDocument(stdout: string, kind: string): Record<string, unknown> {
  const doc = JSON.parse(stdout) as Record<string, unknown>;
  assert.equal(doc.kind, kind, `document kind: ${String(doc.kind)}`);
  assert.equal(doc.schemaVersion, 1);
  ajv ??= loadAll();
  const validate = ajv.getSchema(`${kind}.schema.json`);
  assert.ok(validate, `schemas/${kind}.schema.json exists`);
  const ok = validate(doc);
  assert.ok(ok, `${kind} document does not match schemas/${kind}.schema.json: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  return doc;
}

/** Errors of `doc` against schemas/<kind>.schema.json, its own `kind` naming the schema (null: valid). */
export function schemaErrors(doc: unknown): string | null {
  const kind = (doc as { kind?: unknown }).kind;
  ajv ??= loadAll();
  const validate = ajv.getSchema(`${String(kind)}.schema.json`);
  if (!validate) return `no schema for kind ${JSON.stringify(kind)}`;
  return validate(doc) ? null : ajv.errorsText(validate.errors, { separator: '\n' });
}
