/**
 * The VLAN a macvlan network's config names, read as intent reads it (intent/tenants.ts): the
 * VLAN label, else the parent's ".<vlan>" suffix. Sources compare it between hosts and nodes,
 * whose parents may be named differently ("eth1.10", "bond0.10") but must carry one VLAN.
 */
import { parseVlan } from '../intent/grammar.js';

/** A `parent` like "eth1.10" carries its VLAN after the last dot. */
const PARENT_VLAN = /\.([^.]+)$/;

/** The VLAN as a number, or the text that names none (so that two unreadable VLANs still compare). */
export function vlanOf(parent: string | null, labels: Readonly<Record<string, string>>, vlanLabel: string): number | string {
  const text = labels[vlanLabel] ?? (parent === null ? undefined : PARENT_VLAN.exec(parent)?.[1]) ?? '';
  return parseVlan(text) ?? text;
}
