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
 *
 * `{env: VAR}` is also satisfied by `VAR_FILE` naming a file (the convention of Docker's official
 * images), so one translator.yaml serves CI, where secrets are variables, and a container or Swarm
 * service, where they are files under /run/secrets. Both set is an error: which one is meant
 * cannot be guessed.
 */
export function resolveSecret(ref: SecretRef, env: NodeJS.ProcessEnv = process.env): Secret {
  const { value, from } = 'env' in ref ? fromEnvironment(ref.env, env) : { value: readSecretFile(ref.file, describeRef(ref)), from: describeRef(ref) };
  if (value === '') throw new SecretError(`secret missing: ${from} is empty`);
  return new Secret(value);
}

function fromEnvironment(variable: string, env: NodeJS.ProcessEnv): { value: string; from: string } {
  const fileVariable = `${variable}${FILE_SUFFIX}`;
  const [direct, file] = [env[variable], env[fileVariable]];
  if (direct && file) throw new SecretError(`both ${variable} and ${fileVariable} are set: set one of them`);
  if (direct) return { value: direct, from: `environment variable ${variable}` };
  if (!file) throw new SecretError(`secret missing: environment variable ${variable} is not set (nor ${fileVariable})`);
  const from = `file ${file} (${fileVariable})`;
  return { value: readSecretFile(file, from), from };
}

/** `VAR_FILE` names the file holding what `VAR` would hold. */
const FILE_SUFFIX = '_FILE';

function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    const code = errnoCode(error) ?? 'unreadable';
    throw new SecretError(`cannot read secret from ${what} (${code})`);
  }
}
