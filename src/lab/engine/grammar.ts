/**
 * The IOS command-line parser: keywords may be abbreviated to a unique prefix, parameters are
 * typed, and a line that does not fit is reported like IOS does (caret position, incomplete,
 * ambiguous). Commands are written as small patterns:
 *   'ip nat inside source static <local:ip> <global:ip> [vrf <vrf:word>]'
 *   '{permit|deny}=action <seq:num:1-65535>'   '[overload=overload]'   '<text:line>' (rest of the line)
 * `word=name` / `{a|b}=name` put the keyword matched into args[name].
 */
import { parseIpv4 } from '../../intent/ipv4.js';
import { interfaceType, parseInterfaceName } from '../../iosxe/interface-names.js';

type ParamType = 'ip' | 'word' | 'num' | 'iface' | 'line';
type Token =
  | { kind: 'kw'; word: string; bind?: string }
  | { kind: 'param'; name: string; type: ParamType; min?: number; max?: number };

export interface Pattern<T> {
  tokens: Token[];
  spec: T;
}

export type Args = Record<string, string>;

export type MatchResult<T> =
  | { ok: true; spec: T; args: Args }
  | { ok: false; error: 'invalid'; offset: number; depth: number }
  | { ok: false; error: 'incomplete'; depth: number }
  | { ok: false; error: 'ambiguous'; depth: number };

/** Expands `[optional]` groups and `{a|b}` keyword alternatives into plain token lists. */
export function compile<T>(syntax: string, spec: T): Pattern<T>[] {
  const words = syntax.match(/\[|\]|\{[^}]*\}(=\w+)?|<[^>]*>|[^\s[\]{}<>]+/g) ?? [];
  let variants: Token[][] = [[]];
  let optional: Token[][] | undefined; // variants collected while inside [ ]
  let before: Token[][] = [];
  for (const word of words) {
    if (word === '[') {
      before = variants;
      optional = variants.map((v) => [...v]);
      variants = optional;
      continue;
    }
    if (word === ']') {
      variants = [...before, ...(optional ?? [])];
      optional = undefined;
      continue;
    }
    const [body = '', bind] = word.startsWith('<') ? [word] : word.split('=');
    const alternatives: Token[] = body.startsWith('{')
      ? body.slice(1, -1).split('|').map((w) => keyword(w, bind))
      : [body.startsWith('<') ? parseToken(body) : keyword(body, bind)];
    const next: Token[][] = [];
    for (const v of variants) for (const alt of alternatives) next.push([...v, alt]);
    variants.length = 0;
    variants.push(...next);
  }
  return variants.map((tokens) => ({ tokens, spec }));
}

function keyword(word: string, bind: string | undefined): Token {
  return bind === undefined ? { kind: 'kw', word: word.toLowerCase() } : { kind: 'kw', word: word.toLowerCase(), bind };
}

function parseToken(word: string): Token {
  const [name = '', type = 'word', range] = word.slice(1, -1).split(':');
  const token: Token = { kind: 'param', name, type: type as ParamType };
  if (range) {
    const [min, max] = range.split('-').map(Number);
    if (min !== undefined) token.min = min;
    if (max !== undefined) token.max = max;
  }
  return token;
}

interface Word {
  text: string;
  offset: number;
}

/** Splits a line into words with their offsets; `gi 2.10` after an `interface` keyword becomes one word. */
function tokenize(line: string): Word[] {
  const words: Word[] = [];
  for (const m of line.matchAll(/\S+/g)) words.push({ text: m[0], offset: m.index ?? 0 });
  for (let i = 1; i < words.length - 1; i++) {
    const prev = words[i - 1]!.text.toLowerCase();
    const cur = words[i]!;
    const next = words[i + 1]!;
    if (prev.length >= 3 && 'interface'.startsWith(prev) && /^[A-Za-z-]+$/.test(cur.text) && /^\d/.test(next.text)) {
      if (interfaceType(cur.text)) {
        words.splice(i, 2, { text: `${cur.text}${next.text}`, offset: cur.offset });
      }
    }
  }
  return words;
}

/**
 * A dotted quad as the CLI takes it (four octets of one to three digits, 0-255; leading zeros
 * allowed), in the form the router prints it: it keeps an address as a number, so `010.1.1.1`
 * is printed `10.1.1.1` (inferred). Undefined when it is not one.
 */
function addressOf(text: string): string | undefined {
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!octets) return undefined;
  const printed = octets.slice(1).map(Number).join('.');
  return parseIpv4(printed) === null ? undefined : printed;
}

function accepts(token: Token & { kind: 'param' }, text: string): string | undefined {
  switch (token.type) {
    case 'ip':
      return addressOf(text);
    case 'word':
      return text;
    case 'num': {
      if (!/^\d+$/.test(text)) return undefined;
      const n = Number(text);
      if (token.min !== undefined && n < token.min) return undefined;
      if (token.max !== undefined && n > token.max) return undefined;
      return String(n);
    }
    case 'iface':
      return parseInterfaceName(text)?.name;
    case 'line':
      return text;
  }
}

type Walked<T> = MatchResult<T> | { ok: 'partial'; alive: Pattern<T>[]; args: Args };

/**
 * Walks the words of a line through the patterns as IOS does: an exact keyword wins, else a
 * unique keyword prefix, else a typed parameter. Stops early on an error or a rest-of-line
 * parameter; otherwise returns the patterns still possible.
 */
function walk<T>(line: string, words: Word[], patterns: Pattern<T>[], extraKeywords: string[]): Walked<T> {
  let alive = patterns;
  const args: Args = {};
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const lower = word.text.toLowerCase();
    const kwHits = alive.filter((p) => {
      const t = p.tokens[i];
      return t?.kind === 'kw' && t.word.startsWith(lower);
    });
    const exact = kwHits.filter((p) => (p.tokens[i] as { word: string }).word === lower);
    let next: Pattern<T>[];
    if (exact.length > 0) {
      next = exact;
    } else {
      const distinct = new Set(kwHits.map((p) => (p.tokens[i] as { word: string }).word));
      if (i === 0) for (const extra of extraKeywords) if (extra.startsWith(lower)) distinct.add(extra);
      if (distinct.size > 1) return { ok: false, error: 'ambiguous', depth: i };
      next = kwHits.filter((p) => distinct.has((p.tokens[i] as { word: string }).word));
    }
    if (next.length > 0) {
      for (const p of next) {
        const t = p.tokens[i] as { word: string; bind?: string };
        if (t.bind) args[t.bind] = t.word;
      }
    } else {
      // Parameters: the first pattern whose parameter accepts the word decides its value.
      next = [];
      for (const p of alive) {
        const t = p.tokens[i];
        if (t?.kind !== 'param') continue;
        const value = t.type === 'line' ? line.slice(word.offset).trimEnd() : accepts(t, word.text);
        if (value === undefined) continue;
        if (t.type === 'line') return { ok: true, spec: p.spec, args: { ...args, [t.name]: value } };
        if (!(t.name in args) || next.length === 0) args[t.name] = value;
        next.push(p);
      }
    }
    if (next.length === 0) return { ok: false, error: 'invalid', offset: word.offset, depth: i };
    alive = next;
  }
  return { ok: 'partial', alive, args };
}

/**
 * Matches a line against the patterns of a mode.
 * `extraKeywords` are real IOS keywords this lab does not implement: they only make
 * abbreviations ambiguous where they would be on a router (`s` in EXEC: show, ssh, send …).
 */
export function match<T>(line: string, patterns: Pattern<T>[], extraKeywords: string[] = []): MatchResult<T> {
  const words = tokenize(line);
  const walked = walk(line, words, patterns, extraKeywords);
  if (walked.ok !== 'partial') return walked;
  const complete = walked.alive.find((p) => p.tokens.length === words.length);
  if (complete) return { ok: true, spec: complete.spec, args: walked.args };
  return { ok: false, error: 'incomplete', depth: words.length };
}

const PARAM_HELP: Record<ParamType, string> = { ip: 'A.B.C.D', word: 'WORD', num: '<number>', iface: 'INTERFACE', line: 'LINE' };

/**
 * Context help for `?` typed after `line`: the words that may come next (after a space), or the
 * keywords a partial word may complete to. Undefined when the line before it does not parse.
 */
export function help<T>(line: string, patterns: Pattern<T>[], extraKeywords: string[] = []): string[] | undefined {
  const words = tokenize(line);
  const partial = /\S$/.test(line) ? words.pop() : undefined;
  const walked = walk(line, words, patterns, extraKeywords);
  if (walked.ok === true) return ['LINE', '<cr>'];
  if (walked.ok !== 'partial') return undefined;
  const n = words.length;
  const found = new Set<string>();
  let complete = false;
  for (const p of walked.alive) {
    const t = p.tokens[n];
    if (!t) complete = true;
    else if (t.kind === 'kw') found.add(t.word);
    else if (partial === undefined) found.add(t.min !== undefined ? `<${t.min}-${t.max}>` : PARAM_HELP[t.type]);
  }
  if (partial !== undefined) {
    const lower = partial.text.toLowerCase();
    return [...found].filter((w) => w.startsWith(lower)).sort();
  }
  const out = [...found].sort();
  if (complete) out.push('<cr>');
  return out;
}
