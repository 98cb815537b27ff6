/**
 * The owned subset of a configuration (DESIGN.md, "Ownership"). Everything else is invisible to the
 * plan, except a few facts about it that the plan must not collide with (VLANs, global IPs, VRF users).
 */
import { parseIpv4 } from '../intent/ipv4.js';
import { compileRules, describeLine, walkLines } from './line-rules.js';
import { NAT_GLOBAL_RULES, OUTSIDE_NAT_USERS } from './rules/nat.js';
import { REFERENCE_RULES } from './rules/references.js';
import { LEGACY_VRF, MARKER_LINE, SUBINTERFACE_VLAN, kindOf } from './rules/sections.js';
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

/** A line outside the scope that names an object (rules/references.ts). */
export interface Reference {
  rule: string;
  /** The line, with its parent and running-config line number (for messages). */
  line: string;
}

/** Global addresses NAT outside the scope uses (RouterFacts' shape, plus where). */
export interface NatGlobal {
  first: string;
  last: string;
  /** The NAT line that uses them. */
  line: string;
  /** Where, for messages: the line and its number. */
  at: string;
  /** Its running-config line number (0 when not parsed), to list facts in config order. */
  lineNumber: number;
}

/** What lines outside the scope use, that an owned object must not collide with. */
export interface Surroundings {
  /** `<target> <name>` (e.g. `acl TRANSLATOR-MGMT`) → the lines outside the scope that name it. */
  references: Map<string, Reference[]>;
  /** dot1Q tag on INSIDE → the sub-interface outside the scope that uses it. */
  insideVlans: Map<string, string>;
  natGlobals: NatGlobal[];
  /** Lines outside the scope that still need `ip nat outside` (rules/nat.ts, OUTSIDE_NAT_USERS). */
  outsideNatUsers: string[];
  /** Legacy `ip vrf NAME` → where it is. */
  legacyVrfs: Map<string, string>;
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

const REFERENCES = compileRules(REFERENCE_RULES);
const NAT_GLOBALS = compileRules(NAT_GLOBAL_RULES);
const NAT_USERS = compileRules(OUTSIDE_NAT_USERS);

export function scopeConfig(tree: ConfigTree, options: ScopeOptions): ScopedConfig {
  const adopt = new Set(options.adopt);
  const sections = new Map<string, ScopedSection>();
  const foreign = new Map<string, ForeignSection>();
  const insideVlans = new Map<string, string>();
  /** Owned VRF name → that name as the VRF's own line holds it (NAT lines share it: one string per VRF, not per line). */
  const ownedVrfs = new Map<string, string>();
  /**
   * NAT lines wait until every VRF has been seen: the VRF decides whether they are ours. A line whose VRF
   * is already known as owned (the device prints VRFs first) keeps that VRF's name string instead of its own.
   * One array of would-be sections, not one array per field: each array of 100,000 grows by copies that
   * only a full collection frees (issue 14: peak memory).
   */
  const natLines: ScopedSection[] = [];
  const unowned: ConfigNode[] = [];
  const unownedChildren: { parent: ConfigNode; child: ConfigNode }[] = [];

  for (const node of tree.children) {
    if (node.comment) continue;
    const found = kindOf(node.text, options);
    if (!found) {
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
          if (kind.kind === 'subinterface') noteVlan(node, insideVlans);
        }
        break;
      }
      case 'prefix':
        if (name.startsWith(options.prefix) || adopt.has(name)) sections.set(node.text, { kind: kind.kind, name, node });
        else unowned.push(node);
        break;
      case 'owned-vrf': {
        natLines.push({ kind: kind.kind, name: ownedVrfs.get(name) ?? name, node });
        break;
      }
      case 'owned-children': {
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
  for (const section of natLines) {
    if (ownedVrfs.has(section.name)) sections.set(section.node.text, section);
    else unowned.push(section.node);
  }
  const surroundings = surroundingsOf(unowned, unownedChildren, insideVlans);
  return { sections, foreign, surroundings, unowned, unownedChildren };
}

function isMarked(node: ConfigNode, marker: string): boolean {
  for (const child of node.children) {
    const m = MARKER_LINE.pattern.exec(child.text);
    if (m && m[1]!.startsWith(marker)) return true;
  }
  return false;
}

/** What the lines outside the scope use, by the rule tables (rules/references.ts, rules/nat.ts). */
function surroundingsOf(unowned: readonly ConfigNode[], unownedChildren: readonly { parent: ConfigNode; child: ConfigNode }[], insideVlans: Map<string, string>): Surroundings {
  const s: Surroundings = { references: new Map(), insideVlans, natGlobals: [], outsideNatUsers: [], legacyVrfs: new Map() };
  const visit = (node: ConfigNode, parent: ConfigNode | undefined) => {
    walkLines(node, parent, REFERENCES, (rule, m, line, above) => {
      for (const name of rule.names ? rule.names(m) : [m[1]!]) {
        const key = `${rule.refers} ${name}`;
        const list = s.references.get(key) ?? [];
        list.push({ rule: rule.id, line: describeLine(line, above) });
        s.references.set(key, list);
      }
    });
    walkLines(node, parent, NAT_GLOBALS, (rule, m, line, above) => {
      for (const range of rule.ranges(m)) s.natGlobals.push({ ...range, line: line.text, at: describeLine(line, above), lineNumber: line.line ?? 0 });
    });
    walkLines(
      node,
      parent,
      NAT_USERS,
      (rule, _m, line, above) => {
        if (rule.needsOutside) s.outsideNatUsers.push(describeLine(line, above));
      },
      true,
    );
    if (parent === undefined) {
      const legacy = LEGACY_VRF.pattern.exec(node.text);
      if (legacy) s.legacyVrfs.set(legacy[1]!, describeLine(node, undefined));
    }
  };
  for (const node of unowned) visit(node, undefined);
  for (const { parent, child } of unownedChildren) visit(child, parent);
  return s;
}

function noteVlan(node: ConfigNode, insideVlans: Map<string, string>): void {
  for (const child of node.children) {
    const tag = SUBINTERFACE_VLAN.pattern.exec(child.text);
    if (tag) insideVlans.set(tag[1]!, node.text.slice('interface '.length));
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

/** Single addresses and ranges of `natGlobals`, indexed once per scoped config. */
const natIndexes = new WeakMap<Surroundings, { singles: Map<number, NatGlobal>; ranges: { first: number; last: number; global: NatGlobal }[] }>();

/** The NAT line outside the scope that uses `address` as a global address, if any. */
export function findNatGlobal(s: Surroundings, address: string): NatGlobal | undefined {
  let index = natIndexes.get(s);
  if (!index) {
    index = { singles: new Map(), ranges: [] };
    for (const global of s.natGlobals) {
      const first = parseIpv4(global.first);
      const last = parseIpv4(global.last);
      if (first === null || last === null) continue;
      if (first === last) index.singles.set(first, global);
      else index.ranges.push({ first, last, global });
    }
    natIndexes.set(s, index);
  }
  const value = parseIpv4(address);
  if (value === null) return undefined;
  return index.singles.get(value) ?? index.ranges.find((r) => r.first <= value && value <= r.last)?.global;
}
