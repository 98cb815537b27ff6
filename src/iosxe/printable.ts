/**
 * Owned lines are printable ASCII (rules/syntax.ts, PRINTABLE): the intended text is scanned as it was
 * read (the parser trims what a terminal would act on), owned running-config lines node by node.
 */
import { printConfig } from './print.js';
import { PRINTABLE } from './rules/syntax.js';
import type { ScopedSection } from './scope.js';
import type { ConfigNode, ConfigTree } from './types.js';

/** Problems stop being collected after this many (a refusal lists 50). */
const MAX_PROBLEMS = 100;

/** Every forbidden character of `tree`'s source text (else of its print), as `<label> line N, column C: …`. */
export function unprintableText(tree: ConfigTree, label: string): string[] {
  const text = tree.source ?? printConfig(tree);
  if (isClean(text)) return [];
  const problems: string[] = [];
  let line = 1;
  let lineStart = 0;
  let counted = 0;
  for (const m of text.matchAll(PRINTABLE.forbidden)) {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < m.index; i = text.indexOf('\n', i + 1)) {
      line++;
      lineStart = i + 1;
    }
    counted = m.index;
    problems.push(`${label} line ${line}, column ${m.index - lineStart + 1}: ${describe(m[0].charCodeAt(0))}; owned lines must be printable ASCII`);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  return problems;
}

/**
 * Owned lines holding a forbidden character: the plan would type them back (a removal, the rollback).
 * `source`, the text the sections were parsed from, lets a clean config skip the walk.
 */
export function unprintableOwned(sections: ReadonlyMap<string, ScopedSection>, label: string, source?: string): string[] {
  if (source !== undefined && isClean(source)) return [];
  const problems: string[] = [];
  const visit = (node: ConfigNode) => {
    if (!PRINTABLE.allowed.test(node.text)) {
      const at = node.line ? `${label} line ${node.line}` : label;
      const bad = node.text.split('').find((c) => !PRINTABLE.allowed.test(c))!;
      problems.push(`${at}: owned line ${JSON.stringify(node.text)} holds ${describe(bad.charCodeAt(0))}; fix it on the router by hand: translator types only printable ASCII`);
    }
    node.children.forEach(visit);
  };
  sections.forEach((section) => visit(section.node));
  return problems.slice(0, MAX_PROBLEMS);
}

function describe(code: number): string {
  const name = PRINTABLE.classes.find((c) => c.test(code))!.name;
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}, ${name}`;
}

/** Printable ASCII and line ends only (CRLF as well): plain character classes, the fastest scan of megabytes. */
function isClean(text: string): boolean {
  return !PRINTABLE.outside.test(text) && (!text.includes('\r') || !PRINTABLE.loneCr.test(text));
}
