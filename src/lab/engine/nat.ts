/**
 * The NAT translation table: static mappings show as `---` rows; live flows (made by a test
 * through markInUse) hang off a static mapping or a list mapping and make removals ask.
 */
import { say } from '../behaviours.js';
import type { ConfigModel, NatList, NatStatic } from './model.js';

export interface Flow {
  /** The mapping the flow belongs to (staticKey / listKey). */
  owner: string;
  proto: string;
  insideGlobal: string;
  insideLocal: string;
  outsideLocal: string;
  outsideGlobal: string;
}

export const staticKey = (s: NatStatic): string => `static ${s.local} ${s.global} ${s.vrf ?? ''}`;
export const listKey = (l: NatList): string => `list ${l.acl} ${l.vrf ?? ''}`;

const PEER = '198.51.100.53';

/** Drops flows whose mapping is gone (after a rollback or a replace). */
export function pruneFlows(state: { model: ConfigModel; nat: NatTable }): void {
  const owners = new Set([...state.model.natStatics.map(staticKey), ...state.model.natLists.map(listKey)]);
  state.nat.flows = state.nat.flows.filter((f) => owners.has(f.owner));
}

export class NatTable {
  flows: Flow[] = [];

  inUse(owner: string): boolean {
    return this.flows.some((f) => f.owner === owner);
  }

  clear(owner?: string): void {
    this.flows = owner === undefined ? [] : this.flows.filter((f) => f.owner !== owner);
  }

  /** A live ICMP flow through a static mapping (its inside local or global IP is `match`). */
  addStaticFlow(model: ConfigModel, match: string): boolean {
    const s = model.natStatics.find((x) => x.local === match || x.global === match);
    if (!s) return false;
    const port = 20 + this.flows.length;
    this.flows.push({
      owner: staticKey(s),
      proto: 'icmp',
      insideGlobal: `${s.global}:${port}`,
      insideLocal: `${s.local}:${port}`,
      outsideLocal: `${PEER}:${port}`,
      outsideGlobal: `${PEER}:${port}`,
    });
    return true;
  }

  /** A live PAT flow through a list mapping (its ACL name or VRF is `match`). */
  addDynamicFlow(model: ConfigModel, match: string): boolean {
    const l = model.natLists.find((x) => x.acl === match || x.vrf === match);
    if (!l) return false;
    const outside = model.interfaces.find((i) => i.name === l.iface)?.address?.split(' ')[0] ?? '203.0.113.2';
    const acl = model.acls.find((a) => a.name === l.acl);
    const firstRule = acl?.entries.find((e) => e.rule.startsWith('permit'))?.rule.split(/\s+/)[1];
    const local = firstRule && /^\d/.test(firstRule) ? firstRule.replace(/\.0$/, '.7') : '192.168.1.7';
    const port = 20 + this.flows.length;
    this.flows.push({
      owner: listKey(l),
      proto: 'icmp',
      insideGlobal: `${outside}:${port}`,
      insideLocal: `${local}:${port}`,
      outsideLocal: `${PEER}:${port}`,
      outsideGlobal: `${PEER}:${port}`,
    });
    return true;
  }

  /** `show ip nat translations`. */
  show(model: ConfigModel): string {
    const row = (pro: string, a: string, b: string, c: string, d: string) =>
      `${pro.padEnd(3)} ${a.padEnd(18)} ${b.padEnd(18)} ${c.padEnd(18)} ${d}`.trimEnd();
    const rows = [say('natTranslations')];
    for (const f of this.flows) rows.push(row(f.proto, f.insideGlobal, f.insideLocal, f.outsideLocal, f.outsideGlobal));
    for (const s of model.natStatics) rows.push(row('---', s.global, s.local, '---', '---'));
    rows.push(`Total number of translations: ${this.flows.length + model.natStatics.length}`);
    return rows.map((r) => `${r}\n`).join('');
  }
}
