/**
 * plan(running, intended): the ordered IOS XE commands that bring the owned part of a router to the
 * intent, the commands that undo them, and the owned config predicted afterwards. Pure.
 */
import type { Command } from './commands.js';
import { factsOf } from './facts.js';
import type { RouterFacts } from './facts-types.js';
import { createCommands, diffChildren } from './diff-children.js';
import { diffKeys } from './key-diff.js';
import type { KeyDiff } from './key-diff.js';
import { normaliseTree } from './normalise.js';
import type { ScopeOptions } from './options.js';
import { unprintableOwned, unprintableText } from './printable.js';
import { CHANGE_CHECKS, CONFLICT_CHECKS } from './rules/conflicts.js';
import type { ConflictCheck } from './rules/conflicts.js';
import { STEPS } from './rules/order.js';
import { questionRule, questionRuleFor } from './rules/questions.js';
import type { QuestionRuleId } from './rules/questions.js';
import { KINDS, SECTION_KINDS } from './rules/sections.js';
import type { SectionKindName } from './rules/sections.js';
import { outOfScope, scopeConfig } from './scope.js';
import type { ScopedConfig, ScopedSection } from './scope.js';
import { applySkips } from './skip.js';
import type { SkippedLine } from './skip.js';
import type { ConfigNode, ConfigTree } from './types.js';

export interface ObjectChange {
  kind: SectionKindName;
  name: string;
  /** The object's first line. */
  line: string;
  action: 'add' | 'change' | 'remove';
}

export interface ExpectedQuestion {
  /** Index in `commands`. */
  command: number;
  id: QuestionRuleId;
  /** The question as devices print it (each spelling seen). */
  prompts: readonly string[];
  reason: string;
  source: string;
}

export type Counts = { add: number; change: number; remove: number };

export interface PlanSummary extends Counts {
  commands: number;
  byKind: Partial<Record<SectionKindName, Counts>>;
}

export type { SkippedLine } from './skip.js';

export interface Plan {
  commands: Command[];
  rollback: Command[];
  /** The owned config as it will be once `commands` are applied (skipped objects as the router holds them). */
  predicted: ConfigTree;
  /** The owned config as it is now (for diffs, and the scoped backup: it shows a hand-made `ip nat outside`). */
  current: ConfigTree;
  questions: ExpectedQuestion[];
  changes: ObjectChange[];
  summary: PlanSummary;
  /**
   * Changes the plan leaves out instead of refusing, each with a sentence saying why (rules/skips.ts):
   * a floating IP whose global address NAT that is not ours uses (`global-ip-in-use`), a whole tenant
   * whose VRF name a legacy `ip vrf` holds (`legacy-vrf`, one entry per object of the tenant), a
   * `ip nat outside` kept on the outside interface (`outside-nat-kept`, change `remove`). The rest of
   * the plan goes ahead; `predicted` already excludes them, so re-planning after the push is empty.
   * Deploy shows them as warnings; an empty `commands` with entries here is still "nothing to do".
   */
  skipped: SkippedLine[];
  /** What the running-config holds outside translator's objects that an intent must not collide with (deploy keeps it with the backup). */
  facts: RouterFacts;
}

/** Names of the two inputs, for messages (e.g. `routers/edge1/intended.cfg`). */
export interface PlanLabels {
  /** Default `intended config`. */
  intended?: string;
  /** Default `running-config`. */
  running?: string;
}

/** Problems listed in a refusal's message (all of them stay in `problems`). */
const LISTED_PROBLEMS = 50;

/** The plan cannot be made: the intent holds foreign lines, or collides with objects that are not ours. */
export class PlanRefused extends Error {
  constructor(readonly problems: string[]) {
    const listed = problems.slice(0, LISTED_PROBLEMS).map((p) => `  - ${p}`);
    if (problems.length > LISTED_PROBLEMS) listed.push(`  … and ${problems.length - LISTED_PROBLEMS} more`);
    super(`plan refused:\n${listed.join('\n')}`);
    this.name = 'PlanRefused';
  }
}

export function plan(running: ConfigTree, intended: ConfigTree, options: ScopeOptions, labels: PlanLabels = {}): Plan {
  const problems = unprintableText(intended, labels.intended ?? 'intended config');
  if (problems.length > 0) throw new PlanRefused(problems);
  const from = scopeConfig(normaliseTree(running), options);
  const to = scopeConfig(normaliseTree(intended), { ...options, adopt: [] });
  problems.push(...outOfScope(to, options), ...unprintableOwned(from.sections, labels.running ?? 'running-config', running.source));
  if (problems.length > 0) throw new PlanRefused(problems);
  const { keys, skipped, asRunning } = applySkips(diffKeys(from.sections, to.sections), to.sections, from, options);
  problems.push(...conflicts(keys, from, options));
  if (problems.length > 0) throw new PlanRefused(problems);

  const forward = planKeys(keys);
  problems.push(...changeConflicts(forward.changes, from, options));
  if (problems.length > 0) throw new PlanRefused(problems);
  const back = planKeys(invert(keys, forward.changed));
  return {
    commands: forward.commands,
    rollback: back.commands,
    predicted: predictedTree(to.sections, forward.changed, asRunning),
    current: treeOf(from.sections),
    facts: factsOf(from),
    questions: questionsOf(forward.commands),
    changes: forward.changes,
    summary: summarise(forward.changes, forward.commands.length),
    skipped,
  };
}

/** The key diff of the way back: from the predicted objects (the intent, as the device will hold it) to the original ones. */
function invert(keys: KeyDiff, changed: ReadonlyMap<string, ScopedSection>): KeyDiff {
  return {
    added: keys.removed,
    removed: keys.added,
    common: keys.common.map(([key, from, to]) => [key, changed.get(key) ?? to, from]),
  };
}

function conflicts(keys: KeyDiff, running: ScopedConfig, options: ScopeOptions): string[] {
  const problems: string[] = [];
  const check = (rules: readonly ConflictCheck[], key: string, section: ScopedSection) => {
    for (const rule of rules) {
      if (!rule.kinds.includes(section.kind)) continue;
      const problem = rule.check(key, section, running, options);
      if (problem) problems.push(problem);
    }
  };
  for (const [key, section] of keys.added) check(CONFLICT_CHECKS, key, section);
  for (const [key, , section] of keys.common) check(CONFLICT_CHECKS, key, section);
  return problems;
}

/** Problems with what the plan really changes or removes (rules/conflicts.ts, CHANGE_CHECKS). */
function changeConflicts(changes: readonly ObjectChange[], running: ScopedConfig, options: ScopeOptions): string[] {
  const problems: string[] = [];
  for (const change of changes) {
    for (const rule of CHANGE_CHECKS) {
      if (!rule.kinds.includes(change.kind)) continue;
      const problem = rule.check(change, running, options);
      if (problem) problems.push(problem);
    }
  }
  return problems;
}

export interface ScopedPlan {
  commands: Command[];
  /** Objects on both sides that changed, as the device holds them after the commands (side effects included). */
  changed: Map<string, ScopedSection>;
  changes: ObjectChange[];
}

type Update = [key: string, section: ScopedSection, old: ScopedSection | undefined];

/** Commands from one owned set of objects to another (as `scopeConfig(…).sections`), no checks. */
export function planScoped(from: ReadonlyMap<string, ScopedSection>, to: ReadonlyMap<string, ScopedSection>): ScopedPlan {
  return planKeys(diffKeys(from, to));
}

/** Commands from one owned set of objects to another (given as their key diff), in the order of rules/order.ts. */
function planKeys(keys: KeyDiff): ScopedPlan {
  const removed = byKind(keys.removed);
  const updated = byKind<Update>([...keys.added.map(([key, section]): Update => [key, section, undefined]), ...keys.common.map(([key, old, section]): Update => [key, section, old])]);
  const changed = new Map<string, ScopedSection>();
  const commands: Command[] = [];
  const changes: ObjectChange[] = [];

  for (const step of STEPS) {
    for (const kindName of step.kinds) {
      const kind = KINDS.get(kindName)!;
      const partOnly = kind.ownership === 'owned-children';
      if (step.action === 'remove') {
        for (const [key, section] of removed.get(kindName)!) {
          const target = { kind: kindName, object: section.name };
          if (partOnly) commands.push(...diffChildren(target, [key], section.node.children, []).early);
          else commands.push({ context: [], line: `no ${key}`, action: 'remove', ...target });
          changes.push({ kind: kindName, name: section.name, line: key, action: 'remove' });
        }
        continue;
      }
      // Every object's early lines (removals, VRF moves) go before any object's other lines.
      const late: Command[] = [];
      for (const [key, section, old] of updated.get(kindName)!) {
        const target = { kind: kindName, object: section.name };
        if (!old) {
          if (partOnly) {
            const diff = diffChildren(target, [key], [], section.node.children);
            late.push(...diff.early, ...diff.late);
          } else late.push(...createCommands(target, [], section.node));
          changes.push({ kind: kindName, name: section.name, line: key, action: 'add' });
          continue;
        }
        const diff = diffChildren(target, [key], old.node.children, section.node.children);
        if (diff.early.length + diff.late.length === 0) continue;
        commands.push(...diff.early);
        late.push(...diff.late);
        changed.set(key, { ...section, node: { ...section.node, children: diff.children } });
        changes.push({ kind: kindName, name: section.name, line: key, action: 'change' });
      }
      commands.push(...late);
    }
  }
  for (const command of commands) {
    if (command.context.length > 0) continue;
    const rule = questionRuleFor(command.line);
    if (rule) command.question = rule.id;
  }
  return { commands, changed, changes };
}

function byKind<T extends [string, ScopedSection, ...unknown[]]>(entries: readonly T[]): Map<SectionKindName, T[]> {
  const out = new Map<SectionKindName, T[]>();
  for (const kind of SECTION_KINDS) out.set(kind.kind, []);
  for (const entry of entries) out.get(entry[1].kind)!.push(entry);
  return out;
}

/** The objects' nodes in order. */
function treeOf(sections: ReadonlyMap<string, ScopedSection>): ConfigTree {
  const children: ConfigNode[] = [];
  sections.forEach((section) => children.push(section.node));
  return { children };
}

/**
 * The intended objects as the device will hold them: changed ones with the device's side effects, and
 * skipped ones as the router has them (absent when it has none; kept ones appended).
 */
function predictedTree(intended: ReadonlyMap<string, ScopedSection>, changed: ReadonlyMap<string, ScopedSection>, asRunning: ReadonlyMap<string, ScopedSection | undefined>): ConfigTree {
  const children: ConfigNode[] = [];
  intended.forEach((section, key) => {
    if (!asRunning.has(key)) children.push((changed.get(key) ?? section).node);
  });
  asRunning.forEach((section) => {
    if (section) children.push(section.node);
  });
  return { children };
}

function questionsOf(commands: readonly Command[]): ExpectedQuestion[] {
  const out: ExpectedQuestion[] = [];
  commands.forEach((command, index) => {
    const rule = questionRule(command.question);
    if (rule) out.push({ command: index, id: rule.id, prompts: rule.prompts, reason: rule.reason, source: rule.source });
  });
  return out;
}

function summarise(changes: readonly ObjectChange[], commands: number): PlanSummary {
  const summary: PlanSummary = { add: 0, change: 0, remove: 0, commands, byKind: {} };
  for (const change of changes) {
    summary[change.action]++;
    const counts = (summary.byKind[change.kind] ??= { add: 0, change: 0, remove: 0 });
    counts[change.action]++;
  }
  return summary;
}
