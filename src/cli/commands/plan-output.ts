/** A plan as the user asked to see it, for the offline (plan.ts) and the online form (plan-online.ts). */
import { formatText } from '../../iosxe/format/text.js';
import type { Plan, ScopeOptions } from '../../iosxe/index.js';
import type { planDocument } from '../../documents/plan.js';
import { printDocument } from '../format.js';
import type { PlanFormat } from '../plan-options.js';

/** Printed between Markdown parts, each small enough for one pull-request comment. */
export const MARKDOWN_PART_BREAK = '<!-- translator: part break -->';

/**
 * A plan as text, diff or Markdown; an empty text or diff plan says so (`nothing`) instead of
 * printing nothing. Only text, the default, is loaded with the command.
 */
export async function planText(format: Exclude<PlanFormat, 'json'>, result: Plan, scope: ScopeOptions, nothing: string): Promise<string> {
  switch (format) {
    case 'text':
      return result.commands.length === 0 ? `${nothing}\n${formatText(result)}` : formatText(result);
    case 'diff': {
      const { formatDiff } = await import('../../iosxe/format/diff.js');
      return formatDiff(result, scope) || `${nothing}\n`;
    }
    case 'markdown': {
      const { formatMarkdown } = await import('../../iosxe/format/markdown.js');
      return formatMarkdown(result, scope).join(`\n${MARKDOWN_PART_BREAK}\n`);
    }
  }
}

/** --format json: the plan document (documents/plan.ts), loaded only then. */
export async function printPlanDocument(views: Parameters<typeof planDocument>[0]): Promise<void> {
  const { planDocument } = await import('../../documents/plan.js');
  printDocument(planDocument(views));
}
