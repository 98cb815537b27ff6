import type { z } from 'zod';
import { once, zod } from '../lazy.js';
import { REJECTION_CODES } from '../intent/reasons.js';
import { SOURCE_REJECTION_CODES } from './reasons.js';
import type { DockerState } from './types.js';

/** DockerState read back from a file (--state, state.json): checked before intent sees it. Built on first use (src/lazy.ts). */
export const dockerStateSchema = once(() => {
  const { z } = zod();
  // A hand-checked record instead of z.record(z.string(), z.string()): the same rule (a plain object
  // of strings; an own `__proto__` key is dropped, as z.record drops it), at a fraction of the cost
  // on a state of 100,000 containers with two records each (issue 14).
  const strings = () =>
    z
      .custom<Record<string, string>>(isStringRecord, { message: 'Invalid input: expected an object of strings' })
      .transform(withoutProtoKey);
  const labels = strings();

  return z.looseObject({
    networks: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        driver: z.string(),
        subnet: z.string().nullable(),
        gateway: z.string().nullable(),
        parent: z.string().nullable(),
        labels,
        created: z.string(),
        hosts: z.array(z.string()).exactOptional(),
        stale: z.boolean().exactOptional(),
      }),
    ),
    containers: z.array(
      z.looseObject({
        id: z.string(),
        name: z.string(),
        created: z.string(),
        running: z.boolean(),
        labels,
        addresses: strings(),
        host: z.string().exactOptional(),
        service: z.string().exactOptional(),
        stale: z.boolean().exactOptional(),
      }),
    ),
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
  }) satisfies z.ZodType<DockerState>;
});

/** A plain object (not an array, not of a class) whose own enumerable values are all strings. */
export function isStringRecord(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const key in value) if (typeof (value as Record<string, unknown>)[key] !== 'string') return false;
  return true;
}

/** JSON.parse makes `"__proto__"` an own key; assigning it elsewhere would set a prototype: dropped. */
function withoutProtoKey(record: Record<string, string>): Record<string, string> {
  if (!Object.hasOwn(record, '__proto__')) return record;
  const copy: Record<string, string> = {};
  for (const key of Object.keys(record)) if (key !== '__proto__') copy[key] = record[key]!;
  return copy;
}
