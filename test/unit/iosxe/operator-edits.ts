/**
 * The operator-edit property (issue 9, item 6), with the applier as a parameter: start from a router
 * holding exactly the intent, make random edits inside our objects as an operator at the CLI would
 * leave them in running-config (negations the device prints as `no …`, extra children, changed values,
 * `shutdown`, removed lines), then one plan applied by `apply` must restore the intended owned config,
 * touch nothing else, and a second plan must be empty.
 *
 * The edits are written as the device prints the result, never as the commands typed: ` no ip address`
 * after `no ip address`, nothing after `no vrf forwarding` but the missing VRF and address, ….
 */
import assert from 'node:assert/strict';
import { cliLines } from '../../../src/iosxe/commands.js';
import { parseConfig, printConfig } from '../../../src/iosxe/parse.js';
import { plan } from '../../../src/iosxe/plan.js';
import type { ConfigNode, ConfigTree } from '../../../src/iosxe/types.js';
import { ownedView, unownedView } from './compare.js';
import { OPTIONS, prng, randomWorld, renderIntended, renderRunning } from './world.js';

/** Types `lines` into a router whose running-config is `runningText`; returns its running-config after. */
export type Applier = (runningText: string, lines: readonly string[]) => ConfigTree;

interface Edit {
  name: string;
  /** The blocks it applies to (first line). */
  block: RegExp;
  /** Changes the block's children as the device would print them after the operator's command(s). */
  edit: (block: ConfigNode, n: number) => void;
}

const line = (text: string): ConfigNode => ({ text, children: [] });
const without = (block: ConfigNode, pattern: RegExp) => (block.children = block.children.filter((c) => !pattern.test(c.text)));
const replace = (block: ConfigNode, pattern: RegExp, text: string) => (block.children = block.children.map((c) => (pattern.test(c.text) ? line(text) : c)));
/** The device prints a line once, however often it is typed. (A new array: a parsed leaf's children are shared and frozen.) */
const add = (block: ConfigNode, text: string, node = line(text)) => {
  if (!block.children.some((c) => c.text === text)) block.children = [...block.children, node];
};

const SUBIF = /^interface GigabitEthernet2\.\d+$/;
const VRF = /^vrf definition t\d+$/;
const ACL = /^ip access-list standard TRANSLATOR-NAT-t\d+$/;

export const EDITS: readonly Edit[] = [
  { name: 'no ip address', block: SUBIF, edit: (b) => replace(b, /^ip address \S+ \S+$/, 'no ip address') },
  { name: 'shutdown', block: SUBIF, edit: (b) => add(b, 'shutdown') },
  { name: 'no ip redirects', block: SUBIF, edit: (b) => add(b, 'no ip redirects') },
  { name: 'no ip proxy-arp', block: SUBIF, edit: (b) => add(b, 'no ip proxy-arp') },
  { name: 'no cdp enable', block: SUBIF, edit: (b) => add(b, 'no cdp enable') },
  { name: 'secondary address', block: SUBIF, edit: (b, n) => add(b, `ip address 10.77.${n}.1 255.255.255.0 secondary`) },
  { name: 'helper address', block: SUBIF, edit: (b) => add(b, 'ip helper-address 10.1.1.1') },
  { name: 'changed address', block: SUBIF, edit: (b, n) => replace(b, /^ip address \S+ \S+$/, `ip address 10.78.${n}.1 255.255.255.0`) },
  { name: 'nat outside instead of inside', block: SUBIF, edit: (b) => replace(b, /^ip nat inside$/, 'ip nat outside') },
  { name: 'no ip nat inside', block: SUBIF, edit: (b) => without(b, /^ip nat inside$/) },
  { name: 'no ip policy', block: SUBIF, edit: (b) => without(b, /^ip policy route-map /) },
  { name: 'other policy route-map', block: SUBIF, edit: (b) => replace(b, /^ip policy route-map /, 'ip policy route-map OTHER') },
  // `no vrf forwarding` leaves the interface without VRF and without its address.
  { name: 'no vrf forwarding', block: SUBIF, edit: (b) => without(b, /^(vrf forwarding|ip address) /) },
  // Not seen printed by IOS (it prints nothing for an interface without VRF), but if it were, the intended value settles it.
  { name: 'printed no vrf forwarding', block: SUBIF, edit: (b) => replace(b, /^vrf forwarding /, 'no vrf forwarding') },
  // A changed tag: the device drops the address with the old encapsulation.
  { name: 'changed dot1Q tag', block: SUBIF, edit: (b, n) => (replace(b, /^encapsulation dot1Q /, `encapsulation dot1Q ${3900 + n}`), without(b, /^ip address /)) },
  { name: 'description edited, marker kept', block: /^(interface GigabitEthernet2\.\d+|vrf definition t\d+)$/, edit: (b) => replace(b, /^description /, `${b.children[0]!.text} (edited)`) },
  { name: 'rd', block: VRF, edit: (b, n) => (without(b, /^rd /), b.children.splice(1, 0, line(`rd 65000:${n}`))) },
  { name: 'route-target', block: VRF, edit: (b, n) => add(b.children.find((c) => c.text === 'address-family ipv4')!, `route-target export 65000:${n}`) },
  { name: 'address-family ipv6', block: VRF, edit: (b) => add(b, 'address-family ipv6', { text: 'address-family ipv6', children: [], closer: { text: 'exit-address-family' } }) },
  { name: 'extra ACL entry', block: ACL, edit: (b) => add(b, '20 deny   any') },
  { name: 'changed ACL entry', block: ACL, edit: (b) => replace(b, /^10 permit /, '10 permit 10.79.0.0 0.0.255.255') },
  { name: 'extra route-map clause', block: /^route-map TRANSLATOR-EGRESS permit 10$/, edit: (b) => add(b, 'set ip next-hop 203.0.113.9') },
  { name: 'no ip nat outside', block: /^interface GigabitEthernet1$/, edit: (b) => without(b, /^ip nat outside$/) },
];

export interface EditsOptions {
  cases?: number;
  seed?: number;
}

/** Runs the property against `apply`; throws (assert) on the first case that does not converge. Returns the edits made. */
export function checkOperatorEdits(apply: Applier, { cases = 150, seed = 0x0ed17 }: EditsOptions = {}): Map<string, number> {
  const rand = prng(seed);
  const made = new Map<string, number>();
  for (let i = 0; i < cases; i++) {
    const world = randomWorld(rand, 1 + Math.floor(rand() * 4));
    const intended = parseConfig(renderIntended(world));
    const running = parseConfig(renderRunning(world, 1));
    const names: string[] = [];
    for (let e = 1 + Math.floor(rand() * 4); e > 0; e--) {
      const edit = EDITS[Math.floor(rand() * EDITS.length)]!;
      const blocks = running.children.filter((n) => edit.block.test(n.text) && (!SUBIF.test(n.text) || n.children.some((c) => c.text.startsWith(`description ${OPTIONS.marker}`))));
      const block = blocks[Math.floor(rand() * blocks.length)];
      if (!block) continue;
      edit.edit(block, i);
      names.push(`${edit.name} on ${block.text}`);
      made.set(edit.name, (made.get(edit.name) ?? 0) + 1);
    }
    const runningText = printConfig(running, { device: true });
    const label = `case ${i} (${names.join('; ')})`;

    const result = plan(parseConfig(runningText), intended, OPTIONS);
    const lines = cliLines(result.commands);
    for (const typed of lines) assert.doesNotMatch(typed, /^\s*no no /, `${label}: never a double negation`);
    const applied = apply(runningText, lines);
    assert.deepEqual(ownedView(applied, OPTIONS), ownedView(intended, OPTIONS), `${label}: owned part is the intent again\n${lines.join('\n')}`);
    assert.deepEqual(unownedView(applied, OPTIONS), unownedView(parseConfig(runningText), OPTIONS), `${label}: nothing else changed`);
    assert.deepEqual(cliLines(plan(applied, intended, OPTIONS).commands), [], `${label}: a second plan sends nothing`);
  }
  return made;
}
