// What IOS XE says back, as data. The driver walks these tables; it holds no IOS
// strings of its own. Sources refer to ../shared/IOSXE.md.
import type { QuestionAnswer, QuestionKind } from './types.js';

export type LineClass = 'info' | 'error' | 'marker' | 'output';

export interface ResponseRule {
  pattern: RegExp;
  class: LineClass;
  reason: string;
  source: string;
}

/**
 * Checked in order, first match wins. Known informational notices come before the
 * catch-all error rules: "any `%` line after a config command is an error unless it
 * is a known informational message" (IOSXE.md, Sessions and modes).
 */
export const RESPONSE_RULES: readonly ResponseRule[] = [
  {
    pattern: /^% Interface \S+ IPv4 disabled and address\(es\) removed due to (enabling|disabling) VRF/,
    class: 'info',
    reason: '`vrf forwarding` on an interface with an address removes it; the plan re-sends `ip address` after it',
    source: 'IOSXE.md side-effects table (seen)',
  },
  {
    pattern: /^% IPv4 addresses from all interfaces in VRF \S+ have been removed/,
    class: 'info',
    reason: '`no vrf definition` strips its interfaces; expected when a tenant is removed',
    source: 'IOSXE.md side-effects table (seen)',
  },
  {
    pattern: /^\*?[A-Z][a-z]{2}\s+\d+\s+(\d+\s+)?\d\d:\d\d:\d\d(\.\d+)?( [A-Z]+)?: %[A-Z0-9_]+-\d-[A-Z0-9_]+:/,
    class: 'info',
    reason: 'asynchronous syslog line (`terminal monitor`), not an answer to the line being sent',
    source: 'IOS syslog format (inferred)',
  },
  {
    pattern: /^\s*\^\s*$/,
    class: 'marker',
    reason: 'caret under the offending word; the `% Invalid input` line that follows is the error',
    source: 'IOSXE.md Sessions and modes (seen)',
  },
  {
    pattern: /^\s*%/,
    class: 'error',
    reason: 'any other `%` line after a config command is an error',
    source: 'IOSXE.md Sessions and modes (project rule)',
  },
  {
    pattern:
      /(% ?Error|% ?Invalid|(incomplete|ambiguous) command|Bad mask|overlaps with|Command authorization failed|Command rejected)/i,
    class: 'error',
    reason: 'failure texts Netmiko and Ansible cisco.ios treat as errors even without a leading `%`',
    source: 'IOSXE.md Sessions and modes (seen: Netmiko, Ansible)',
  },
];

export function classifyLine(text: string): LineClass {
  for (const rule of RESPONSE_RULES) if (rule.pattern.test(text)) return rule.class;
  return 'output';
}

export interface QuestionRule {
  /** Matches the end of the device output while it waits for an answer. */
  pattern: RegExp;
  kind: QuestionKind;
  /** Keystrokes for each answer. `[confirm]` reads one key: Enter accepts, `n` declines. */
  keys: Record<QuestionAnswer, string>;
  reason: string;
  source: string;
}

export const QUESTION_RULES: readonly QuestionRule[] = [
  {
    pattern: /\[confirm\]\s*$/,
    kind: 'confirm',
    keys: { accept: '\n', decline: 'n' },
    reason: 'single-key confirmation (reload, delete, clear …)',
    source: 'IOSXE.md Sessions and modes (seen)',
  },
  {
    pattern: /\[yes\/no\]:?\s*$/i,
    kind: 'yes-no',
    keys: { accept: 'yes\n', decline: 'no\n' },
    reason: 'explicit yes/no question',
    source: 'IOSXE.md Sessions and modes (seen)',
  },
  {
    pattern: /\?\s*\[no\]:\s*$/,
    kind: 'no-default',
    keys: { accept: 'yes\n', decline: 'no\n' },
    reason: 'NAT removal while the mapping is in use (`Dynamic mapping in use …? [no]:`, `Static entry in use …? [no]:`)',
    source: 'IOSXE.md side-effects table (Cisco tech note 13779)',
  },
  {
    pattern: /filename \[[^\]\n]*\]\?\s*$/,
    kind: 'filename',
    // Enter keeps the offered default; Ctrl-C abandons the copy.
    keys: { accept: '\n', decline: '\x03' },
    reason: '`copy running-config startup-config` asks for the destination name',
    source: 'IOSXE.md Safe change (seen)',
  },
];

/** The question the device is waiting on, if `tail` (its latest output) ends with one. */
export function findQuestion(tail: string): { rule: QuestionRule; text: string } | undefined {
  const lastLine = tail.slice(tail.lastIndexOf('\n') + 1);
  for (const rule of QUESTION_RULES) if (rule.pattern.test(lastLine)) return { rule, text: lastLine.trim() };
  return undefined;
}

/** A question inside already-finished output (it was answered by whatever the device read next). */
export function containsQuestion(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    for (const rule of QUESTION_RULES) {
      const withoutAnswer = line.replace(/(\[no\]:|\[yes\/no\]:?|\[confirm\]|\]\?)\s*\S.*$/i, '$1');
      if (rule.pattern.test(withoutAnswer)) return line.trim();
    }
  }
  return undefined;
}

export interface QuestionCapableRule {
  pattern: RegExp;
  reason: string;
  source: string;
}

/** Config lines that may stop and ask; they are sent one at a time, never pipelined. */
export const QUESTION_CAPABLE_RULES: readonly QuestionCapableRule[] = [
  {
    pattern: /^\s*no\s+ip\s+nat\s+(inside|outside)\s+source\b/,
    reason: 'removing a NAT mapping with live translations asks `… in use, do you want to delete …? [no]:`',
    source: 'IOSXE.md side-effects table (Cisco tech note 13779)',
  },
  {
    pattern: /^\s*(do\s+)?(copy|delete|erase|reload|write\s+erase|clear|crypto\s+key\s+(generate|zeroize))\b/,
    reason: 'file, reload and clear commands ask for confirmation or a file name',
    source: 'IOSXE.md Sessions and modes (seen)',
  },
];

export function isQuestionCapable(line: string): boolean {
  return QUESTION_CAPABLE_RULES.some((rule) => rule.pattern.test(line));
}

/** Lines the caller must not send inside apply(): they leave config mode, which apply manages. */
export const MODE_LEAVING_LINES: readonly { pattern: RegExp; reason: string }[] = [
  { pattern: /^\s*end\s*$/i, reason: 'apply() sends `end` itself after the last line' },
  { pattern: /\x1a/, reason: 'Ctrl-Z leaves config mode' },
  { pattern: /[\r\n]/, reason: 'one command per line; a newline would desynchronise the response count' },
];

/** `configure terminal revert timer N` accepts whole minutes in this range. */
export const REVERT_TIMER_MINUTES = { min: 1, max: 120, source: 'IOSXE.md Safe change (seen)' } as const;

/** Answers of EXEC commands the driver reads (archive, rollback timer, enable, paging). */
export const EXEC_RULES = {
  enablePasswordPrompt: { pattern: /Password:\s*$/, reason: '`enable` asks for the secret', source: 'IOSXE.md (seen)' },
  enableDenied: {
    pattern: /^% (Access denied|Bad secrets)/m,
    reason: 'wrong enable secret (three tries end with `% Bad secrets`)',
    source: 'IOSXE.md Sessions and modes (seen)',
  },
  more: {
    pattern: / ?--More-- ?(\x08+ *\x08*)?/g,
    reason: 'pager still on (terminal length not applied yet); a space shows the next page',
    source: 'IOSXE.md Sessions and modes (seen)',
  },
  archiveDisabled: {
    pattern: /Archive feature not enabled/i,
    reason: '`show archive` without `archive`/`path` configured',
    source: 'IOSXE.md Safe change (seen)',
  },
  noRollbackPending: {
    pattern: /No Rollback Confirmed Change pending/i,
    reason: '`show archive config rollback timer` with no revert timer running',
    source: 'IOSXE.md Safe change (seen)',
  },
  rollbackTimerValue: {
    pattern: /Timer value:\s*(\d+)\s*min/i,
    reason: '`show archive config rollback timer` while a revert timer is pending',
    source: 'IOSXE.md Safe change (seen)',
  },
} as const;
