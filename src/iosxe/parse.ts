/**
 * Running-config text → ConfigTree, by indentation. Accepts the device's own print
 * (header, `!` separators, timestamp comments, `end`, CRLF, trailing spaces, banners,
 * certificate blocks ending in `quit`, `exit-address-family`) and hand-written files
 * indented by any number of spaces.
 */
import { BANNER, CLOSERS, COMMENT_LINE, END_LINE, NOISE_LINES } from './rules/syntax.js';
import type { ConfigNode, ConfigTree } from './types.js';

export type { ConfigNode, ConfigTree } from './types.js';
export { printConfig } from './print.js';
export type { PrintOptions } from './print.js';

interface Open {
  node: ConfigNode;
  /** Indentation width of the node's line; -1 for the root. */
  width: number;
}

export function parseConfig(text: string): ConfigTree {
  const lines = text.split('\n');
  const root: Open = { node: { text: '', children: [] }, width: -1 };
  const stack: Open[] = [root];

  for (let i = 0; i < lines.length; i++) {
    const raw = stripCr(lines[i]!);
    const trimmed = raw.trim();
    if (isNoise(trimmed)) continue;
    const width = leadingWidth(raw);
    if (width === 0 && END_LINE.pattern.test(trimmed)) continue;

    const closed = closerFor(stack, trimmed);
    if (closed !== undefined) {
      const indent = raw.slice(0, width);
      const open = stack[closed]!;
      open.node.closer = indent === ' '.repeat(closed - 1) ? { text: trimmed } : { text: trimmed, indent };
      stack.length = closed;
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.width >= width) stack.pop();

    const parent = stack[stack.length - 1]!;
    const node: ConfigNode = { text: trimmed, children: [], line: i + 1 };
    const indent = raw.slice(0, width);
    if (indent !== ' '.repeat(stack.length - 1)) node.indent = indent;
    parent.node.children.push(node);

    if (COMMENT_LINE.pattern.test(trimmed)) {
      node.comment = true;
      continue;
    }
    if (width === 0) {
      const banner = BANNER.pattern.exec(trimmed);
      if (banner) {
        i = readBanner(lines, i, banner[1]!, banner[2]!, node);
        continue;
      }
    }
    stack.push({ node, width });
  }
  return { children: root.node.children, source: text };
}

function stripCr(line: string): string {
  return line.endsWith('\r') ? line.slice(0, -1) : line;
}

function isNoise(trimmed: string): boolean {
  for (const rule of NOISE_LINES) if (rule.pattern.test(trimmed)) return true;
  return false;
}

function leadingWidth(line: string): number {
  let n = 0;
  while (n < line.length && (line[n] === ' ' || line[n] === '\t')) n++;
  return n;
}

/** Stack index of the open block a closer line (`exit-address-family`, `quit`) ends, searching outwards. */
function closerFor(stack: Open[], trimmed: string): number | undefined {
  if (!CLOSER_TEXTS.has(trimmed)) return undefined;
  for (let k = stack.length - 1; k > 0; k--) {
    const text = stack[k]!.node.text;
    if (CLOSERS.some((rule) => rule.closer === trimmed && rule.opener.test(text))) return k;
  }
  return undefined;
}

const CLOSER_TEXTS = new Set(CLOSERS.map((rule) => rule.closer));

/** Consumes a banner's text; returns the index of its last line. */
function readBanner(lines: string[], start: number, delimiter: string, rest: string, node: ConfigNode): number {
  if (rest.includes(delimiter)) return start;
  const body: string[] = [];
  let i = start + 1;
  for (; i < lines.length; i++) {
    const line = stripCr(lines[i]!);
    body.push(line);
    if (line.includes(delimiter)) break;
  }
  node.body = body;
  return Math.min(i, lines.length - 1);
}
