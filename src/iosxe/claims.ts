/**
 * What a router's owned config takes that no other router may hold at the same time (the fleet
 * check of a deploy, src/deploy/fleet.ts):
 * - the VLAN of each owned sub-interface of INSIDE: a tenant's VLAN is trunked to its Docker hosts,
 *   so two routers with a sub-interface on it are two gateways (one address) on one segment;
 * - the global address of each owned static NAT: the network beyond routes a floating IP to one
 *   router; held by two, its traffic goes to whichever route wins.
 * A sub-interface's name is per device (two routers may both have a GigabitEthernet2.10); what two
 * routers can really share is the VLAN behind it, so a claim names the sub-interface as its holder.
 * Pure: the same scope and rule tables as the plan.
 */
import { compileRules, walkLines } from './line-rules.js';
import { normaliseTree } from './normalise.js';
import type { ScopeOptions } from './options.js';
import { NAT_GLOBAL_RULES } from './rules/nat.js';
import { SUBINTERFACE_VLAN } from './rules/sections.js';
import { scopeConfig } from './scope.js';
import type { ConfigTree } from './types.js';

export type ClaimKind = 'vlan' | 'global';

export interface Claim {
  kind: ClaimKind;
  /** The VLAN number, or the global address. */
  value: string;
  /** The object of the config that holds it: `interface GigabitEthernet2.10`, the NAT line. */
  by: string;
}

const NAT_GLOBALS = compileRules(NAT_GLOBAL_RULES);

/** The claims of the owned part of `tree`, in config order. */
export function claimsOf(tree: ConfigTree, scope: ScopeOptions): Claim[] {
  const claims: Claim[] = [];
  for (const section of scopeConfig(normaliseTree(tree), scope).sections.values()) {
    if (section.kind === 'subinterface') {
      for (const child of section.node.children) {
        const tag = SUBINTERFACE_VLAN.pattern.exec(child.text);
        if (tag) claims.push({ kind: 'vlan', value: String(Number(tag[1])), by: section.node.text });
      }
    } else if (section.kind === 'nat-static') {
      walkLines(section.node, undefined, NAT_GLOBALS, (rule, m, line) => {
        for (const range of rule.ranges(m)) if (range.first === range.last) claims.push({ kind: 'global', value: range.first, by: line.text });
      });
    }
  }
  return claims;
}

/** How a claim reads in a message: `VLAN 10`, `global IP 10.0.1.1`. */
export function describeClaim(claim: Pick<Claim, 'kind' | 'value'>): string {
  return claim.kind === 'vlan' ? `VLAN ${claim.value}` : `global IP ${claim.value}`;
}
