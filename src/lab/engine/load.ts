/**
 * Boots the device from config text (a `show running-config` or a saved state): every line
 * is executed in its mode as the router does with its startup-config; lines outside the
 * model are kept as text (top-level blocks) or as unmodelled children of their object.
 * The text is split into blocks by the project's parser (src/iosxe/parse.ts).
 */
import { type ConfigNode, parseConfig } from '../../iosxe/parse.js';
import { printNode } from '../../iosxe/print.js';
import type { CliSession, DeviceState } from './context.js';
import { parseInterfaceName } from '../../iosxe/interface-names.js';
import type { Reply } from './types.js';

/** Drops hand-written indentation: the device prints one space per level. */
function deviceIndent(node: ConfigNode): ConfigNode {
  const { indent: _indent, closer, children, ...rest } = node;
  return { ...rest, children: children.map(deviceIndent), ...(closer ? { closer: { text: closer.text } } : {}) };
}

/** A node and everything under it, one space per level, as the device prints it. */
function flatten(node: ConfigNode): string[] {
  const out: string[] = [];
  printNode(deviceIndent(node), 0, out);
  return out;
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
    case 'config-ipvrf':
    case 'config-vrf-af': {
      const v = m.vrfs.find((x) => x.name === frame.target);
      v?.[frame.mode === 'config-vrf-af' ? 'afExtra' : 'extra'].push(...lines);
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

/** The hardware: physical ports named in the config, else a C8000V's three. */
export function discoverHardware(text: string, state: DeviceState): void {
  for (const node of parseConfig(text).children) {
    const name = /^interface\s+(\S+)/.exec(node.text)?.[1];
    const parsed = name ? parseInterfaceName(name) : undefined;
    if (parsed?.physical) state.hardware.add(parsed.name);
  }
  if (state.hardware.size === 0) for (const n of [1, 2, 3]) state.hardware.add(`GigabitEthernet${n}`);
}

/** Loads config text into `state.model` (which the caller has emptied), ports first. */
export function loadConfig(
  text: string,
  state: DeviceState,
  run: (line: string, strict: boolean) => Reply,
  session: CliSession,
): void {
  const roots = parseConfig(text).children.filter((n) => !n.comment);
  for (const name of state.hardware) state.model.interfaces.push({ name, shutdown: false, extra: [] });

  /**
   * Runs children in the mode their parent entered (`level` = depth of that mode's frame
   * stack). Returns false when a child could be neither applied nor kept on its object.
   */
  const children = (nodes: ConfigNode[], level: number): boolean => {
    let kept = true;
    for (const child of nodes) {
      if (child.comment) continue;
      session.frames = session.frames.slice(0, level);
      const reply = run(child.text.trim(), true);
      if (reply.rejected || reply.question) kept = keepChild(state, session, flatten(child)) && kept;
      else if (session.frames.length > level) kept = children(child.children, level + 1) && kept;
    }
    return kept;
  };

  for (const node of roots) {
    session.frames = [{ mode: 'config' }];
    const reply = node.body ? undefined : run(node.text, true);
    if (!reply || reply.rejected || reply.question) {
      state.model.others.push({ lines: flatten(node) });
      continue;
    }
    const entered = session.frames[1];
    if (!children(node.children, 2) && entered?.mode.endsWith('-nacl')) {
      // An ACL with entries outside the model stays text, whole, rather than losing lines.
      state.model.acls = state.model.acls.filter((a) => a.name !== entered.target);
      state.model.others.push({ lines: flatten(node) });
    }
  }
  session.frames = [];
}
