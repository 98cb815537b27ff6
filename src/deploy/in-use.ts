/**
 * IOS asks before removing a NAT mapping with live translations (IOSXE.md side effects). The
 * answer is a policy the user picks; README "Deploy" states each one's traffic impact.
 */
import type { ConfigCommand, QuestionPolicy } from '../device/index.js';

export type InUsePolicy = 'clear' | 'yes' | 'fail';

/** The device's in-use questions (static and dynamic mappings). */
const IN_USE_QUESTION = /in use, do you want to delete (child|all) entries\?/i;

/**
 * `clear` first empties the NAT translation table (OpenStack's ASR1k driver did the same before
 * removing NAT: `do clear ip nat translation forced`), so the removals find nothing in use.
 */
export const CLEAR_TRANSLATIONS: ConfigCommand = { line: 'do clear ip nat translation forced', mayAsk: true };

export function inUseAnswer(policy: InUsePolicy): QuestionPolicy {
  return (question) => {
    if (!IN_USE_QUESTION.test(question.text)) return 'decline';
    // clear: a flow that started after the table was cleared is dropped like the others were.
    return policy === 'fail' ? 'decline' : 'accept';
  };
}

export function isInUseQuestion(text: string): boolean {
  return IN_USE_QUESTION.test(text);
}

/** What to tell the user when a line failed because the mapping was in use and the policy said no. */
export const IN_USE_ADVICE =
  'the NAT mapping has live translations and --in-use=fail (the default) declines to drop them. ' +
  'Retry when the traffic has drained, or choose --in-use=yes (drops only the translations of the mappings being removed) ' +
  'or --in-use=clear (clears the whole NAT translation table first: every live NAT flow on the router is dropped)';
