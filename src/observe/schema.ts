import type { z } from 'zod';
import { once, zod } from '../lazy.js';
import { REJECTION_CODES } from '../intent/reasons.js';
import { SOURCE_REJECTION_CODES } from './reasons.js';
import type { DockerContainer, DockerNetwork, DockerState } from './types.js';

/**
 * What a field of a network or container holds. The two objects that come by the hundred
 * thousand are described once, here, as data: the zod schema is built from it, and so is the
 * check of the fast path (parseDockerState), so the two cannot drift apart.
 */
type FieldKind = 'string' | 'nullableString' | 'boolean' | 'strings' | 'stringArray';
interface FieldRule {
  kind: FieldKind;
  /** Absent is fine (exactOptional: present, it must be of its kind). */
  optional?: true;
}
type Fields<T> = { readonly [K in keyof T]-?: FieldRule };

// In the order zod checks them: the first issue (what the user is told) depends on it.
const NETWORK_FIELDS: Fields<DockerNetwork> = {
  id: { kind: 'string' },
  name: { kind: 'string' },
  driver: { kind: 'string' },
  subnet: { kind: 'nullableString' },
  gateway: { kind: 'nullableString' },
  parent: { kind: 'nullableString' },
  labels: { kind: 'strings' },
  created: { kind: 'string' },
  hosts: { kind: 'stringArray', optional: true },
  stale: { kind: 'boolean', optional: true },
};
const CONTAINER_FIELDS: Fields<DockerContainer> = {
  id: { kind: 'string' },
  name: { kind: 'string' },
  created: { kind: 'string' },
  running: { kind: 'boolean' },
  labels: { kind: 'strings' },
  addresses: { kind: 'strings' },
  host: { kind: 'string', optional: true },
  service: { kind: 'string', optional: true },
  stale: { kind: 'boolean', optional: true },
};

/** The parts of a DockerState that are not networks or containers: few, checked by zod alone. */
const restShape = once(() => {
  const { z } = zod();
  return {
    sourceRejections: z
      .array(
        z.looseObject({
          kind: z.enum(['network', 'container', 'router']),
          object: z.string(),
          router: z.string().exactOptional(),
          code: z.enum([...REJECTION_CODES, ...SOURCE_REJECTION_CODES]),
          reason: z.string(),
        }),
      )
      .exactOptional(),
    unreachable: z.array(z.string()).exactOptional(),
  };
});

/** The same parts as an object of their own: what the fast path leaves to zod. */
const restSchema = once(() => zod().z.looseObject(restShape()));

/** DockerState read back from a file (--state, state.json): checked before intent sees it. Built on first use (src/lazy.ts). */
export const dockerStateSchema = once(() => {
  const { z } = zod();
  // A hand-checked record instead of z.record(z.string(), z.string()): the same rule (a plain object
  // of strings; an own `__proto__` key is dropped, as z.record drops it), at a fraction of the cost
  // on a state of 100,000 containers with two records each (issue 14).
  const kinds: Record<FieldKind, () => z.ZodType> = {
    string: () => z.string(),
    nullableString: () => z.string().nullable(),
    boolean: () => z.boolean(),
    strings: () =>
      z.custom<Record<string, string>>(isStringRecord, { message: 'Invalid input: expected an object of strings' }).transform(withoutProtoKey),
    stringArray: () => z.array(z.string()),
  };
  const objectOf = (fields: Fields<object>) =>
    z.looseObject(
      Object.fromEntries(
        Object.entries(fields as Record<string, FieldRule>).map(([key, rule]) => [key, rule.optional ? kinds[rule.kind]().exactOptional() : kinds[rule.kind]()]),
      ),
    );
  return z.looseObject({
    networks: z.array(objectOf(NETWORK_FIELDS)),
    containers: z.array(objectOf(CONTAINER_FIELDS)),
    ...restShape(),
  }) as unknown as z.ZodType<DockerState>;
});

export type StateParse = { success: true; data: DockerState } | { success: false; error: z.ZodError };

/**
 * dockerStateSchema().safeParse(value), with a fast path for the common case (issue 14: zod took
 * ≈ 0.3 s of CPU over 100,000 containers): when every network and container is plainly valid
 * (each field of its kind, records of strings without a `__proto__` key), the objects are used
 * as they are — exactly what zod would return, but for key order and identity. Anything else,
 * however small, goes through zod, so every error (and every transform) is zod's own.
 */
export function parseDockerState(value: unknown): StateParse {
  if (isPlainObject(value) && allFit(value['networks'], NETWORK_FIELDS) && allFit(value['containers'], CONTAINER_FIELDS)) {
    const rest = restSchema().safeParse(value);
    if (rest.success) return { success: true, data: rest.data as unknown as DockerState };
  }
  return dockerStateSchema().safeParse(value) as StateParse;
}

function allFit(items: unknown, fields: Fields<object>): boolean {
  return Array.isArray(items) && everyIndex(items, (item) => fits(item, fields));
}

/** Every index up to the length, holes included (Array.prototype.every skips holes; zod does not). */
function everyIndex(items: readonly unknown[], test: (item: unknown) => boolean): boolean {
  for (let i = 0; i < items.length; i++) if (!test(items[i])) return false;
  return true;
}

/** `item` holds every required field and each field it holds is of its kind (what zod would pass without a change). */
function fits(item: unknown, fields: Fields<object>): boolean {
  if (!isPlainObject(item)) return false;
  for (const key in fields) {
    const rule = (fields as Record<string, FieldRule>)[key]!;
    const value = item[key];
    // No kind holds undefined: an absent field, fine only when optional (and not merely undefined).
    if (value === undefined) {
      if (rule.optional && !Object.hasOwn(item, key)) continue;
      return false;
    }
    if (!isOfKind(value, rule.kind)) return false;
  }
  return true;
}

function isOfKind(value: unknown, kind: FieldKind): boolean {
  switch (kind) {
    case 'string':
      return typeof value === 'string';
    case 'nullableString':
      return value === null || typeof value === 'string';
    case 'boolean':
      return typeof value === 'boolean';
    case 'strings':
      // A `__proto__` key needs zod's transform (withoutProtoKey): not the fast path's to do.
      return isStringRecord(value) && !Object.hasOwn(value, '__proto__');
    case 'stringArray':
      return Array.isArray(value) && everyIndex(value, (entry) => typeof entry === 'string');
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A plain object (not an array, not of a class) whose own enumerable values are all strings. */
export function isStringRecord(value: unknown): value is Record<string, string> {
  if (!isPlainObject(value)) return false;
  for (const key in value) if (typeof value[key] !== 'string') return false;
  return true;
}

/** JSON.parse makes `"__proto__"` an own key; assigning it elsewhere would set a prototype: dropped. */
function withoutProtoKey(record: Record<string, string>): Record<string, string> {
  if (!Object.hasOwn(record, '__proto__')) return record;
  const copy: Record<string, string> = {};
  for (const key of Object.keys(record)) if (key !== '__proto__') copy[key] = record[key]!;
  return copy;
}
