/**
 * IOS asks before removing a NAT mapping with live translations (IOSXE.md side effects). The
 * answer is a policy the user picks; docs/deploying.md ("--in-use") states each one's traffic impact. The lines
 * that may ask carry their question rule id from the plan (iosxe/rules/questions.ts); the policy
 * switches on that id, and checks the device's words only against that rule's own prompt variants.
 */
import type { ConfigCommand, LineResult, QuestionPolicy } from '../device/index.js';
import { asksAsExpected, CLEAR_NAT_TRANSLATIONS, questionRule, refusedAsExpected, type QuestionRuleId } from '../iosxe/rules/questions.js';

export type InUsePolicy = 'clear' | 'yes' | 'fail';

/** The question rules this policy answers: NAT mappings that live translations still use. */
const IN_USE_RULES: ReadonlySet<QuestionRuleId> = new Set(['nat-static-in-use', 'nat-dynamic-in-use']);

function inUseRule(id: string | undefined): QuestionRuleId | undefined {
  const rule = questionRule(id);
  return rule && IN_USE_RULES.has(rule.id) ? rule.id : undefined;
}

/**
 * `clear` first empties the NAT translation table (the rules table names the command and why),
 * so the removals find nothing in use. It is sent alone, like any line that may ask.
 */
export const CLEAR_TRANSLATIONS: ConfigCommand = { line: CLEAR_NAT_TRANSLATIONS.line };

/** Whether the plan's lines need the `clear` policy's first line (some line may ask the in-use question). */
export function needsClear(lines: readonly ConfigCommand[]): boolean {
  return lines.some((line) => inUseRule(line.question) !== undefined);
}

/**
 * Accepts an in-use question when the policy allows it. Any other question, or a question whose
 * text is not the one its rule expects (the device asked something else), is declined.
 */
export function inUseAnswer(policy: InUsePolicy): QuestionPolicy {
  return (question) => {
    const rule = inUseRule(question.rule);
    if (!rule || !asksAsExpected(rule, question.text)) return 'decline';
    // clear: a flow that started after the table was cleared is dropped like the others were.
    return policy === 'fail' ? 'decline' : 'accept';
  };
}

/** A line that failed because its NAT mapping was in use: it asked its in-use question, or the device refused it as in use. */
export function failedInUse(line: Pick<LineResult, 'status' | 'rule' | 'question' | 'messages'>): boolean {
  const rule = inUseRule(line.rule);
  if (!rule || line.status !== 'error') return false;
  return (line.question !== undefined && asksAsExpected(rule, line.question.text)) || refusedAsExpected(rule, line.messages);
}

/** What to tell the user when a line failed because the mapping was in use and the policy said no. */
export const IN_USE_ADVICE =
  'the NAT mapping has live translations and --in-use=fail (the default) declines to drop them. ' +
  'Retry when the traffic has drained, or choose --in-use=yes (drops only the translations of the mappings being removed) ' +
  'or --in-use=clear (clears the whole NAT translation table first: every live NAT flow on the router is dropped)';
