/** The plan as the lines typed in config mode, and what it leaves out as `!` comment lines. */
import { cliLines } from '../commands.js';
import type { Plan } from '../plan.js';

export function formatText(plan: Plan): string {
  const lines = cliLines(plan.commands);
  return lines.length ? lines.join('\n') + '\n' : '';
}

/**
 * `plan.skipped`, two comment lines each (the object, then why): for warnings next to the commands.
 * Comments, so that the text stays safe to paste into a router.
 */
export function formatSkipped(plan: Pick<Plan, 'skipped'>): string {
  return plan.skipped.map((s) => `! skipped (${s.rule}, ${s.change}): ${s.line}\n!   ${s.reason}\n`).join('');
}
