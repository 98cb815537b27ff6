/**
 * The commands that turn one owned block's children into another's, by the rules in rules/children.ts,
 * and the children the device is left with (including what it drops by itself).
 */
import { childInfo, negateChild, negationSettled } from './rules/children.js';
import type { SectionKindName } from './rules/sections.js';
import type { Command } from './commands.js';
import type { ConfigNode } from './types.js';

export interface ChildDiff {
  /** Removals and `early` lines: sent for every object of a step before any object's `late` lines. */
  early: Command[];
  late: Command[];
  children: ConfigNode[];
}

interface Target {
  kind: SectionKindName;
  object: string;
}

export function diffChildren(target: Target, context: string[], from: readonly ConfigNode[], to: readonly ConfigNode[]): ChildDiff {
  if (sameLines(from, to)) return { early: [], late: [], children: [...from] };
  const early: Command[] = [];
  const late: Command[] = [];
  const state = new Map<string, ConfigNode>();
  for (const child of from) if (!child.comment) state.set(child.text, child);
  const wanted = new Map<string, ConfigNode>();
  for (const child of to) if (!child.comment) wanted.set(child.text, child);
  const replacedKeys = new Set<string>();
  for (const child of wanted.values()) {
    const info = childInfo(target.kind, child.text);
    if (info.rule?.replacesItself) replacedKeys.add(info.key);
  }

  // Removals, last-created first; a line that the intent replaces by itself is left to its replacement.
  const removals = [...state.values()].filter((child) => !wanted.has(child.text));
  for (const child of sortByOrder(target.kind, removals).reverse()) {
    const info = childInfo(target.kind, child.text);
    if (info.rule?.replacesItself && replacedKeys.has(info.key)) continue;
    if (negationSettled(child.text, wanted.keys())) {
      state.delete(child.text);
      continue;
    }
    early.push({ context, line: negateChild(target.kind, child.text), action: 'remove', ...target });
    state.delete(child.text);
    drop(info.rule?.drops, state);
  }

  // Additions and nested changes, in creation order; what a line makes the device drop is sent again after it.
  for (const child of sortByOrder(target.kind, [...wanted.values()])) {
    const present = state.get(child.text);
    if (present) {
      if (present.children.length > 0 || child.children.length > 0) {
        const nested = diffChildren(target, [...context, child.text], present.children, child.children);
        late.push(...nested.early, ...nested.late);
        if (nested.early.length + nested.late.length > 0) state.set(child.text, { ...present, children: nested.children });
      }
      continue;
    }
    const info = childInfo(target.kind, child.text);
    if (info.rule?.replacesItself) {
      for (const other of [...state.values()]) {
        if (other.text !== child.text && childInfo(target.kind, other.text).key === info.key) state.delete(other.text);
      }
    }
    drop(info.rule?.drops, state);
    (info.rule?.early ? early : late).push(...createCommands(target, context, child));
    state.set(child.text, child);
  }
  return { early, late, children: sortByOrder(target.kind, [...state.values()]) };
}

/**
 * The commonest case of all, without a Map per object: the same lines in the same order (both sides
 * print in device order), with no line twice (the comparison by text treats a repeated line as a
 * difference). The repeat check is quadratic, hence only for blocks of a few lines (VRFs, interfaces).
 */
const IN_ORDER_MAX = 16;

/** The common case, checked cheaply: the same lines (in any order), with the same lines under them. */
function sameLines(from: readonly ConfigNode[], to: readonly ConfigNode[]): boolean {
  if (from.length !== to.length) return false;
  if (from.length <= IN_ORDER_MAX && sameInOrder(from, to)) return true;
  const byText = new Map<string, ConfigNode>();
  for (const node of from) byText.set(node.text, node);
  if (byText.size !== from.length) return false;
  for (const node of to) {
    const other = byText.get(node.text);
    if (!other || !sameLines(other.children, node.children)) return false;
  }
  return true;
}

function sameInOrder(from: readonly ConfigNode[], to: readonly ConfigNode[]): boolean {
  for (let i = 0; i < from.length; i++) {
    const a = from[i]!;
    const b = to[i]!;
    if (a.text !== b.text || a.children.length !== b.children.length) return false;
    for (let j = 0; j < i; j++) if (from[j]!.text === a.text) return false;
    if (a.children.length > 0 && !sameLines(a.children, b.children)) return false;
  }
  return true;
}

/** A line and everything under it, sent as new. */
export function createCommands(target: Target, context: string[], node: ConfigNode): Command[] {
  const enters = node.children.length > 0 || node.closer !== undefined;
  const commands: Command[] = [{ context, line: node.text, action: 'add', ...target, ...(enters ? { enters: true as const } : {}) }];
  if (node.children.length > 0) {
    const inner = [...context, node.text];
    for (const child of sortByOrder(target.kind, node.children.filter((c) => !c.comment))) {
      commands.push(...createCommands(target, inner, child));
    }
  }
  return commands;
}

/** Applies the device's own deletions (e.g. `vrf forwarding` removes the addresses). */
function drop(patterns: readonly RegExp[] | undefined, state: Map<string, ConfigNode>): void {
  if (!patterns) return;
  for (const text of [...state.keys()]) if (patterns.some((p) => p.test(text))) state.delete(text);
}

/** Children in the device's print order (stable for lines of equal rank). */
export function sortByOrder(kind: SectionKindName, nodes: ConfigNode[]): ConfigNode[] {
  return nodes
    .map((node, index) => ({ node, index, order: childInfo(kind, node.text).order }))
    .sort((a, b) => a.order - b.order || a.index - b.index)
    .map((entry) => entry.node);
}
