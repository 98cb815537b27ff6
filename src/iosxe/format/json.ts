/** The plan as JSON: everything a driver or a reviewer needs, with the exact lines to type. */
import { cliLines } from '../commands.js';
import { canonicalTree } from '../canonical.js';
import type { ScopeOptions } from '../options.js';
import type { Plan } from '../plan.js';
import { printConfig } from '../print.js';

export function planJson(plan: Plan, options: ScopeOptions) {
  return {
    summary: plan.summary,
    changes: plan.changes,
    commands: plan.commands,
    lines: cliLines(plan.commands),
    questions: plan.questions,
    skipped: plan.skipped,
    rollback: plan.rollback,
    rollbackLines: cliLines(plan.rollback),
    predicted: printConfig(canonicalTree(plan.predicted, options)),
  };
}
