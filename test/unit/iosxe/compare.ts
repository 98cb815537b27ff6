/** Order-insensitive views of configs, for comparing what a plan did with what was intended. */
import { normaliseTree } from '../../../src/iosxe/normalise.js';
import { scopeConfig } from '../../../src/iosxe/scope.js';
import type { ScopeOptions } from '../../../src/iosxe/options.js';
import type { ConfigNode, ConfigTree } from '../../../src/iosxe/types.js';

/** A node with its children sorted, recursively, as text. */
function canon(node: ConfigNode): string {
  const children = node.children.filter((c) => !c.comment).map(canon).sort();
  return [node.text, ...children.map((c) => c.replace(/^/gm, ' '))].join('\n');
}

/** The owned part, one sorted entry per object. */
export function ownedView(tree: ConfigTree, options: ScopeOptions): string[] {
  const scoped = scopeConfig(normaliseTree(tree), options);
  return [...scoped.sections.values()].map((s) => canon(s.node)).sort();
}

/** Everything else, one sorted entry per top-level line (owned lines taken out of partly owned ones). */
export function unownedView(tree: ConfigTree, options: ScopeOptions): string[] {
  const normalised = normaliseTree(tree);
  const scoped = scopeConfig(normalised, options);
  const out: string[] = [];
  for (const node of normalised.children) {
    const owned = scoped.sections.get(node.text);
    if (!owned) {
      out.push(canon(node));
      continue;
    }
    if (owned.node === node) continue;
    const ownedTexts = new Set(owned.node.children.map((c) => c.text));
    out.push(canon({ ...node, children: node.children.filter((c) => !ownedTexts.has(c.text)) }));
  }
  return out.sort();
}
