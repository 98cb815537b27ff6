// What IOS XE says back, as data. The driver walks these tables; it holds no IOS strings of its
// own. Every row names where its text was seen (a public repository and path, or a document), or
// says `inferred`. The NED catalogue cited below is the public NSO cisco-ios NED's `IOSNedCli.java`
// (its `staticWarning` list of lower-cased regexes of messages that are warnings, not errors, and
// its `ENTER_CONFIG_PATTERN` answers to `config t`), read through the search index.
import type { QuestionAnswer, QuestionKind } from './types.js';

const NED = 'NSO cisco-ios NED IOSNedCli.java';

export type LineClass = 'info' | 'error' | 'marker' | 'output';

export interface ResponseRule {
  pattern: RegExp;
  class: LineClass;
  reason: string;
  source: string;
}

/**
 * Checked in order, first match wins. Known informational notices come before the catch-all
 * error rules: "any `%` line after a config command is an error unless it is a known
 * informational message" (IOSXE.md, Sessions and modes). Notices whose case varies between
 * releases are matched case-insensitively; a `%` line that no row knows stays an error.
 */
export const RESPONSE_RULES: readonly ResponseRule[] = [
  {
    pattern: /^%\s*Interface \S+ IPv4 disabled and address ?(\(es\)|es) removed due to (en|dis)abling VRF \S+/i,
    class: 'info',
    reason: '`vrf forwarding` on an interface with an address removes it; the plan sends `ip address` after it',
    source:
      'inband/spcor 4-services/3-configure-l3vpn/as64499-csr1-ebgp.md (CSR1000v: "… due to disabling VRF AS64499"); ' +
      `public transcripts of "… due to enabling VRF X"; ${NED} ("removed due to \\S+abling vrf")`,
  },
  {
    pattern: /^%\s*IPv[46]( and IPv6)? addresses from all interfaces in VRF \S+ (have|has) been removed/i,
    class: 'info',
    reason: '`no vrf definition` / `no ip vrf` strips addresses of interfaces in the VRF, printed even when none is left: expected on tenant removal',
    source:
      'CiscoTestAutomation/genielibs pkgs/clean-pkg/src/genie/libs/clean/stages/iosxe/tests/test_config_replace.py ' +
      '("% ipv6 …" / "% ipv4 addresses from all interfaces in VRF vrf-lite have been removed"); ' +
      'CiscoTestAutomation/genielibs pkgs/sdk-pkg/src/genie/libs/sdk/apis/tests/iosxe/vrf/configure/delete_ip_vrf/mock_data/iosxe/mock_data.yaml ' +
      `("no ip vrf test" → "% IPv4 addresses …"); ${NED} ("ip.* addresses from all interfaces in vrf .*have been removed", "ipv4 and ipv6 addresses from all")`,
  },
  {
    pattern: /^%?\s*Global \S+ will be Port Address Translated/i,
    class: 'info',
    reason: 'a NAT mapping to the interface address is translated with ports (PAT); the line is applied',
    source: `${NED} ("global .* will be port address translated"); capitalisation inferred`,
  },
  {
    pattern: /^%?\s*Outside interface address added/i,
    class: 'info',
    reason: 'IOS adds the outside interface address to the NAT table; the line is applied',
    source: `${NED} ("outside interface address added"); capitalisation inferred`,
  },
  {
    pattern: /^%?\s*The active \S+ status is not known/i,
    class: 'info',
    reason: '`do clear ip nat translation …` on a router without NAT redundancy state; the clear still runs',
    source: `${NED} ("the active \\S+ status is not known", noted for do clear ip nat translation vrf); capitalisation inferred`,
  },
  {
    pattern: /^%?\s*Warning:?\s+This command is no longer supported/i,
    class: 'error',
    reason: 'a warning that means the line was not applied',
    source: `${NED} (staticError overrides: "Warning: This command is no longer supported")`,
  },
  {
    pattern: /^%?\s*Warning[:,]\s*\S/i,
    class: 'info',
    reason: 'IOS applied the line and warns about it (e.g. a /31 mask); verification re-reads the running-config anyway',
    source:
      `inband/spcor 4-services/3-configure-l3vpn/as64499-csr1-ebgp.md ("% Warning: use /31 mask on non point-to-point interface cautiously"); ` +
      `${NED} ("warning[:,] \\S+.*")`,
  },
  {
    pattern: /^%?\s*(Note|Info)\s*:/i,
    class: 'info',
    reason: 'explanatory note printed with an applied line',
    source: `CiscoTestAutomation/genielibs pkgs/clean-pkg/src/genie/libs/clean/stages/iosxe/tests/test_config_replace.py ("Note: this is the Ethernet payload size …"); ${NED} (".?note:", "info:")`,
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
    source: 'CiscoTestAutomation/unicon.plugins src/unicon/plugins/tests/mock_data/iosxe/iosxe_mock_data.yaml (acm_if: echo, `^`, message)',
  },
  {
    pattern: /^%\s*(Invalid input detected at '\^' marker|Incomplete command|Ambiguous command)/,
    class: 'error',
    reason: 'the parser refused the line',
    source: `CiscoTestAutomation/unicon.plugins src/unicon/plugins/tests/mock_data/iosxe/iosxe_mock_data.yaml; ${NED} (staticError " Incomplete command.")`,
  },
  {
    pattern: /^%:? ?(Error: static entry in use|Dynamic mapping in use), cannot remove/i,
    class: 'error',
    reason: 'a NAT removal refused because live translations use the mapping (answered no, or never asked)',
    source: 'Cisco tech note 13779 ("%Dynamic Mapping in Use, Cannot remove"); public CML/CCNA lab transcripts (Cafe-Rtr) for both texts',
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

export interface QuestionShape {
  /** Matches the end of the device output while it waits for an answer. */
  pattern: RegExp;
  kind: QuestionKind;
  /** Keystrokes for each answer. `[confirm]` reads one key: Enter accepts, `n` declines. */
  keys: Record<QuestionAnswer, string>;
  reason: string;
  source: string;
}

/**
 * How a waiting question looks, whichever command asked it. Which command asks what is an IOS fact
 * of the command tables (iosxe/rules/questions.ts); the driver only needs to see that the device
 * waits for an answer and which keys mean yes and no.
 */
export const QUESTION_SHAPES: readonly QuestionShape[] = [
  {
    pattern: /\[confirm\]\s*$/,
    kind: 'confirm',
    keys: { accept: '\n', decline: 'n' },
    reason: 'single-key confirmation (reload, delete, clear …)',
    source: `IOSXE.md Sessions and modes (seen); ${NED} (PLW0 "? [confirm]")`,
  },
  {
    pattern: /\[yes\/no\]:?\s*$/i,
    kind: 'yes-no',
    keys: { accept: 'yes\n', decline: 'no\n' },
    reason: 'explicit yes/no question',
    source: `IOSXE.md Sessions and modes (seen); ${NED} (PLW0 "? [yes/no]")`,
  },
  {
    pattern: /\?\s*\[no\]:?\s*$/i,
    kind: 'no-default',
    keys: { accept: 'yes\n', decline: 'no\n' },
    reason: 'a question whose default is no, e.g. NAT removal while the mapping is in use',
    source: `Cisco tech note 13779; ${NED} (PLW0 "? [no]")`,
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
export function findQuestion(tail: string): { shape: QuestionShape; text: string } | undefined {
  const lastLine = tail.slice(tail.lastIndexOf('\n') + 1);
  for (const shape of QUESTION_SHAPES) if (shape.pattern.test(lastLine)) return { shape, text: lastLine.trim() };
  return undefined;
}

/** A question inside already-finished output (it was answered by whatever the device read next). */
export function containsQuestion(lines: readonly string[]): string | undefined {
  for (const line of lines) {
    for (const shape of QUESTION_SHAPES) {
      const withoutAnswer = line.replace(/(\[no\]:?|\[yes\/no\]:?|\[confirm\]|\]\?)\s*\S.*$/i, '$1');
      if (shape.pattern.test(withoutAnswer)) return line.trim();
    }
  }
  return undefined;
}

/**
 * A device-level safety net for free lines (lines the caller sent without a question rule id):
 * these EXEC commands, typed with `do` in config mode, ask for confirmation or a file name on
 * some images, so they are sent alone like a line with a question id.
 */
export const QUESTION_CAPABLE_LINES: readonly { pattern: RegExp; reason: string; source: string }[] = [
  {
    pattern: /^\s*(do\s+)?(copy|delete|erase|reload|write\s+erase|clear|crypto\s+key\s+(generate|zeroize))\b/,
    reason: 'file, reload and clear commands ask for confirmation or a file name',
    source: 'IOSXE.md Sessions and modes (seen)',
  },
];

export function isQuestionCapable(line: string): boolean {
  return QUESTION_CAPABLE_LINES.some((rule) => rule.pattern.test(line));
}

/**
 * Lines apply() refuses before sending anything. The vty is a line editor: control characters
 * are editing keys (Backspace, Ctrl-U, Ctrl-W, Tab completion, cursor moves), so a line holding
 * them runs as a different command than the one that was checked. Order matters: the first row
 * that matches gives the reason.
 */
export const UNSENDABLE_LINES: readonly { pattern: RegExp; reason: string; source: string }[] = [
  { pattern: /^\s*end\s*$/i, reason: 'apply() sends `end` itself after the last line', source: 'driver contract' },
  {
    pattern: /[\r\n]/,
    reason: 'a line break would send two commands and desynchronise the answers',
    source: 'driver contract: one command per line',
  },
  { pattern: /\x1a/, reason: 'Ctrl-Z leaves config mode', source: 'IOSXE.md Sessions and modes (seen)' },
  {
    pattern: /\x1b/,
    reason: 'ESC starts a terminal escape sequence (cursor and word editing keys): the device would edit the line',
    source: 'Cisco IOS CLI editing keys (Esc B, Esc F, Esc D …; inferred for every sequence)',
  },
  {
    pattern: /\t/,
    reason: 'Tab asks the device to complete the word: the line it runs would differ from the line sent',
    source: 'Cisco IOS CLI editing keys (Tab completes a keyword)',
  },
  {
    pattern: /[\x00-\x1f]/,
    reason: 'a control character is a terminal editing key (Backspace, Ctrl-U, Ctrl-W, Ctrl-A …): the device would run a different command',
    source: 'Cisco IOS CLI editing keys (Ctrl-H, Ctrl-U, Ctrl-W, Ctrl-A, Ctrl-E …; inferred for the rest of C0)',
  },
  { pattern: /\x7f/, reason: 'DEL erases the character before it on the terminal', source: 'Cisco IOS CLI editing keys (Delete/Backspace)' },
  {
    pattern: /[\x80-\x9f]/,
    reason: 'a C1 control character (8-bit terminal control such as CSI) would be taken as a terminal command',
    source: 'ECMA-48 C1 set (inferred for IOS)',
  },
  {
    pattern: /[^\x20-\x7e]/,
    reason: 'not printable ASCII: IOS config lines are ASCII',
    source: 'inferred (no IOS XE config command of ours takes other characters)',
  },
  {
    pattern: /\?/,
    reason: '`?` anywhere in a line asks the device for help instead of running the line',
    source: 'Cisco IOS CLI context help (`?`; Ctrl-V is needed to enter it literally)',
  },
];

/** The first reason `line` cannot be sent, if any. */
export function unsendable(line: string): string | undefined {
  return UNSENDABLE_LINES.find((rule) => rule.pattern.test(line))?.reason;
}

/** `configure terminal revert timer N` accepts whole minutes in this range. */
export const REVERT_TIMER_MINUTES = { min: 1, max: 120, source: 'IOSXE.md Safe change (seen)' } as const;

export type ConfigRefusal = 'busy' | 'no-archive';

export interface ConfigEntryRule {
  pattern: RegExp;
  refusal: ConfigRefusal;
  reason: string;
  source: string;
}

/**
 * Answers to `configure terminal [revert timer N]` that mean config mode was not (or must not
 * be) entered. `busy` changes nothing on the router and can be retried later.
 */
export const CONFIG_ENTRY_REFUSALS: readonly ConfigEntryRule[] = [
  {
    pattern: /Configuration mode is locked by process '(?<process>[^']*)' user '(?<user>[^']*)' from terminal '(?<terminal>[^']*)'/i,
    refusal: 'busy',
    reason: 'another session (NETCONF, RESTCONF or a CLI session in exclusive mode) holds the configuration lock',
    source:
      'CiscoTestAutomation/unicon.plugins src/unicon/plugins/tests/mock/mock_device_iosxe.py ' +
      `("Configuration mode is locked by process '484' user 'NETCONF' from terminal '64'. Please try later."); ${NED} (ENTER_CONFIG_PATTERN)`,
  },
  {
    pattern: /Configuration mode (is )?locked|Config mode cannot be entered/i,
    refusal: 'busy',
    reason: 'other forms of the lock (exclusive mode, standby initialisation): config mode cannot be entered now',
    source:
      'CiscoTestAutomation/unicon.plugins src/unicon/plugins/generic/patterns.py (config_locked) and ' +
      'src/unicon/plugins/tests/mock_data/iosxe/iosxe_mock_data.yaml (config_locked: "Config mode cannot be entered during Standby initialization …")',
  },
  {
    pattern: /Turn config archive on before using Rollback Confirmed Change/i,
    refusal: 'no-archive',
    reason: 'a revert timer needs the archive feature (`archive` / ` path flash:archive`)',
    source: `IOSXE.md Safe change (seen); ${NED} (ENTER_CONFIG_PATTERN)`,
  },
];

/** Entering config mode may offer to end the session that holds the lock; the answer is always no. */
export const KILL_SESSION_QUESTION = {
  pattern: /Do you want to kill that session and continue/i,
  /** Keys for `no` when the question's suffix is none of QUESTION_SHAPES (its exact suffix is not known). */
  declineKeys: 'no\n',
  reason: 'never end another session (a human, or another deploy) to take the lock from it',
  source: `${NED} (ENTER_CONFIG_PATTERN; earlier NED versions answered yes — we answer no and refuse)`,
} as const;

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
    source:
      'CiscoTestAutomation/genielibs pkgs/sdk-pkg/src/genie/libs/sdk/apis/tests/iosxe/platform/execute/execute_config_confirm/mock_data/iosxe/mock_data.yaml ("%No Rollback Confirmed Change pending")',
  },
  rollbackTimerValue: {
    pattern: /Timer value:\s*(\d+)\s*min/i,
    reason: '`show archive config rollback timer` while a revert timer is pending',
    source: 'IOSXE.md Safe change (seen)',
  },
} as const;
