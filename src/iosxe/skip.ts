/**
 * Applies rules/skips.ts to a key diff: objects that must stay as the router has them are taken out of
 * the diff (an intended object not on the router is left out; one on it keeps its running form; a
 * removal is not made), and each is reported.
 *
 * A tenant goes as a whole: its objects are found by the VRF name they reference, not by kind. The
 * tenant of VRF V is the VRF itself, every intended object that names V (sub-interface by `vrf
 * forwarding`, NAT lines by `vrf V`), and then, repeatedly, every object whose every intended referrer
 * is already in the tenant (its PAT ACL; the egress route-map or the outside interface's `ip nat
 * outside` when no other tenant uses them). References are read by rules/references.ts, the same
 * table that protects objects named by config that is not ours.
 */
import type { KeyDiff } from './key-diff.js';
import { compileRules, walkLines } from './line-rules.js';
import type { ScopeOptions } from './options.js';
import { printNode } from './print.js';
import { REFERENCE_RULES, TARGET_OF_KIND } from './rules/references.js';
import type { SectionKindName } from './rules/sections.js';
import { SKIP_RULES } from './rules/skips.js';
import type { SkipRule } from './rules/skips.js';
import type { ScopedConfig, ScopedSection } from './scope.js';

/** A change the plan leaves out, and why (Plan.skipped). */
export interface SkippedLine {
  /** The object's first line (intended for `add`, running for `remove`). */
  line: string;
  kind: SectionKindName;
  /** The object's name (for NAT lines: their VRF). */
  object: string;
  /** `add`: the intended object is not created (or not changed); `remove`: the running object is kept. */
  change: 'add' | 'remove';
  /** The rule of rules/skips.ts (stable id, for JSON and metrics). */
  rule: string;
  /** A sentence for a person, naming the line in the way. */
  reason: string;
}

export interface SkipResult {
  keys: KeyDiff;
  skipped: SkippedLine[];
  /** Keys whose object is as the router has it after the plan: its running form, or (undefined) absent. */
  asRunning: Map<string, ScopedSection | undefined>;
}

const REFERENCES = compileRules(REFERENCE_RULES);
const ADD_RULES = SKIP_RULES.filter((rule) => rule.change === 'add');
const REMOVE_RULES = SKIP_RULES.filter((rule) => rule.change === 'remove');

export function applySkips(keys: KeyDiff, intended: ReadonlyMap<string, ScopedSection>, running: ScopedConfig, options: ScopeOptions): SkipResult {
  const skipped: SkippedLine[] = [];
  const asRunning = new Map<string, ScopedSection | undefined>();
  const reasons = new Map<string, { rule: SkipRule; reason: string }>();
  const tenants: { vrf: string; rule: SkipRule; reason: string }[] = [];

  for (const [key, section] of keys.added) {
    const hit = firstHit(ADD_RULES, key, section, running, options);
    if (!hit) continue;
    if (hit.rule.tenant) tenants.push({ vrf: section.name, ...hit });
    else reasons.set(key, hit);
  }
  for (const tenant of tenants) {
    for (const key of tenantOf(tenant.vrf, intended)) if (!reasons.has(key)) reasons.set(key, tenant);
  }

  const removed = keys.removed.filter(([key, section]) => {
    const hit = firstHit(REMOVE_RULES, key, section, running, options);
    if (!hit) return true;
    asRunning.set(key, section);
    skipped.push(report(key, section, 'remove', hit));
    return false;
  });
  if (reasons.size === 0) return { keys: { ...keys, removed }, skipped, asRunning };

  const added = keys.added.filter(([key, section]) => {
    const hit = reasons.get(key);
    if (!hit) return true;
    asRunning.set(key, undefined);
    skipped.push(report(key, section, 'add', hit));
    return false;
  });
  const common = keys.common.map((entry): KeyDiff['common'][number] => {
    const [key, from, to] = entry;
    const hit = reasons.get(key);
    if (!hit) return entry;
    asRunning.set(key, from);
    if (printed(from) !== printed(to)) skipped.push(report(key, to, 'add', hit));
    return [key, from, from];
  });
  return { keys: { added, removed, common }, skipped, asRunning };
}

function firstHit(rules: readonly SkipRule[], key: string, section: ScopedSection, running: ScopedConfig, options: ScopeOptions) {
  for (const rule of rules) {
    if (!rule.kinds.includes(section.kind)) continue;
    const reason = rule.check(key, section, running, options);
    if (reason) return { rule, reason };
  }
  return undefined;
}

function report(key: string, section: ScopedSection, change: SkippedLine['change'], hit: { rule: SkipRule; reason: string }): SkippedLine {
  return { line: key, kind: section.kind, object: section.name, change, rule: hit.rule.id, reason: hit.reason };
}

function printed(section: ScopedSection): string {
  const out: string[] = [];
  printNode(section.node, 0, out);
  return out.join('\n');
}

/** Keys of the intended objects that belong to the tenant of VRF `vrf` (see the file comment). */
function tenantOf(vrf: string, intended: ReadonlyMap<string, ScopedSection>): Set<string> {
  const names = new Map<string, string[]>(); // target name → keys of the objects it names
  const referrers = new Map<string, Set<string>>(); // target name → keys of the objects naming it
  const targets = new Map<string, Set<string>>(); // key → target names it names
  intended.forEach((section, key) => {
    const target = TARGET_OF_KIND.get(section.kind);
    if (target) names.set(`${target} ${section.name}`, [...(names.get(`${target} ${section.name}`) ?? []), key]);
    const named = new Set<string>();
    walkLines(section.node, undefined, REFERENCES, (rule, m) => {
      for (const name of rule.names ? rule.names(m) : [m[1]!]) named.add(`${rule.refers} ${name}`);
    });
    targets.set(key, named);
    for (const name of named) referrers.set(name, (referrers.get(name) ?? new Set()).add(key));
  });

  const tenant = new Set<string>(names.get(`vrf ${vrf}`) ?? []);
  for (const key of referrers.get(`vrf ${vrf}`) ?? []) tenant.add(key);
  for (let grew = true; grew; ) {
    grew = false;
    for (const key of [...tenant]) {
      for (const name of targets.get(key) ?? []) {
        if (![...referrers.get(name)!].every((k) => tenant.has(k))) continue;
        for (const owner of names.get(name) ?? []) {
          if (tenant.has(owner)) continue;
          tenant.add(owner);
          grew = true;
        }
      }
    }
  }
  return tenant;
}
