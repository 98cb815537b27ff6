/**
 * How the device rewrites what it is given, so that the intended text and the running text compare
 * equal when the device would print them the same way (IOSXE.md, "show running-config").
 */

export interface RewriteRule {
  /** The block the line sits in (its parent's text); `null` = a top-level line. */
  section: RegExp | null;
  /** Only lines starting with this (a cheap test before `line`). */
  startsWith?: string;
  line: RegExp;
  /** A replacement for `line` (with $1…), or a function of the whole line. */
  replace: string | ((text: string) => string);
  reason: string;
  source?: string;
}

const NAMED_ACL = /^ip access-list (?:standard|extended) \S+$/;
const STANDARD_ACL = /^ip access-list standard \S+$/;

/** Entries of named ACLs without a sequence number get one: the device numbers them by 10. */
export const ACL_SEQUENCE = {
  section: NAMED_ACL,
  entry: /^(?:permit|deny|remark)\b/,
  numbered: /^(\d+) /,
  remark: /^remark\b/,
  step: 10,
  reason: 'the device numbers named ACL entries 10, 20, …; a remark takes the number of the entry after it',
  source: 'IOSXE.md; ntc-templates ACL captures',
} as const;

/** Applied in order, each to the result of the previous one. */
export const REWRITES: readonly RewriteRule[] = [
  {
    section: NAMED_ACL,
    line: /^\d+ (?:permit|deny)\s.*\s\s/,
    replace: (text) => text.replace(/\s+/g, ' '),
    reason: 'single spaces between the words of an entry (remarks keep theirs); the device padding is applied after',
  },
  {
    section: STANDARD_ACL,
    line: /^(\d+) (permit|deny) host (\S+)( log)?$/,
    replace: '$1 $2 $3$4',
    reason: 'a standard ACL prints a single host without `host`',
    source: 'IOSXE.md',
  },
  {
    section: STANDARD_ACL,
    line: /^(\d+) (permit|deny) (\d+\.\d+\.\d+\.\d+) 0\.0\.0\.0( log)?$/,
    replace: '$1 $2 $3$4',
    reason: 'a /32 (wildcard 0.0.0.0) in a standard ACL prints in host form',
    source: 'IOSXE.md',
  },
  {
    section: NAMED_ACL,
    line: /^(\d+) deny (.*)$/,
    replace: '$1 deny   $2',
    reason: 'the device pads `deny` to the width of `permit`',
    source: 'IOSXE.md; ntc-templates ACL captures',
  },
  {
    section: null,
    startsWith: 'ip nat ',
    line: /\s\s/,
    replace: (text) => text.replace(/\s+/g, ' '),
    reason: 'the device prints NAT lines with single spaces',
  },
];

/** Lines the device prints for a default state: the same as no line at all, so they are dropped from both sides. */
export interface DropRule {
  /** The block the line sits in (its parent's text). */
  section: RegExp;
  line: RegExp;
  reason: string;
  source: string;
}

export const DROPS: readonly DropRule[] = [
  {
    section: /^interface /,
    line: /^no ip address$/,
    reason:
      'the device prints ` no ip address` for an interface without an address (also after an operator typed it on one of ours); ' +
      'sending the intended `ip address` replaces it, and an intent without an address means the same',
    source: 'hier_config cisco_ios driver (per_line_sub `^ no ip address`); ../shared/corpus ciscoconfparse-sample01.cfg, napalm-ios.cfg',
  },
  {
    section: /^interface /,
    line: /^no shutdown$/,
    reason: 'the device never prints ` no shutdown`: an enabled interface shows no shutdown line, so an intent holding it means no ` shutdown`',
    source: 'public running-configs in ../shared/corpus (none holds ` no shutdown`, many ` shutdown`); hier_config cisco_ios driver orders `no shutdown` as a command to send',
  },
];
