/**
 * How `show running-config` text is laid out (IOSXE.md, "show running-config"), as data for the parser.
 */

export interface LayoutRule {
  pattern: RegExp;
  reason: string;
  source?: string;
}

/** Lines that carry no configuration: skipped by the parser, never compared. Tested on the trimmed line. */
export const NOISE_LINES: readonly LayoutRule[] = [
  { pattern: /^$/, reason: 'blank lines separate nothing the device keeps', source: 'NAPALM/Oxidized captures' },
  { pattern: /^!$/, reason: '`!` is only a section separator', source: 'IOSXE.md' },
  { pattern: /^Building configuration\.\.\.$/, reason: 'header printed before the config', source: 'IOSXE.md' },
  { pattern: /^Current configuration : \d+ bytes$/, reason: 'header; the size changes with every edit', source: 'IOSXE.md' },
  { pattern: /^! Last configuration change at /, reason: 'timestamp comment rewritten on every change', source: 'IOSXE.md' },
  { pattern: /^! NVRAM config last updated at /, reason: 'timestamp comment rewritten on every save', source: 'IOSXE.md' },
  { pattern: /^! No configuration change since last restart/, reason: 'status comment, not config', source: 'Oxidized captures' },
];

/** `end` closes the configuration (only meaningful at the top level). */
export const END_LINE: LayoutRule = { pattern: /^end$/, reason: 'last line of show running-config', source: 'IOSXE.md' };

/** A `! text` line: a comment (IOS drops these on input; hand-written files keep them). */
export const COMMENT_LINE: LayoutRule = { pattern: /^!/, reason: 'comment', source: 'ciscoconfparse fixtures' };

export interface CloserRule {
  /** The sub-mode line this closes. */
  opener: RegExp;
  closer: string;
  reason: string;
  source?: string;
}

/** Lines that close a sub-mode explicitly; they belong to the block they close, not to its parent. */
export const CLOSERS: readonly CloserRule[] = [
  { opener: /^address-family /, closer: 'exit-address-family', reason: 'leaves (config-vrf-af) / router af mode', source: 'IOSXE.md' },
  { opener: /^certificate /, closer: 'quit', reason: 'ends the hex dump of a certificate (printed with a tab)', source: 'IOS XE crypto pki captures' },
];

/**
 * Banners hold free text between a delimiter: `banner motd ^C` … `^C` (the device prints ETX as `^C`),
 * or any other character (`banner login #…#`).
 */
export const BANNER = {
  keyword: 'banner',
  pattern: /^banner(?: \S+)? (\^C|\x03|\S)(.*)$/,
  caretC: '^C',
  reason: 'free text up to the closing delimiter; its lines are not commands',
  source: 'IOSXE.md; ciscoconfparse fixtures',
} as const;

/**
 * What a line the plan may type can hold: printable ASCII. Any other byte is refused, in the intended
 * file (with its name and line number) and in owned running-config lines the plan would send back.
 */
export const PRINTABLE = {
  allowed: /^[\x20-\x3E\x40-\x7E]*$/,
  /** The quick pass over a whole text: a character outside printable ASCII (or `?`) and line ends, or a CR not ending a line. */
  outside: /[^\x20-\x3E\x40-\x7E\r\n]/,
  loneCr: /\r(?!\n)/,
  /** One character that is not allowed; CR only counts when it is not part of a CRLF line end. */
  forbidden: /[^\x20-\x3E\x40-\x7E\r\n]|\r(?!\n)/g,
  classes: [
    { test: (c: number) => c === 0x3f, name: '`?` (the CLI shows help instead of running the line)' },
    { test: (c: number) => c === 0x09, name: 'TAB (the CLI completes a word on it)' },
    { test: (c: number) => c === 0x1b, name: 'ESC (starts a terminal escape sequence)' },
    { test: (c: number) => c < 0x20, name: 'a control character (the terminal edits the line on it)' },
    { test: (c: number) => c === 0x7f, name: 'DEL (the terminal erases on it)' },
    { test: (c: number) => c >= 0x80 && c <= 0x9f, name: 'a C1 control character' },
    { test: () => true, name: 'a character outside ASCII' },
  ],
  reason:
    'a control character is a terminal command (backspace, escape sequences, Tab completion): the device would run another line than ' +
    'the one reviewed, e.g. one deleting config that is not ours; IOS config lines in our scope are printable ASCII',
  source: 'issue 10 (backspaces in intended.cfg rewrote a command); Cisco IOS CLI line editing (Tab, Ctrl keys)',
} as const;
