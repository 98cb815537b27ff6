import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { yaml } from '../lazy.js';
import type { z } from 'zod';
import { DEFAULT_ROUTER_NAME, GLOBAL_ENV, ROUTER_ENV, ROUTER_NAME_ENV, isSet } from './env.js';
import { SETTINGS_FILE } from '../gitops/layout.js';
import { settingsSchemas, type RouterSettings, type SettingsFile } from './schema.js';
import { errnoCode, errorText } from '../errors.js';

export type Settings = SettingsFile;
export type { RouterSettings };

export class SettingsError extends Error {
  override name = 'SettingsError';
}

export interface LoadOptions {
  /** The GitOps repository; its translator.yaml is read when `file` is not given. */
  repo: string;
  /** An explicit settings file: it must exist. */
  file?: string;
  env?: NodeJS.ProcessEnv;
}

type Raw = Record<string, unknown>;

/** Reads translator.yaml (optional unless named), applies the environment over it and validates. */
export function loadSettings({ repo, file, env = process.env }: LoadOptions): Settings {
  const path = file ?? join(repo, SETTINGS_FILE);
  const raw = file !== undefined || existsSync(path) ? readYaml(path) : {};
  const origins = applyEnv(raw, env, path);
  const result = settingsSchemas().settingsSchema.safeParse(raw);
  if (!result.success) throw new SettingsError(describeIssues(path, result.error.issues, origins));
  return result.data;
}

function readYaml(path: string): Raw {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new SettingsError(`cannot read settings ${path}: ${errnoCode(error) ?? errorText(error)}`);
  }
  const document = yaml().parseDocument(text, { prettyErrors: true });
  if (document.errors.length > 0) {
    throw new SettingsError(`${path}: not valid YAML:\n${document.errors.map((e) => `  ${e.message}`).join('\n')}`);
  }
  const value: unknown = document.toJS() ?? {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SettingsError(`${path}: expected a mapping of settings at the top level`);
  }
  return value as Raw;
}

/**
 * Writes the environment's values into the raw settings before validation, so they are checked
 * by the same schema. Returns which settings path came from which variable, for error messages.
 */
function applyEnv(raw: Raw, env: NodeJS.ProcessEnv, path: string): Map<string, string> {
  const origins = new Map<string, string>();
  for (const rule of GLOBAL_ENV) {
    if (isSet(env, rule.variable)) {
      setPath(raw, rule.key, rule.value(env[rule.variable]!, rule.variable));
      origins.set(rule.key, rule.variable);
    }
  }
  // A variable the file already reads through `{env: VAR}` (or its `VAR_FILE`) is the file's: it describes
  // the router(s) that name it, not "the" router of the IOS_* variables, so it needs no ROUTER_NAME.
  const referenced = referencedVariables(raw.routers);
  const present = ROUTER_ENV.filter((rule) => isSet(env, rule.variable) && !referenced.has(rule.variable.replace(/_FILE$/, '')));
  if (present.length === 0) return origins;

  const routers = Array.isArray(raw.routers) ? (raw.routers as Raw[]) : (raw.routers = []) as Raw[];
  const index = chooseRouter(routers, env, present.map((rule) => rule.variable));
  for (const rule of present) {
    if (rule.secret) refuseLiteralSecret(path, `routers[${index}].${rule.key}`, getPath(routers[index]!, rule.key), rule.variable);
    setPath(routers[index]!, rule.key, rule.value(env[rule.variable]!, rule.variable));
    origins.set(`routers.${index}.${rule.key}`, rule.variable);
  }
  return origins;
}

/** Every `{env: VAR}` reference under `node` (the file's routers). */
function referencedVariables(node: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(node)) node.forEach((item) => referencedVariables(item, found));
  else if (typeof node === 'object' && node !== null) {
    const ref = settingsSchemas().secretRef.safeParse(node);
    if (ref.success && 'env' in ref.data) found.add(ref.data.env);
    else Object.values(node).forEach((value) => referencedVariables(value, found));
  }
  return found;
}

function chooseRouter(routers: Raw[], env: NodeJS.ProcessEnv, variables: string[]): number {
  const wanted = env[ROUTER_NAME_ENV];
  if (routers.length === 0) {
    routers.push({ name: wanted || DEFAULT_ROUTER_NAME });
    return 0;
  }
  if (!wanted) {
    if (routers.length === 1) return 0;
    throw new SettingsError(
      `${variables.join(', ')} set, but translator.yaml declares ${routers.length} routers: set ${ROUTER_NAME_ENV} to say which one they describe`,
    );
  }
  const index = routers.findIndex((router) => router.name === wanted);
  if (index < 0) throw new SettingsError(`${ROUTER_NAME_ENV}=${wanted} names no router of translator.yaml`);
  return index;
}

/**
 * A secret written in translator.yaml is an error even when the environment replaces it: the file
 * is committed, so the value is already exposed, and accepting it silently hides that.
 */
function refuseLiteralSecret(path: string, where: string, inFile: unknown, variable: string): void {
  if (inFile === undefined || settingsSchemas().secretRef.safeParse(inFile).success) return;
  throw new SettingsError(
    `invalid settings:\n  ${path}: ${where}: a secret is written in the file (${variable} is set too, but the file is ` +
      'committed): remove it, rotate it, and name where it is instead: {env: VARIABLE} or {file: PATH}',
  );
}

function getPath(target: Raw, dotted: string): unknown {
  let node: unknown = target;
  for (const key of dotted.split('.')) node = typeof node === 'object' && node !== null ? (node as Raw)[key] : undefined;
  return node;
}

function setPath(target: Raw, dotted: string, value: unknown): void {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
    node = node[key] as Raw;
  }
  node[keys.at(-1)!] = value;
}

function describeIssues(path: string, issues: z.core.$ZodIssue[], origins: Map<string, string>): string {
  const lines = issues.map((issue) => {
    const dotted = issue.path.map(String).join('.');
    const where = origins.get(dotted) ?? `${path}: ${formatPath(issue.path) || '(top level)'}`;
    return `  ${where}: ${issue.message}`;
  });
  return `invalid settings:\n${lines.join('\n')}`;
}

function formatPath(path: PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`)).join('');
}
