/** Rewrites a parsed tree into the form the device prints, by the rules in rules/normalise.ts. */
import { ACL_SEQUENCE, DROPS, REWRITES } from './rules/normalise.js';
import type { DropRule, RewriteRule } from './rules/normalise.js';
import type { ConfigNode, ConfigTree } from './types.js';

const TOP_LEVEL = REWRITES.filter((rule) => rule.section === null);
const NESTED = REWRITES.filter((rule) => rule.section !== null);

/** A new tree (unchanged nodes are shared) with every line in its device form. */
export function normaliseTree(tree: ConfigTree): ConfigTree {
  return { ...tree, children: tree.children.map(normaliseTopLevel) };
}

function normaliseTopLevel(node: ConfigNode): ConfigNode {
  const text = rewrite(node.text, TOP_LEVEL);
  if (node.children.length === 0) return text === node.text ? node : { ...node, text };
  const rules = NESTED.filter((rule) => rule.section!.test(node.text));
  const drops = DROPS.filter((rule) => rule.section.test(node.text));
  const kept = drops.length === 0 ? node.children : withoutDropped(node.children, drops);
  const numbered = ACL_SEQUENCE.section.test(node.text) ? numberEntries(kept) : kept;
  if (text === node.text && rules.length === 0 && numbered === node.children) return node;
  const children = rules.length === 0 ? numbered : numbered.map((child) => withText(child, rewrite(child.text, rules)));
  return { ...node, text, children };
}

function withoutDropped(children: ConfigNode[], drops: readonly DropRule[]): ConfigNode[] {
  const kept = children.filter((child) => !drops.some((rule) => rule.line.test(child.text)));
  return kept.length === children.length ? children : kept;
}

function rewrite(text: string, rules: readonly RewriteRule[]): string {
  let out = text;
  for (const rule of rules) {
    if (rule.startsWith !== undefined && !out.startsWith(rule.startsWith)) continue;
    if (!rule.line.test(out)) continue;
    out = typeof rule.replace === 'string' ? out.replace(rule.line, rule.replace) : rule.replace(out);
  }
  return out;
}

function withText(node: ConfigNode, text: string): ConfigNode {
  return text === node.text ? node : { ...node, text };
}

/** Gives unnumbered ACL entries the number the device would: last + step; remarks take the next entry's. */
function numberEntries(children: ConfigNode[]): ConfigNode[] {
  if (!children.some((c) => ACL_SEQUENCE.entry.test(c.text))) return children;
  const seqs: (number | undefined)[] = [];
  let last = 0;
  for (const child of children) {
    const own = ACL_SEQUENCE.numbered.exec(child.text);
    if (own) last = Number(own[1]);
    else if (ACL_SEQUENCE.entry.test(child.text) && !ACL_SEQUENCE.remark.test(child.text)) last += ACL_SEQUENCE.step;
    else {
      seqs.push(undefined);
      continue;
    }
    seqs.push(last);
  }
  // An unnumbered remark takes the number of the entry that follows it.
  let next = last + ACL_SEQUENCE.step;
  const out = new Array<ConfigNode>(children.length);
  for (let i = children.length - 1; i >= 0; i--) {
    const child = children[i]!;
    const seq = seqs[i];
    if (seq !== undefined) next = seq;
    const isNew = !ACL_SEQUENCE.numbered.test(child.text) && ACL_SEQUENCE.entry.test(child.text);
    out[i] = isNew ? { ...child, text: `${seq ?? next} ${child.text}` } : child;
  }
  return out;
}
