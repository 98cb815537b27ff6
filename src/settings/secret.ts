import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import { errnoCode } from '../errors.js';

/** Where a secret comes from: never the value itself, so settings can be printed and committed. */
export type SecretRef = { env: string } | { file: string };

/**
 * A resolved secret. Every way of turning it into text (template literals, JSON, util.inspect,
 * pino) prints `***`; only `reveal()` gives the value, and only the SSH adapter calls it.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return '***';
  }

  toJSON(): string {
    return '***';
  }

  [inspect.custom](): string {
    return 'Secret(***)';
  }
}

export class SecretError extends Error {
  override name = 'SecretError';
}

/** Describes a reference for error messages: names the variable or file, never a value. */
function describeRef(ref: SecretRef): string {
  return 'env' in ref ? `environment variable ${ref.env}` : `file ${ref.file}`;
}

/**
 * Reads a secret from its reference. A file's trailing newline is dropped (Docker secrets and
 * `echo > file` both add one); an empty value is an error, since an empty password is never meant.
 */
export function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): Secret {
  let value: string | undefined;
  if ('env' in ref) {
    value = env[ref.env];
  } else {
    try {
      value = readFileSync(ref.file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      const code = errnoCode(error) ?? 'unreadable';
      throw new SecretError(`cannot read secret from ${describeRef(ref)} (${code})`);
    }
  }
  if (value === undefined || value === '') throw new SecretError(`secret missing: ${describeRef(ref)} is not set`);
  return new Secret(value);
}
