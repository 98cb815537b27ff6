/** The fixed orders of a source's output: the same on every machine and locale, whatever Docker's order. */
import type { Rejection } from '../intent/types.js';

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Networks and containers: by name, then where they are, then id. */
export function byPlace(a: { name: string; id: string; host?: string }, b: { name: string; id: string; host?: string }): number {
  return compareText(a.name, b.name) || compareText(a.host ?? '', b.host ?? '') || compareText(a.id, b.id);
}

/** As intent orders its own rejections. */
export function byRejection(a: Rejection, b: Rejection): number {
  return compareText(a.kind, b.kind) || compareText(a.object, b.object) || compareText(a.reason, b.reason);
}
