/** The fixed order of a source's networks and containers: the same on every machine and locale, whatever Docker's order. */
import { compareText } from '../intent/order.js';

/** Networks and containers: by name, then where they are, then id. */
export function byPlace(a: { name: string; id: string; host?: string }, b: { name: string; id: string; host?: string }): number {
  return compareText(a.name, b.name) || compareText(a.host ?? '', b.host ?? '') || compareText(a.id, b.id);
}
