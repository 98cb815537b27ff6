/**
 * What translator tells people and forges about: plain data built from a deploy record, a drift
 * check or a render's rejections, with every text passed through redactUrls (a record's message
 * may quote a Git remote). Nothing here holds a password or token: events are built from records,
 * plans and rejections, which never carry one.
 */
import type { DeployKind, DeployRecord, DeployResult } from '../deploy/record.js';
import type { Rejection } from '../intent/types.js';
import { redactUrls } from '../redact.js';

export interface DeployEvent {
  type: 'deploy';
  router: string;
  kind: DeployKind;
  result: DeployResult;
  /** The intended commit deployed, and the ref as asked. */
  commit: string;
  ref: string;
  commands: number;
  message: string;
  actor: string;
  record: string;
}

interface DriftEvent {
  type: 'drift';
  router: string;
  commit: string;
  /** Owned objects missing, different or extra on the router, and the lines that would fix them. */
  objects: number;
  commands: number;
  /** One line per object (inspect.ts describeDrift), at most DETAIL_LINES. */
  details: string[];
}

interface RejectedEvent {
  type: 'rejected';
  /** Objects rejected now that were not at the previous render. */
  rejections: { kind: string; object: string; router?: string; reason: string }[];
}

export type NotifyEvent = DeployEvent | DriftEvent | RejectedEvent;

const DETAIL_LINES = 20;
const FAILED: readonly DeployResult[] = ['failed', 'reverted', 'refused', 'unknown'];

function isFailure(result: DeployResult): boolean {
  return FAILED.includes(result);
}

export function deployEvent(record: DeployRecord): DeployEvent {
  return {
    type: 'deploy',
    router: record.router,
    kind: record.kind,
    result: record.result,
    commit: record.commit,
    ref: redactUrls(record.ref),
    commands: record.commands.length,
    message: redactUrls(record.message),
    actor: redactUrls(record.actor.name),
    record: record.id,
  };
}

export function driftEvent(router: string, commit: string, objects: number, commands: number, details: readonly string[]): DriftEvent {
  return { type: 'drift', router, commit, objects, commands, details: details.slice(0, DETAIL_LINES).map(redactUrls) };
}

/** The rejections of `now` that `before` did not have (same kind, object, router and reason). */
export function newlyRejected(before: readonly Rejection[], now: readonly Rejection[]): RejectedEvent | null {
  const key = (r: Rejection) => JSON.stringify([r.kind, r.object, r.router ?? null, r.code]);
  const known = new Set(before.map(key));
  const fresh = now.filter((r) => !known.has(key(r)));
  if (fresh.length === 0) return null;
  return {
    type: 'rejected',
    rejections: fresh.map((r) => ({ kind: r.kind, object: redactUrls(r.object), ...(r.router ? { router: r.router } : {}), reason: redactUrls(r.reason) })),
  };
}

/** A one-line title and the body lines of an event, for the chat notifiers. */
export function describeEvent(event: NotifyEvent): { title: string; lines: string[] } {
  switch (event.type) {
    case 'deploy': {
      const verb = event.kind === 'deploy' ? 'deploy' : event.kind;
      return {
        title: `translator: ${verb} to ${event.router} ${isFailure(event.result) ? 'FAILED' : 'done'} (${event.result})`,
        lines: [
          event.message.split('\n')[0]!,
          `commit ${event.commit.slice(0, 12)} (ref ${event.ref}), ${event.commands} line(s) sent, by ${event.actor}`,
          `record ${event.record}`,
        ],
      };
    }
    case 'drift':
      return {
        title: `translator: ${event.router} has DRIFTED from ${event.commit.slice(0, 12)} (${event.objects} object(s))`,
        lines: [...event.details, ...(event.objects > event.details.length ? [`… and ${event.objects - event.details.length} more`] : [])],
      };
    case 'rejected':
      return {
        title: `translator: ${event.rejections.length} object(s) newly rejected`,
        lines: event.rejections.map((r) => `${r.kind} ${JSON.stringify(r.object)}${r.router ? ` (router ${r.router})` : ''}: ${r.reason}`),
      };
  }
}
