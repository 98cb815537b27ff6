/**
 * routerFacts(running, options): what a router holds outside translator's objects that an intent must
 * not collide with (facts-types.ts). Pure: the same scope and rule tables as the plan, so intent rejects
 * exactly what the plan would otherwise leave out.
 */
import type { RouterFacts } from './facts-types.js';
import { normaliseTree } from './normalise.js';
import type { ScopeOptions } from './options.js';
import { INTERFACE_ADDRESS } from './rules/sections.js';
import { scopeConfig, type ScopedConfig } from './scope.js';
import type { ConfigNode, ConfigTree } from './types.js';

export function routerFacts(running: ConfigTree, options: ScopeOptions): RouterFacts {
  return factsOf(scopeConfig(normaliseTree(running), options));
}

/** The facts of a running-config already scoped (a plan has scoped it: no second walk of a large config). */
export function factsOf(scoped: ScopedConfig): RouterFacts {
  const addresses: { address: string; interface: string; lineNumber: number }[] = [];
  const note = (iface: ConfigNode, child: ConfigNode) => {
    const name = INTERFACE_ADDRESS.parent.exec(iface.text)?.[1];
    const address = name ? INTERFACE_ADDRESS.pattern.exec(child.text)?.[1] : undefined;
    if (address) addresses.push({ address, interface: name!, lineNumber: child.line ?? 0 });
  };
  for (const node of scoped.unowned) for (const child of node.children) note(node, child);
  for (const { parent, child } of scoped.unownedChildren) note(parent, child);
  // In config order: the same running-config gives the same facts, byte for byte.
  const inOrder = <T extends { lineNumber: number }>(items: T[]) => [...items].sort((a, b) => a.lineNumber - b.lineNumber);
  return {
    interfaceAddresses: inOrder(addresses).map(({ address, interface: name }) => ({ address, interface: name })),
    unownedNatGlobals: inOrder(scoped.surroundings.natGlobals).map(({ first, last, line }) => ({ first, last, line })),
    legacyVrfs: [...scoped.surroundings.legacyVrfs.keys()],
  };
}
