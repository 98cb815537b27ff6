/**
 * Lines the lab keeps as text (loaded from a config, outside the model) stay editable the way
 * IOS edits them: `no <line>` removes the line, `default <words>` removes whatever those words
 * set, and for a line IOS shows as `no X` (a feature that is on by default, switched off) typing
 * `X` removes it again. A small table of interface children can also be typed (TEXT_CHILDREN),
 * so operator edits inside objects translator owns can be reproduced. Used only for typed lines;
 * the loader keeps unknown lines verbatim.
 */
import type { DeviceState } from './context.js';
import type { ModeFrame, ModeName } from './types.js';

export interface TextChildRule {
  modes: ModeName[];
  /** The command's words, without its value. */
  words: string;
  /** `toggle`: on by default, shown as `no X` when off. `value`: shown as `X <value>`, one per object. */
  kind: 'toggle' | 'value';
  reason: string;
}

const IF: ModeName[] = ['config-if', 'config-subif'];

const TEXT_CHILDREN: readonly TextChildRule[] = [
  { modes: IF, words: 'ip redirects', kind: 'toggle', reason: 'on by default; running-configs show ` no ip redirects` when off (corpus configs)' },
  { modes: IF, words: 'ip unreachables', kind: 'toggle', reason: 'on by default; shown as ` no ip unreachables` when off (corpus configs)' },
  { modes: IF, words: 'ip proxy-arp', kind: 'toggle', reason: 'on by default; shown as ` no ip proxy-arp` when off (corpus configs)' },
  { modes: IF, words: 'mop enabled', kind: 'toggle', reason: 'a C8000V prints ` no mop enabled` on its ports (default config)' },
  { modes: IF, words: 'mop sysid', kind: 'toggle', reason: 'a C8000V prints ` no mop sysid` on its ports (default config)' },
  { modes: IF, words: 'cdp enable', kind: 'toggle', reason: 'shown as ` no cdp enable` when off (corpus configs)' },
  { modes: IF, words: 'ip mtu', kind: 'value', reason: 'one `ip mtu N` per interface; a new value replaces the old' },
  { modes: IF, words: 'mtu', kind: 'value', reason: 'one `mtu N` per interface' },
  { modes: IF, words: 'bandwidth', kind: 'value', reason: 'one `bandwidth N` per interface' },
  { modes: IF, words: 'ip tcp adjust-mss', kind: 'value', reason: 'one `ip tcp adjust-mss N` per interface' },
  { modes: IF, words: 'load-interval', kind: 'value', reason: 'one `load-interval N` per interface' },
];

const normalise = (line: string) => line.trim().replace(/\s+/g, ' ');
const startsWithWords = (line: string, words: string) => line === words || line.startsWith(`${words} `);

/** The kept lines of the object a frame edits, with a setter; undefined when the frame keeps none. */
function keptLinesOf(state: DeviceState, frame: ModeFrame): { lines: string[]; set(lines: string[]): void } | undefined {
  const m = state.model;
  switch (frame.mode) {
    case 'config-if':
    case 'config-subif': {
      const i = m.interfaces.find((x) => x.name === frame.target);
      return i && { lines: i.extra, set: (lines) => (i.extra = lines) };
    }
    case 'config-vrf':
    case 'config-ipvrf':
    case 'config-vrf-af': {
      const v = m.vrfs.find((x) => x.name === frame.target);
      if (!v) return undefined;
      return frame.mode === 'config-vrf-af' ? { lines: v.afExtra, set: (lines) => (v.afExtra = lines) } : { lines: v.extra, set: (lines) => (v.extra = lines) };
    }
    case 'config-route-map': {
      const [name, seq] = (frame.target ?? '').split(' ');
      const r = m.routeMaps.find((x) => x.name === name && x.seq === Number(seq));
      return r && { lines: r.lines, set: (lines) => (r.lines = lines) };
    }
    case 'config-archive':
      return m.archive && { lines: m.archive, set: (lines) => (m.archive = lines) };
    default:
      return undefined;
  }
}

/** What the typed line does to a list of kept lines, or undefined when IOS would not accept it here. */
function editLines(lines: string[], typed: string, rules: readonly TextChildRule[]): string[] | undefined {
  const rule = (words: string) => rules.find((r) => startsWithWords(words, r.words));
  if (typed.startsWith('no ')) {
    const rest = typed.slice(3);
    if (lines.includes(rest)) return lines.filter((l) => l !== rest);
    const r = rule(rest);
    if (r?.kind === 'toggle' && rest === r.words) return lines.includes(typed) ? lines : [...lines, typed];
    if (r?.kind === 'value') return lines.filter((l) => !startsWithWords(l, r.words));
    return undefined;
  }
  if (typed.startsWith('default ')) {
    const rest = typed.slice(8);
    const kept = lines.filter((l) => !startsWithWords(l, rest) && !startsWithWords(l, `no ${rest}`));
    return kept.length < lines.length || rule(rest) ? kept : undefined;
  }
  if (lines.includes(`no ${typed}`)) return lines.filter((l) => l !== `no ${typed}`);
  const r = rule(typed);
  if (r?.kind === 'toggle' && typed === r.words) return lines;
  if (r?.kind === 'value' && typed.length > r.words.length) {
    const at = lines.findIndex((l) => startsWithWords(l, r.words));
    return at < 0 ? [...lines, typed] : lines.map((l, i) => (i === at ? typed : l));
  }
  return undefined;
}

/** Applies a typed line to the kept text of the object being edited; true when it did. */
export function editKeptChild(state: DeviceState, frame: ModeFrame, typedLine: string): boolean {
  const target = keptLinesOf(state, frame);
  if (!target) return false;
  const next = editLines(target.lines, normalise(typedLine), TEXT_CHILDREN.filter((r) => r.modes.includes(frame.mode)));
  if (!next) return false;
  target.set(next);
  return true;
}

/** `no <first line>` of a top-level block kept as text (an `ip route`, an `ip nat … extendable`, a `router …`) removes it. */
export function removeKeptBlock(state: DeviceState, typedLine: string): boolean {
  const typed = normalise(typedLine);
  if (!typed.startsWith('no ')) return false;
  const rest = typed.slice(3);
  const others = state.model.others;
  const index = others.findIndex((b) => normalise(b.lines[0] ?? '') === rest);
  if (index < 0) return false;
  state.model.others = others.filter((_, i) => i !== index);
  return true;
}
