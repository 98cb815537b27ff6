/**
 * Which owned objects appear, disappear, or exist on both sides, by their first line. Both sides
 * usually list their objects in much the same order (each as the device prints them, or as the
 * template renders them), so the diff walks the two in step and compares keys in place; a Map lookup
 * is only needed where they drift apart (an object added or removed, or a different order). The
 * result is the same as with a lookup per key; only the speed depends on the order (100,000 floating
 * IPs: two random lookups per line would cost more than everything else in the plan but parsing).
 */
import type { ScopedSection } from './scope.js';

type Entry = [key: string, section: ScopedSection];

export interface KeyDiff {
  added: Entry[];
  removed: Entry[];
  /** On both sides, with lines under them (may have changed). */
  common: [key: string, from: ScopedSection, to: ScopedSection][];
}

/** Keys of `from` compared in place ahead of the walk's position before a lookup is made. */
const WINDOW = 4;
/** How far ahead a key found by lookup is searched for, to bring the walk back in step after a gap. */
const RESYNC = 1024;
/** Lookups that could not bring the walk back in step, after which the orders differ: plain lookups only. */
const GIVE_UP = 32;

export function diffKeys(from: ReadonlyMap<string, ScopedSection>, to: ReadonlyMap<string, ScopedSection>): KeyDiff {
  const diff: KeyDiff = { added: [], removed: [], common: [] };
  // Keys and values apart, not entries: no [key, value] array per entry on configs of 100,000 lines;
  // spread, not push: V8 sizes each array once from the Map instead of growing it by copies (issue 14).
  const keys = [...from.keys()];
  const sections = [...from.values()];
  const seen = new Uint8Array(keys.length);
  let next = 0;
  let lost = 0;
  let found = 0;
  to.forEach((section, key) => {
    let at = -1;
    if (lost < GIVE_UP) {
      for (let k = next; k < next + WINDOW && k < keys.length; k++) {
        if (keys[k] === key) {
          at = k;
          break;
        }
      }
    }
    const old = at >= 0 ? sections[at] : from.get(key);
    if (!old) {
      diff.added.push([key, section]);
      return;
    }
    if (at < 0 && lost < GIVE_UP) {
      for (let k = next; k < next + RESYNC && k < keys.length; k++) {
        if (sections[k] === old) {
          at = k;
          break;
        }
      }
      if (at < 0) lost++;
    }
    if (at >= 0) {
      seen[at] = 1;
      next = at + 1;
    }
    found++;
    if (old.node.children.length > 0 || section.node.children.length > 0) diff.common.push([key, old, section]);
  });
  // Every object of `from` was found: nothing to remove.
  if (found === keys.length) return diff;
  for (let i = 0; i < keys.length; i++) {
    if (seen[i] === 0 && !to.has(keys[i]!)) diff.removed.push([keys[i]!, sections[i]!]);
  }
  return diff;
}
