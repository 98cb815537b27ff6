/**
 * How a rejection's words are made, shared by intent's reasons and the sources' (observe/reasons.ts):
 * untrusted values quoted one way, and a table of texts turned into makers of coded reasons. A leaf
 * module, so that the two tables of reasons depend on it and not on each other.
 */

/** Quotes an untrusted value for a message: JSON keeps newlines and quotes visible; long values are cut. */
export function quote(value: string): string {
  const shown = value.length > 64 ? `${value.slice(0, 64)}…` : value;
  return JSON.stringify(shown);
}

type Texts = Record<string, (...args: never[]) => string>;
type Coded<T extends Texts> = { [K in keyof T & string]: (...args: Parameters<T[K]>) => { code: K; reason: string } };

/** A table of texts as reason makers: `made.badVlan('parent', '5000')` → `{ code: 'badVlan', reason: '…' }`. */
export function coded<T extends Texts>(texts: T): Coded<T> {
  return Object.fromEntries(Object.entries(texts).map(([code, text]) => [code, (...args: never[]) => ({ code, reason: text(...args) })])) as unknown as Coded<T>;
}
