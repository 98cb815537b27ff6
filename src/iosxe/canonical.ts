/** A scoped tree in the device's print order, so that two trees diff line by line. */
import { compareText } from '../intent/order.js';
import { sortByOrder } from './diff-children.js';
import { kindOf, SECTION_KINDS } from './rules/sections.js';
import type { ScopeOptions } from './options.js';
import type { ConfigNode, ConfigTree } from './types.js';

/** Numbers compare by value: GigabitEthernet2.9 before GigabitEthernet2.10, 192.168.1.2 before .10. */
function naturalKey(text: string): string {
  return text.replace(/\d+/g, (digits) => digits.padStart(10, '0'));
}

export function canonicalTree(tree: ConfigTree, options: ScopeOptions): ConfigTree {
  const groups = SECTION_KINDS.length;
  const keyed = tree.children.map((node) => {
    const found = kindOf(node.text, options);
    const group = found ? found.kind.printGroup : groups;
    const children = found ? sortByOrder(found.kind.kind, node.children) : node.children;
    return { key: `${String(group).padStart(2, '0')} ${naturalKey(node.text)}`, node: { ...node, children } as ConfigNode };
  });
  keyed.sort((a, b) => compareText(a.key, b.key));
  return { children: keyed.map((k) => k.node) };
}
