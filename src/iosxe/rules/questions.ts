/** Commands after which the device may ask a question instead of returning to the prompt (IOSXE.md). */

export interface QuestionRule {
  /** The command (top-level line) that may trigger the question. */
  command: RegExp;
  id: 'nat-static-in-use' | 'nat-dynamic-in-use';
  /** The question as the device prints it; a driver matches it with `promptPattern`. */
  prompt: string;
  promptPattern: string;
  reason: string;
  source: string;
}

export const QUESTION_RULES: readonly QuestionRule[] = [
  {
    command: /^no ip nat inside source static /,
    id: 'nat-static-in-use',
    prompt: 'Static entry in use, do you want to delete child entries? [no]:',
    promptPattern: 'Static entry in use, do you want to delete child entries\\? \\[no\\]:',
    reason: 'live translations hang off the static mapping; answering no leaves it (% static entry in use)',
    source: 'IOSXE.md (NAT removal)',
  },
  {
    command: /^no ip nat inside source list /,
    id: 'nat-dynamic-in-use',
    prompt: 'Dynamic mapping in use, do you want to delete all entries? [no]:',
    promptPattern: 'Dynamic mapping in use, do you want to delete all entries\\? \\[no\\]:',
    reason: 'live PAT translations use the mapping; answering no leaves it (%Dynamic mapping in use, cannot remove)',
    source: 'Cisco tech note 13779; IOSXE.md',
  },
];
