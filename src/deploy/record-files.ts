/**
 * The shapes of the records branch's JSON files, checked on every read. The branch is shared and
 * edited by hand at times: a file that is not valid JSON, or not of its shape, is a problem of its
 * router with a way to repair it, never a crash of another command (issue 10, item 10). Only what
 * readers rely on is checked; fields added later pass through.
 */
import type { z } from 'zod';
import { once, zod } from '../lazy.js';
import type { RouterFacts } from '../iosxe/facts-types.js';
import type { DeployRecord } from './record.js';
import { errorText } from '../errors.js';

export interface LiveInfo {
  commit: string;
  deploy: string;
  since: string;
}

/** Built on first use, like every schema (src/lazy.ts). */
const schemas = once(() => {
  const { z } = zod();
  const objectId = z.string().regex(/^[0-9a-f]{40}(?:[0-9a-f]{24})?$/, { message: 'expected a full commit id' });
  const time = z.string().refine((text) => !Number.isNaN(Date.parse(text)), { message: 'expected an ISO time' });

  const liveSchema: z.ZodType<LiveInfo> = z.looseObject({ commit: objectId, deploy: z.string().min(1), since: time });

  const recordSchema = z.looseObject({
    id: z.string().min(1),
    router: z.string().min(1),
    kind: z.string(),
    ref: z.string(),
    commit: objectId,
    previousLive: objectId.nullable(),
    started: time,
    ended: time,
    actor: z.looseObject({ kind: z.string(), name: z.string() }),
    result: z.string(),
    state: z.string(),
    message: z.string(),
    commands: z.array(z.string()),
    rollback: z.array(z.string()),
    failedLines: z.array(z.unknown()),
    revertTimerMinutes: z.number().nullable(),
    saved: z.boolean(),
    backupBlob: z.string().nullable(),
    summary: z.looseObject({ add: z.number(), change: z.number(), remove: z.number() }).nullable(),
    adopt: z.array(z.string()).optional(),
    forced: z.array(z.string()).optional(),
    overrides: z.array(z.string()).optional(),
  });

  const factsSchema: z.ZodType<RouterFacts> = z.looseObject({
    interfaceAddresses: z.array(z.looseObject({ address: z.string(), interface: z.string() })),
    unownedNatGlobals: z.array(z.looseObject({ first: z.string(), last: z.string(), line: z.string() })),
    legacyVrfs: z.array(z.string()),
  });
  return { liveSchema, recordSchema: recordSchema as unknown as z.ZodType<DeployRecord>, factsSchema };
});

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };

function parseWith<T>(schema: z.ZodType<T>, text: string): Parsed<T> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, problem: `not valid JSON (${errorText(error)})` };
  }
  const result = schema.safeParse(json);
  if (result.success) return { ok: true, value: result.data };
  const issue = result.error.issues[0]!;
  return { ok: false, problem: `not of its shape: ${issue.path.map(String).join('.') || '(top level)'}: ${issue.message}` };
}

export const parseLive = (text: string): Parsed<LiveInfo> => parseWith(schemas().liveSchema, text);
export const parseRecord = (text: string): Parsed<DeployRecord> => parseWith(schemas().recordSchema, text);
export const parseFacts = (text: string): Parsed<RouterFacts> => parseWith(schemas().factsSchema, text);

/** A records file that could not be read: its router, what is wrong and how to repair it. */
export interface RecordProblem {
  router: string;
  file: string;
  problem: string;
  repair: string;
}
