/** The plan as the lines typed in config mode. */
import { cliLines } from '../commands.js';
import type { Plan } from '../plan.js';

export function formatText(plan: Plan): string {
  const lines = cliLines(plan.commands);
  return lines.length ? lines.join('\n') + '\n' : '';
}
