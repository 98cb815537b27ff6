/**
 * The generic walk behind every table of rules about lines in their context (rules/references.ts,
 * rules/nat.ts): a rule names the parent line it applies under (`null` = top level), a cheap prefix,
 * and a pattern. No IOS strings here.
 */
import type { ConfigNode } from './types.js';

export interface LineRule {
  /** The nearest enclosing line; `null` = a top-level line. */
  parent: RegExp | null;
  /** Every line the rule is about starts with this (a cheap test before `pattern`). */
  startsWith: string;
  pattern: RegExp;
}

export type LineMatch<R> = (rule: R, match: RegExpExecArray, node: ConfigNode, parent: ConfigNode | undefined) => void;

/** A table split once by where its rules apply. */
export interface CompiledRules<R extends LineRule> {
  top: readonly R[];
  nested: readonly R[];
}

export function compileRules<R extends LineRule>(rules: readonly R[]): CompiledRules<R> {
  return { top: rules.filter((r) => r.parent === null), nested: rules.filter((r) => r.parent !== null) };
}

/**
 * Calls `found` for `node` (whose parent is `parent`, undefined at the top level) and every line under
 * it, for each rule that matches. With `first`, only the first matching rule of a line counts.
 */
export function walkLines<R extends LineRule>(node: ConfigNode, parent: ConfigNode | undefined, rules: CompiledRules<R>, found: LineMatch<R>, first = false): void {
  if (!node.comment) {
    const candidates = parent === undefined ? rules.top : rules.nested;
    for (const rule of candidates) {
      if (!node.text.startsWith(rule.startsWith)) continue;
      if (parent !== undefined && !rule.parent!.test(parent.text)) continue;
      const m = rule.pattern.exec(node.text);
      if (!m) continue;
      found(rule, m, node, parent);
      if (first) break;
    }
  }
  if (rules.nested.length === 0) return;
  for (const child of node.children) walkLines(child, node, rules, found, first);
}

/** How a line is named in a message: its parent too, and its line number when parsed. */
export function describeLine(node: ConfigNode, parent: ConfigNode | undefined, where = 'running-config'): string {
  const text = parent ? `"${parent.text}" / "${node.text}"` : `"${node.text}"`;
  return node.line ? `${where} line ${node.line}: ${text}` : text;
}
