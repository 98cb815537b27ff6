/**
 * Boots the device from config text (a `show running-config` or a saved state): every line
 * is executed in its mode as the router does with its startup-config; lines outside the
 * model are kept as text (top-level blocks) or as unmodelled children of their object.
 * TODO(issue 4): switch the block splitting to src/iosxe/parse.ts once it lands.
 */
import type { CliSession, DeviceState } from './context.js';
import { parseInterfaceName } from './ifname.js';
import type { Reply } from './types.js';

interface Node {
  text: string;
  indent: number;
  children: Node[];
}

const HEADER = /^(Building configuration\.\.\.|Current configuration : \d+ bytes|end)\s*$/;

/** Lines → tree by indentation; banners (delimited, unindented text) stay one node. */
export function configTree(text: string): Node[] {
  const roots: Node[] = [];
  const stack: Node[] = [];
  const lines = text.replace(/\r/g, '').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === '' || HEADER.test(raw) || /^\s*!/.test(raw)) continue;
    const indent = raw.length - raw.trimStart().length;
    const node: Node = { text: raw.trimEnd(), indent, children: [] };
    const banner = /^banner\s+\S+\s+(\^C|\S)(.*)$/.exec(raw);
    if (banner && indent === 0) {
      const delimiter = banner[1]!;
      if (!banner[2]!.includes(delimiter)) {
        while (++i < lines.length) {
          node.children.push({ text: lines[i]!, indent: -1, children: [] });
          if (lines[i]!.includes(delimiter)) break;
        }
      }
    }
    while (stack.length > 0 && stack.at(-1)!.indent >= indent) stack.pop();
    (stack.at(-1)?.children ?? roots).push(node);
    stack.push(node);
  }
  return roots;
}

function flatten(node: Node, prefix = ''): string[] {
  const own = node.indent < 0 ? node.text : `${prefix}${node.text.trimStart()}`;
  return [own, ...node.children.flatMap((c) => flatten(c, `${prefix} `))];
}

/** Keeps an unmodelled child line on the object the session is editing. */
function keepChild(state: DeviceState, session: CliSession, lines: string[]): boolean {
  const frame = session.frames.at(-1);
  const m = state.model;
  switch (frame?.mode) {
    case 'config-if':
    case 'config-subif': {
      const i = m.interfaces.find((x) => x.name === frame.target);
      i?.extra.push(...lines);
      return i !== undefined;
    }
    case 'config-vrf':
    case 'config-vrf-af': {
      const v = m.vrfs.find((x) => x.name === frame.target);
      v?.[frame.mode === 'config-vrf' ? 'extra' : 'afExtra'].push(...lines);
      return v !== undefined;
    }
    case 'config-route-map': {
      const [name, seq] = (frame.target ?? '').split(' ');
      const r = m.routeMaps.find((x) => x.name === name && x.seq === Number(seq));
      r?.lines.push(...lines);
      return r !== undefined;
    }
    case 'config-archive':
      (m.archive ??= []).push(...lines);
      return true;
    default:
      return false;
  }
}

export function loadConfig(
  text: string,
  state: DeviceState,
  run: (line: string, strict: boolean) => Reply,
  session: CliSession,
): void {
  const roots = configTree(text);
  // The hardware: physical ports named in the config, else a C8000V's three.
  for (const node of roots) {
    const name = /^interface\s+(\S+)/.exec(node.text)?.[1];
    const parsed = name ? parseInterfaceName(name) : undefined;
    if (parsed?.physical) state.hardware.add(parsed.name);
  }
  if (state.hardware.size === 0) for (const n of [1, 2, 3]) state.hardware.add(`GigabitEthernet${n}`);
  for (const name of state.hardware) state.model.interfaces.push({ name, shutdown: false, extra: [] });

  /** Runs children in the mode their parent entered (`level` = depth of that mode's frame stack). */
  const children = (nodes: Node[], level: number): void => {
    for (const child of nodes) {
      if (child.text.trim() === 'exit-address-family') continue;
      session.frames = session.frames.slice(0, level);
      const reply = run(child.text.trim(), true);
      if (reply.rejected || reply.question) keepChild(state, session, flatten(child));
      else if (session.frames.length > level) children(child.children, level + 1);
    }
  };

  for (const node of roots) {
    session.frames = [{ mode: 'config' }];
    const banner = node.children.some((c) => c.indent < 0);
    const reply = banner ? undefined : run(node.text, true);
    if (!reply || reply.rejected || reply.question) {
      state.model.others.push({ lines: flatten(node) });
      continue;
    }
    children(node.children, 2);
  }
  session.frames = [];
}
