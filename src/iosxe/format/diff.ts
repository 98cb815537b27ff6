/** Unified diff of the owned running-config against the intent (both in the device's print order). */
import { diff } from '../../lazy.js';
import { canonicalTree } from '../canonical.js';
import type { ScopeOptions } from '../options.js';
import type { Plan } from '../plan.js';
import { printConfig } from '../print.js';

export function formatDiff(plan: Plan, options: ScopeOptions, names = { running: 'running (owned part)', intended: 'intended' }): string {
  const before = printConfig(canonicalTree(plan.current, options));
  const after = printConfig(canonicalTree(plan.predicted, options));
  if (before === after) return '';
  return diff().createTwoFilesPatch(names.running, names.intended, before, after, undefined, undefined, { context: 3 });
}
