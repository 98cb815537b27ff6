/**
 * Commands after which IOS XE may ask a question instead of returning to the prompt, and what it
 * asks, as data. A plan command carries the id of its rule (commands.ts); the id travels with the
 * line to the device driver (which then sends the line alone) and to the deploy's answer policy
 * (deploy/in-use.ts), which switches on it. The driver knows only the shapes of questions
 * (`[no]:`, `[confirm]`, …); which command asks what is known here, once.
 */

export type QuestionRuleId = 'nat-static-in-use' | 'nat-dynamic-in-use';

export interface QuestionRule {
  id: QuestionRuleId;
  /** The top-level line that may trigger the question. */
  command: RegExp;
  /** The question as devices print it, every spelling seen (matched whole, case and spacing aside). */
  prompts: readonly string[];
  /** What the device prints when the answer is no, or when it refuses without asking. */
  refusals: readonly string[];
  reason: string;
  source: string;
}

export const QUESTION_RULES: readonly QuestionRule[] = [
  {
    id: 'nat-static-in-use',
    command: /^no ip nat inside source static /,
    prompts: ['Static entry in use, do you want to delete child entries? [no]:'],
    refusals: ['%: Error: static entry in use, cannot remove'],
    reason: 'live translations hang off the static mapping; answering no leaves it in place',
    source:
      'CiscoTestAutomation/genielibs pkgs/sdk-pkg/src/genie/libs/sdk/apis/iosxe/nat/configure.py (dialog for ' +
      '`no ip nat inside source static`); public CML lab transcript (Cafe-Rtr, IOS XE 17.16) for the refusal after `no`',
  },
  {
    id: 'nat-dynamic-in-use',
    command: /^no ip nat inside source (list|route-map) /,
    prompts: [
      // IOS's own spelling, seen in public device transcripts of `no ip nat inside source list … pool …`.
      'Dynamic mapping in use, do you want to delete all entires? [no]:',
      'Dynamic mapping in use, do you want to delete all entries? [no]:',
    ],
    refusals: ['%Dynamic mapping in use, cannot remove'],
    reason: 'live PAT translations use the mapping; answering no (or an image that does not ask) leaves it in place',
    source:
      'Cisco tech note 13779 (Document ID 13779, "entries" spelling and the refusal); public course transcripts of ' +
      '`no ip nat inside source list 1 pool nju` ("entires"); public CCNA lab transcripts for the refusal without a question',
  },
];

/** The rule whose command `line` (a top-level config line) is, if any. */
export function questionRuleFor(line: string): QuestionRule | undefined {
  return QUESTION_RULES.find((rule) => rule.command.test(line));
}

export function questionRule(id: string | undefined): QuestionRule | undefined {
  return QUESTION_RULES.find((rule) => rule.id === id);
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Is `text` (the question the device asked) one of the prompts of rule `id`? */
export function asksAsExpected(id: QuestionRuleId, text: string): boolean {
  return questionRule(id)?.prompts.some((prompt) => squash(prompt) === squash(text)) ?? false;
}

/** Did the device refuse the line with one of rule `id`'s refusals? */
export function refusedAsExpected(id: QuestionRuleId, messages: readonly string[]): boolean {
  const refusals = questionRule(id)?.refusals.map(squash) ?? [];
  return messages.some((message) => refusals.includes(squash(message)));
}

/**
 * Empties the NAT translation table so removals find nothing in use. `forced` clears active entries
 * too; `do` runs it from config mode. IOS answers with nothing (no question).
 */
export const CLEAR_NAT_TRANSLATIONS = {
  line: 'do clear ip nat translation forced',
  reason: 'the `clear` in-use policy empties the table before removing NAT lines, as the OpenStack ASR1k/CSR driver did',
  source:
    'openstack/networking-cisco networking_cisco/plugins/cisco/cfg_agent/device_drivers/iosxe/cisco_iosxe_snippets.py ' +
    '(CLEAR_DYN_NAT_TRANS, used before removing NAT by iosxe_routing_driver.py); the empty answer: CiscoTestAutomation/genielibs ' +
    'pkgs/sdk-pkg/src/genie/libs/sdk/apis/tests/iosxe/nat/execute/execute_clear_ip_nat_translation/mock_data/iosxe/mock_data.yaml',
} as const;
