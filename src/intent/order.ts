/**
 * Fixed orders, the same on every machine and locale: code-unit order, never localeCompare.
 * Every output translator writes (intent, state.json, commit messages, a source's state) sorts
 * with these, so one input always gives the same bytes.
 */
import type { Rejection } from './types.js';

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Docker objects: by name, then id. */
export function byNameThenId(a: { name: string; id: string }, b: { name: string; id: string }): number {
  return compareText(a.name, b.name) || compareText(a.id, b.id);
}

/** Rejections: by kind, object, then reason. */
export function byRejection(a: Pick<Rejection, 'kind' | 'object' | 'reason'>, b: Pick<Rejection, 'kind' | 'object' | 'reason'>): number {
  return compareText(a.kind, b.kind) || compareText(a.object, b.object) || compareText(a.reason, b.reason);
}
