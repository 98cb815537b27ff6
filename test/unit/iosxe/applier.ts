/**
 * An independent applier of IOS XE config-mode semantics, for tests: it types CLI lines into a copy of a
 * device config the way the device would treat them (IOSXE.md), and throws where the device would
 * answer with a `%` error. It deliberately shares no rule tables with src/iosxe: it is the check.
 */
import type { ConfigNode, ConfigTree } from '../../../src/iosxe/types.js';

export class DeviceError extends Error {}

type Mode = 'global' | 'vrf' | 'af' | 'if' | 'acl' | 'route-map';

interface Level {
  mode: Mode;
  node: ConfigNode;
}

export function applyLines(tree: ConfigTree, lines: readonly string[]): ConfigTree {
  const device = { children: clone(tree.children) };
  const stack: Level[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    try {
      applyLine(device, stack, line);
    } catch (error) {
      if (error instanceof DeviceError) throw new DeviceError(`${line}\n${error.message}`);
      throw error;
    }
  }
  return device;
}

function clone(nodes: ConfigNode[]): ConfigNode[] {
  return nodes.map((n) => ({ ...n, children: clone(n.children) }));
}

function fail(message: string): never {
  throw new DeviceError(message);
}

function applyLine(device: ConfigTree, stack: Level[], line: string): void {
  if (line === 'end') return void (stack.length = 0);
  if (line === 'exit') {
    if (stack.length === 0) fail('% exit at top level');
    stack.pop();
    return;
  }
  if (line === 'exit-address-family') {
    if (stack.at(-1)?.mode !== 'af') fail('% Invalid input detected');
    stack.pop();
    return;
  }
  const level = stack.at(-1);
  if (!level) return global(device, stack, line);
  switch (level.mode) {
    case 'vrf':
      return vrfMode(level.node, stack, line);
    case 'af':
    case 'route-map':
      return plainMode(level.node, line);
    case 'if':
      return interfaceMode(device, level.node, line);
    case 'acl':
      return aclMode(level.node, line);
    case 'global':
      return;
  }
}

const find = (nodes: ConfigNode[], text: string) => nodes.find((n) => n.text === text);
const remove = (nodes: ConfigNode[], node: ConfigNode) => nodes.splice(nodes.indexOf(node), 1);
const child = (text: string): ConfigNode => ({ text, children: [] });

function enter(device: ConfigTree, stack: Level[], mode: Mode, text: string, mayCreate = true): void {
  let node = find(device.children, text);
  if (!node) {
    if (!mayCreate) fail(`% Invalid input detected at '^' marker. (${text} does not exist)`);
    node = child(text);
    device.children.push(node);
  }
  stack.push({ mode, node });
}

function global(device: ConfigTree, stack: Level[], line: string): void {
  let m: RegExpExecArray | null;
  if ((m = /^no (.*)$/.exec(line))) return globalNo(device, m[1]!);
  if (/^vrf definition \S+$/.test(line)) return enter(device, stack, 'vrf', line);
  if ((m = /^interface (\S+)$/.exec(line))) return enter(device, stack, 'if', line, m[1]!.includes('.'));
  if ((m = /^ip access-list (standard|extended) (\S+)$/.exec(line))) {
    const other = device.children.find((n) => n.text === `ip access-list ${m![1] === 'standard' ? 'extended' : 'standard'} ${m![2]}`);
    if (other) fail('% Access-list type conflicts with prior definition');
    return enter(device, stack, 'acl', line);
  }
  if (/^route-map \S+ (permit|deny) \d+$/.test(line)) return enter(device, stack, 'route-map', line);
  if ((m = /^ip nat inside source static (\S+) (\S+) vrf (\S+)$/.exec(line))) {
    const [, local, global, vrf] = m;
    requireVrf(device, vrf!);
    for (const n of device.children) {
      const other = /^ip nat inside source static (\S+) (\S+)(?: vrf (\S+))?/.exec(n.text);
      if (!other || n.text === line) continue;
      if (other[2] === global) fail(`% similar static entry (${other[1]} -> ${global}) already exists`);
      if (other[1] === local && (other[3] ?? '') === vrf) fail(`% ${local} already mapped (${local} -> ${other[2]})`);
    }
    if (!find(device.children, line)) device.children.push(child(line));
    return;
  }
  if ((m = /^ip nat inside source list (\S+) interface (\S+) vrf (\S+) overload$/.exec(line))) {
    requireVrf(device, m[3]!);
    if (!device.children.some((n) => new RegExp(`^ip access-list (standard|extended) ${m![1]}$`).test(n.text))) fail(`% ACL ${m[1]} not found`);
    if (!find(device.children, `interface ${m[2]}`)) fail(`% interface ${m[2]} not found`);
    if (!find(device.children, line)) device.children.push(child(line));
    return;
  }
  if (!find(device.children, line)) device.children.push(child(line));
}

function requireVrf(device: ConfigTree, vrf: string): void {
  if (!find(device.children, `vrf definition ${vrf}`)) fail(`% VRF ${vrf} not configured`);
}

function globalNo(device: ConfigTree, text: string): void {
  const node = find(device.children, text);
  if (!node) fail(`% entry not found: ${text}`);
  remove(device.children, node);
  const vrf = /^vrf definition (\S+)$/.exec(text);
  if (vrf) {
    // The device strips the VRF and every IPv4 address from interfaces still in it.
    for (const iface of device.children) {
      if (!iface.text.startsWith('interface ')) continue;
      if (!iface.children.some((c) => c.text === `vrf forwarding ${vrf[1]}`)) continue;
      iface.children = iface.children.filter((c) => c.text !== `vrf forwarding ${vrf[1]}` && !c.text.startsWith('ip address '));
    }
  }
}

function setDescription(node: ConfigNode, line: string): boolean {
  if (line.startsWith('description ')) {
    node.children = node.children.filter((c) => !c.text.startsWith('description '));
    node.children.unshift(child(line));
    return true;
  }
  if (line === 'no description') {
    node.children = node.children.filter((c) => !c.text.startsWith('description '));
    return true;
  }
  return false;
}

function vrfMode(vrf: ConfigNode, stack: Level[], line: string): void {
  if (setDescription(vrf, line)) return;
  if (/^address-family \S+$/.test(line)) {
    let af = find(vrf.children, line);
    if (!af) vrf.children.push((af = { text: line, children: [], closer: { text: 'exit-address-family' } }));
    stack.push({ mode: 'af', node: af });
    return;
  }
  plainMode(vrf, line);
}

function plainMode(node: ConfigNode, line: string): void {
  const no = /^no (.*)$/.exec(line);
  if (no) {
    const existing = find(node.children, no[1]!);
    if (!existing) fail(`% not configured: ${no[1]}`);
    remove(node.children, existing);
    return;
  }
  if (restoreDefault(node, line)) return;
  if (!find(node.children, line)) node.children.push(child(line));
}

/**
 * A printed `no X` means X is on by default and was turned off; typing X turns it back on, and the
 * device prints nothing for a default. `no no X` does not exist: the device rejects it.
 */
function restoreDefault(node: ConfigNode, line: string): boolean {
  if (line.startsWith('no no ')) fail(`% Invalid input detected at '^' marker. (${line})`);
  const negated = find(node.children, `no ${line}`);
  if (!negated) return false;
  remove(node.children, negated);
  return true;
}

function dropAddresses(iface: ConfigNode): void {
  iface.children = iface.children.filter((c) => !c.text.startsWith('ip address ') && !c.text.startsWith('ipv6 address '));
}

function vrfOf(iface: ConfigNode): string {
  return /^vrf forwarding (\S+)$/.exec(iface.children.find((c) => c.text.startsWith('vrf forwarding '))?.text ?? '')?.[1] ?? '';
}

function subnetOf(address: string, mask: string): string {
  const a = address.split('.').map(Number);
  const m = mask.split('.').map(Number);
  return a.map((x, i) => x & m[i]!).join('.') + '/' + mask;
}

function interfaceMode(device: ConfigTree, iface: ConfigNode, line: string): void {
  if (setDescription(iface, line)) return;
  // Giving a setting a value replaces the device's print of it being unset (` no vrf forwarding`).
  if (!line.startsWith('no ')) iface.children = iface.children.filter((c) => !(c.text.startsWith('no ') && line.startsWith(`${c.text.slice(3)} `)));
  const name = iface.text.slice('interface '.length);
  let m: RegExpExecArray | null;
  if ((m = /^encapsulation dot1Q (\d+)$/.exec(line))) {
    const parent = name.split('.')[0];
    for (const other of device.children) {
      if (other === iface || !other.text.startsWith(`interface ${parent}.`)) continue;
      if (other.children.some((c) => c.text === line)) fail(`% Configuration of multiple subinterfaces of the same main interface with the same VLAN (${m[1]}) is not permitted.`);
    }
    if (iface.children.some((c) => c.text.startsWith('encapsulation ') && c.text !== line)) dropAddresses(iface);
    iface.children = iface.children.filter((c) => !c.text.startsWith('encapsulation '));
    iface.children.push(child(line));
    return;
  }
  if ((m = /^vrf forwarding (\S+)$/.exec(line))) {
    requireVrf(device, m[1]!);
    if (vrfOf(iface) === m[1]) return;
    iface.children = iface.children.filter((c) => !c.text.startsWith('vrf forwarding '));
    dropAddresses(iface);
    iface.children.push(child(line));
    return;
  }
  if (/^ip address(?: \S+)?$/.test(line)) fail('% Incomplete command.');
  if ((m = /^ip address (\S+) (\S+)$/.exec(line))) {
    if (name.includes('.') && !iface.children.some((c) => c.text.startsWith('encapsulation dot1Q '))) {
      fail('% Configuring IP routing on a LAN subinterface is only allowed if that subinterface is already configured as part of an IEEE 802.10, IEEE 802.1Q, or ISL vLAN.');
    }
    const subnet = subnetOf(m[1]!, m[2]!);
    for (const other of device.children) {
      if (other === iface || !other.text.startsWith('interface ') || vrfOf(other) !== vrfOf(iface)) continue;
      for (const c of other.children) {
        const a = /^ip address (\S+) (\S+)/.exec(c.text);
        if (a && subnetOf(a[1]!, a[2]!) === subnet) fail(`% ${subnet} overlaps with ${other.text.slice(10)}`);
      }
    }
    // The new primary replaces the old one, or the device's ` no ip address` print of having none.
    iface.children = iface.children.filter((c) => !/^ip address \S+ \S+$/.test(c.text) && c.text !== 'no ip address');
    iface.children.push(child(line));
    return;
  }
  if ((m = /^ip nat (inside|outside)$/.exec(line))) {
    iface.children = iface.children.filter((c) => !/^ip nat (inside|outside)$/.test(c.text));
    iface.children.push(child(line));
    return;
  }
  if (/^ip policy route-map \S+$/.test(line)) {
    iface.children = iface.children.filter((c) => !c.text.startsWith('ip policy route-map '));
    iface.children.push(child(line));
    return;
  }
  const no = /^no (.*)$/.exec(line);
  if (no) {
    const existing = find(iface.children, no[1]!);
    if (!existing) fail(`% not configured: ${no[1]}`);
    remove(iface.children, existing);
    if (/^((ip )?vrf forwarding|encapsulation) /.test(no[1]!)) dropAddresses(iface);
    return;
  }
  plainMode(iface, line);
}

/** How the device prints a standard/extended entry: host form for /32 in standard ACLs, padded deny. */
function devicePrint(acl: ConfigNode, seq: number, body: string): string {
  let words = body.trim().split(/\s+/);
  if (acl.text.startsWith('ip access-list standard ')) {
    if (words[1] === 'host') words = [words[0]!, ...words.slice(2)];
    else if (words[2] === '0.0.0.0') words = [words[0]!, words[1]!, ...words.slice(3)];
  }
  const [action, ...rest] = words;
  return `${seq} ${action === 'deny' ? 'deny  ' : action} ${rest.join(' ')}`;
}

function aclMode(acl: ConfigNode, line: string): void {
  const seqOf = (n: ConfigNode) => Number(/^(\d+) /.exec(n.text)?.[1] ?? NaN);
  let m: RegExpExecArray | null;
  if ((m = /^no (\d+)$/.exec(line))) {
    const seq = Number(m[1]);
    const before = acl.children.length;
    acl.children = acl.children.filter((c) => seqOf(c) !== seq);
    if (acl.children.length === before) fail(`% entry ${seq} not found`);
    return;
  }
  if ((m = /^(?:(\d+) )?((?:permit|deny) .*)$/.exec(line))) {
    const last = acl.children.reduce((max, c) => Math.max(max, seqOf(c) || 0), 0);
    const seq = m[1] ? Number(m[1]) : last + 10;
    if (acl.children.some((c) => seqOf(c) === seq)) fail('% Duplicate sequence number');
    acl.children.push(child(devicePrint(acl, seq, m[2]!)));
    acl.children.sort((a, b) => seqOf(a) - seqOf(b));
    return;
  }
  fail(`% Invalid input detected in ACL mode: ${line}`);
}
