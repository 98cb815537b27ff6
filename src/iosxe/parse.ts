/**
 * Running-config text → ConfigTree, by indentation. Accepts the device's own print
 * (header, `!` separators, timestamp comments, `end`, CRLF, trailing spaces, banners,
 * certificate blocks ending in `quit`, `exit-address-family`) and hand-written files
 * indented by any number of spaces. One pass over the text, no array of lines: a router
 * config can hold 100,000+ lines.
 */
import { BANNER, CLOSERS, COMMENT_LINE, END_LINE, NOISE_LINES } from './rules/syntax.js';
import type { ConfigNode, ConfigTree } from './types.js';

export type { ConfigNode, ConfigTree } from './types.js';
export { printConfig } from './print.js';
export type { PrintOptions } from './print.js';

/** A cursor over the lines of a text. */
class Lines {
  /** Start of the current line, its end (before CR/LF), and where the next line starts. */
  start = 0;
  end = 0;
  next = 0;
  number = 0;
  constructor(readonly text: string) {}

  advance(): boolean {
    if (this.next > this.text.length || (this.next === this.text.length && this.number > 0)) return false;
    this.start = this.next;
    let lf = this.text.indexOf('\n', this.start);
    if (lf < 0) lf = this.text.length;
    this.end = lf > this.start && this.text.charCodeAt(lf - 1) === CR ? lf - 1 : lf;
    this.next = lf + 1;
    this.number++;
    return true;
  }

  raw(): string {
    return this.text.slice(this.start, this.end);
  }
}

const CR = 13;
const SPACE = 32;
const TAB = 9;
const BANG = '!'.charCodeAt(0);

export function parseConfig(text: string): ConfigTree {
  // The open blocks, outermost first, and the indentation width of each (the root's is -1).
  const root: ConfigNode = { text: '', children: [] };
  const open: ConfigNode[] = [root];
  const widths: number[] = [-1];
  const lines = new Lines(text);

  while (lines.advance()) {
    let a = lines.start;
    while (a < lines.end && (text.charCodeAt(a) === SPACE || text.charCodeAt(a) === TAB)) a++;
    let b = lines.end;
    while (b > a && text.charCodeAt(b - 1) <= SPACE) b--;
    const width = a - lines.start;
    const trimmed = text.slice(a, b);
    if (NOISE.test(trimmed)) continue;
    if (width === 0 && trimmed.length === 3 && END_LINE.pattern.test(trimmed)) continue;

    const closed = trimmed.length <= LONGEST_CLOSER ? closerFor(open, trimmed) : undefined;
    if (closed !== undefined) {
      open[closed]!.closer = isCanonicalIndent(text, lines.start, width, closed - 1)
        ? { text: trimmed }
        : { text: trimmed, indent: text.slice(lines.start, a) };
      open.length = widths.length = closed;
      continue;
    }
    while (open.length > 1 && widths[widths.length - 1]! >= width) {
      open.pop();
      widths.pop();
    }

    const node: ConfigNode = { text: trimmed, children: NO_CHILDREN, line: lines.number };
    if (!isCanonicalIndent(text, lines.start, width, open.length - 1)) node.indent = text.slice(lines.start, a);
    const parent = open[open.length - 1]!;
    if (parent.children === NO_CHILDREN) parent.children = [node];
    else parent.children.push(node);

    if (trimmed.charCodeAt(0) === BANG && COMMENT_LINE.pattern.test(trimmed)) {
      node.comment = true;
      continue;
    }
    if (width === 0 && trimmed.startsWith(BANNER.keyword)) {
      const banner = BANNER.pattern.exec(trimmed);
      if (banner) {
        readBanner(lines, banner[1]!, banner[2]!, node);
        continue;
      }
    }
    open.push(node);
    widths.push(width);
  }
  return { children: root.children, source: text };
}

/**
 * The children of every line that has none, shared: most lines of a big config are leaves (100,000
 * NAT lines), and an empty array each was a third of the parse's allocations. Frozen, so that code
 * adding to a parsed leaf in place fails loudly instead of growing every leaf; a line's first child
 * gives it an array of its own.
 */
const NO_CHILDREN = Object.freeze([]) as unknown as ConfigNode[];

/** All noise rules as one anchored expression: one test per line instead of one per rule. */
const NOISE = new RegExp(`^(?:${NOISE_LINES.map((rule) => rule.pattern.source.replace(/^\^/, '')).join('|')})`);
const LONGEST_CLOSER = Math.max(...CLOSERS.map((rule) => rule.closer.length));

/** One space per level, no tabs: the indentation the printer would produce anyway. */
function isCanonicalIndent(text: string, start: number, width: number, depth: number): boolean {
  if (width !== depth) return false;
  for (let k = 0; k < width; k++) if (text.charCodeAt(start + k) !== SPACE) return false;
  return true;
}

/** Stack index of the open block a closer line (`exit-address-family`, `quit`) ends, searching outwards. */
function closerFor(open: ConfigNode[], trimmed: string): number | undefined {
  // Compared, not looked up in a Set: a string of another length is rejected without hashing it.
  if (!CLOSERS.some((rule) => rule.closer === trimmed)) return undefined;
  for (let k = open.length - 1; k > 0; k--) {
    const text = open[k]!.text;
    if (CLOSERS.some((rule) => rule.closer === trimmed && rule.opener.test(text))) return k;
  }
  return undefined;
}

/** Consumes a banner's text up to the line holding the closing delimiter (or the end of the text). */
function readBanner(lines: Lines, delimiter: string, rest: string, node: ConfigNode): void {
  if (rest.includes(delimiter)) return;
  const body: string[] = [];
  while (lines.advance()) {
    const line = lines.raw();
    body.push(line);
    if (line.includes(delimiter)) break;
  }
  node.body = body;
}
