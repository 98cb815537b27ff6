/**
 * `show access-lists [NAME]` and `show ip access-lists [NAME]` (behaviour showAccessLists):
 * a header per ACL and its entries indented by four, a standard wildcard as `A, wildcard bits W`,
 * `deny` padded only in standard ACLs, remarks not shown. ACLs the device keeps as text are
 * printed from their lines.
 */
import type { DeviceState } from './context.js';

const lines = (rows: string[]) => rows.map((l) => `${l}\n`).join('');

const HEADER = { standard: 'Standard IP access list', extended: 'Extended IP access list' } as const;

/** Running-config rule text → `show access-lists` text. */
function shown(type: 'standard' | 'extended', rule: string): string {
  if (type === 'extended') return rule.replace(/^deny +/, 'deny ');
  return rule.replace(/^(permit|deny)( +)(\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)/, '$1$2$3, wildcard bits $4');
}

interface ShownAcl {
  name: string;
  type: 'standard' | 'extended';
  /** `seq rule` pairs. */
  entries: string[];
}

function allAcls(device: DeviceState): ShownAcl[] {
  const modelled = device.model.acls.map((a) => ({ name: a.name, type: a.type, entries: a.entries.map((e) => `${e.seq} ${e.rule}`) }));
  const kept: ShownAcl[] = [];
  for (const block of device.model.others) {
    const head = /^ip access-list (standard|extended) (\S+)$/.exec(block.lines[0] ?? '');
    if (!head) continue;
    const entries = block.lines
      .slice(1)
      .map((l) => l.trim())
      .filter((l) => !/^(\d+ )?remark\b/.test(l));
    kept.push({ name: head[2]!, type: head[1] as 'standard' | 'extended', entries });
  }
  return [...modelled, ...kept];
}

/** A name that matches no ACL prints nothing, as on IOS. */
export function showAccessLists(device: DeviceState, only?: string): string {
  const rows: string[] = [];
  for (const acl of allAcls(device)) {
    if (only !== undefined && acl.name !== only) continue;
    rows.push(`${HEADER[acl.type]} ${acl.name}`);
    for (const entry of acl.entries) {
      const [, seq, rule] = /^(\d+) (.*)$/.exec(entry) ?? [undefined, undefined, entry];
      rows.push(`    ${seq !== undefined ? `${seq} ` : ''}${shown(acl.type, rule!)}`);
    }
  }
  return lines(rows);
}
