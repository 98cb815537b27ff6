/**
 * The inside and outside interfaces as a rendered intended file shows them: the interface holding
 * `ip nat outside`, and the parent of the sub-interfaces. Used when no settings name them.
 */
import type { ConfigTree } from './types.js';

const INTERFACE = /^interface (\S+)$/;
const SUBINTERFACE = /^interface (\S+)\.\d+$/;
const NAT_OUTSIDE = /^ip nat outside$/;

export function inferInterfaces(tree: ConfigTree): { inside?: string; outside?: string } {
  const outsides = new Set<string>();
  const parents = new Set<string>();
  for (const node of tree.children) {
    const sub = SUBINTERFACE.exec(node.text);
    if (sub) {
      parents.add(sub[1]!);
      continue;
    }
    const iface = INTERFACE.exec(node.text);
    if (iface && node.children.some((c) => NAT_OUTSIDE.test(c.text))) outsides.add(iface[1]!);
  }
  const only = (set: Set<string>) => (set.size === 1 ? [...set][0] : undefined);
  const inside = only(parents);
  const outside = only(outsides);
  return { ...(inside ? { inside } : {}), ...(outside ? { outside } : {}) };
}
