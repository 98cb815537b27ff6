/**
 * The JSON documents translator prints (`--format json`) and the status page serves: each is an
 * object `{ "schemaVersion": 1, "kind": "<kind>", … }`, described by `schemas/<kind>.schema.json`,
 * with the same shape for one router or many (a `routers` list). Builders are pure functions from
 * a stage's results to a document, so the CLI and the HTTP API serve the same thing.
 *
 * Conventions borrowed: Terraform's machine-readable output carries a `format_version` that is
 * bumped only for incompatible changes, new fields being additions consumers ignore
 * (developer.hashicorp.com/terraform/internals/json-format); Kubernetes objects name their
 * `kind` and `apiVersion` in the object itself, so a consumer can tell them apart
 * (kubectl/helm `-o json`). `schemaVersion` here plays the first role, `kind` the second.
 */

/** Bumped only when a field changes meaning or goes away; added fields keep it. */
export const SCHEMA_VERSION = 1;

type Document<K extends string, B extends object> = { schemaVersion: typeof SCHEMA_VERSION; kind: K } & B;

export function document<K extends string, B extends object>(kind: K, body: B): Document<K, B> {
  return { schemaVersion: SCHEMA_VERSION, kind, ...body };
}

/** The document as printed: indented JSON, one trailing newline. */
export function documentText(doc: object): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
