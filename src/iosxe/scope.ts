/**
 * The owned subset of a configuration (DESIGN.md, "Ownership"). Everything else is invisible to the
 * plan, except a few facts about it that the plan must not collide with (VLANs, global IPs, VRF users).
 */
import { MARKER_LINE, kindOf } from './rules/sections.js';
import type { SectionKindName } from './rules/sections.js';
import type { ScopeOptions } from './options.js';
import type { ConfigNode, ConfigTree } from './types.js';

export interface ScopedSection {
  kind: SectionKindName;
  /** The object's name (VRF, interface, ACL, route-map) or, for NAT lines, the VRF they belong to. */
  name: string;
  /** For `owned-children` kinds, a copy holding only the owned children. */
  node: ConfigNode;
  /** Taken over by --adopt: not marked (yet). */
  adopted?: true;
}

/** An object of an owned kind that is not ours (no marker, not adopted). */
export interface ForeignSection {
  kind: SectionKindName;
  name: string;
  line?: number;
}

/** What lines outside the scope use, that an owned object must not collide with. */
export interface Surroundings {
  /** VRF name → interfaces outside the scope that forward in it. */
  vrfUsers: Map<string, string[]>;
  /** dot1Q tag on INSIDE → the sub-interface outside the scope that uses it. */
  insideVlans: Map<string, string>;
  /** Global address → the static NAT line outside the scope that maps it. */
  staticGlobals: Map<string, string>;
}

export interface ScopedConfig {
  /** Owned top-level objects, keyed by their first line, in config order. */
  sections: Map<string, ScopedSection>;
  foreign: Map<string, ForeignSection>;
  surroundings: Surroundings;
  /** Top-level lines outside the scope, and lines outside it under partly owned objects. */
  unowned: ConfigNode[];
  unownedChildren: { parent: ConfigNode; child: ConfigNode }[];
}

const VRF_FORWARDING = /^(?:ip )?vrf forwarding (\S+)$/;
const DOT1Q = /^encapsulation dot1Q (\d+)/;
const STATIC_PREFIX = 'ip nat inside source static ';
const STATIC_GLOBAL = /^ip nat inside source static (?:(?:tcp|udp) )?(\S+) (\S+)/;

export function scopeConfig(tree: ConfigTree, options: ScopeOptions): ScopedConfig {
  const adopt = new Set(options.adopt);
  const sections = new Map<string, ScopedSection>();
  const foreign = new Map<string, ForeignSection>();
  const surroundings: Surroundings = { vrfUsers: new Map(), insideVlans: new Map(), staticGlobals: new Map() };
  /** Owned VRF name → that name as the VRF's own line holds it (NAT lines share it: one string per VRF, not per line). */
  const ownedVrfs = new Map<string, string>();
  /**
   * NAT lines wait until every VRF has been seen: the VRF decides whether they are ours. A line whose VRF
   * is already known as owned (the device prints VRFs first) keeps that VRF's name string instead of its own.
   */
  const natNodes: ConfigNode[] = [];
  const natKinds: SectionKindName[] = [];
  const natVrfs: string[] = [];
  const natOwned: boolean[] = [];
  const unowned: ConfigNode[] = [];
  const unownedChildren: { parent: ConfigNode; child: ConfigNode }[] = [];

  for (const node of tree.children) {
    if (node.comment) continue;
    const found = kindOf(node.text, options);
    if (!found) {
      noteSurroundings(node, surroundings);
      unowned.push(node);
      continue;
    }
    const { kind, name } = found;
    switch (kind.ownership) {
      case 'marker': {
        const marked = isMarked(node, options.marker);
        if (marked || adopt.has(name)) {
          sections.set(node.text, marked ? { kind: kind.kind, name, node } : { kind: kind.kind, name, node, adopted: true });
          if (kind.kind === 'vrf') ownedVrfs.set(name, name);
        } else {
          foreign.set(node.text, { kind: kind.kind, name, ...(node.line ? { line: node.line } : {}) });
          unowned.push(node);
          noteSurroundings(node, surroundings);
          if (kind.kind === 'subinterface') noteVlan(node, surroundings);
        }
        break;
      }
      case 'prefix':
        if (name.startsWith(options.prefix) || adopt.has(name)) sections.set(node.text, { kind: kind.kind, name, node });
        else unowned.push(node);
        break;
      case 'owned-vrf': {
        const vrf = ownedVrfs.get(name);
        natNodes.push(node);
        natKinds.push(kind.kind);
        natVrfs.push(vrf ?? name);
        natOwned.push(vrf !== undefined);
        break;
      }
      case 'owned-children': {
        noteSurroundings(node, surroundings);
        const owned: ConfigNode[] = [];
        for (const child of node.children) {
          if (kind.ownedChildren!.test(child.text)) owned.push(child);
          else unownedChildren.push({ parent: node, child });
        }
        if (node.children.length === 0) unowned.push(node);
        if (owned.length > 0) sections.set(node.text, { kind: kind.kind, name, node: { text: node.text, children: owned } });
        break;
      }
    }
  }
  for (let i = 0; i < natNodes.length; i++) {
    const node = natNodes[i]!;
    const vrf = natOwned[i] ? natVrfs[i]! : ownedVrfs.get(natVrfs[i]!);
    if (vrf !== undefined) sections.set(node.text, { kind: natKinds[i]!, name: vrf, node });
    else {
      noteSurroundings(node, surroundings);
      unowned.push(node);
    }
  }
  return { sections, foreign, surroundings, unowned, unownedChildren };
}

export function isMarked(node: ConfigNode, marker: string): boolean {
  for (const child of node.children) {
    const m = MARKER_LINE.pattern.exec(child.text);
    if (m && m[1]!.startsWith(marker)) return true;
  }
  return false;
}

function noteSurroundings(node: ConfigNode, s: Surroundings): void {
  if (node.text.startsWith('interface ')) {
    for (const child of node.children) {
      const vrf = VRF_FORWARDING.exec(child.text);
      if (vrf) {
        const users = s.vrfUsers.get(vrf[1]!) ?? [];
        users.push(node.text.slice('interface '.length));
        s.vrfUsers.set(vrf[1]!, users);
      }
    }
    return;
  }
  const nat = node.text.startsWith(STATIC_PREFIX) ? STATIC_GLOBAL.exec(node.text) : null;
  if (nat) s.staticGlobals.set(nat[2]!, node.text);
}

function noteVlan(node: ConfigNode, s: Surroundings): void {
  for (const child of node.children) {
    const tag = DOT1Q.exec(child.text);
    if (tag) s.insideVlans.set(tag[1]!, node.text.slice('interface '.length));
  }
}

/** Lines of an intended file that the scope would not own: the intent may only hold owned objects. */
export function outOfScope(scoped: ScopedConfig, options: ScopeOptions): string[] {
  const at = (node: ConfigNode) => (node.line ? `line ${node.line}: ` : '');
  const problems: string[] = [];
  for (const node of scoped.unowned) {
    const found = kindOf(node.text, options);
    const why =
      found?.kind.ownership === 'marker'
        ? `it has no description starting with "${options.marker}"`
        : found?.kind.ownership === 'prefix'
          ? `its name does not start with "${options.prefix}"`
          : found?.kind.ownership === 'owned-vrf'
            ? `VRF "${found.name}" is not an owned VRF of the intent`
            : 'it is not an object this tool manages';
    problems.push(`${at(node)}"${node.text}" is outside the managed scope: ${why}`);
  }
  for (const { parent, child } of scoped.unownedChildren) {
    problems.push(`${at(child)}"${parent.text}" / "${child.text}" is outside the managed scope`);
  }
  return problems.sort((a, b) => lineOf(a) - lineOf(b));
}

function lineOf(problem: string): number {
  return Number(/^line (\d+):/.exec(problem)?.[1] ?? 0);
}
