/**
 * `show ip nat statistics` (behaviour showIpNatStatistics), in the IOS XE layout of the
 * genieparser fixtures: counts of translations, the inside/outside interfaces three to a line,
 * and one `[Id: n]` line per dynamic mapping.
 */
import { compareInterfaceNames } from '../../iosxe/interface-names.js';
import type { ConfigModel } from './model.js';
import { listKey, type NatTable } from './nat.js';

const lines = (rows: string[]) => rows.map((l) => `${l}\n`).join('');

/** IOS lists interfaces comma-separated, three to a line. */
function interfaceRows(names: string[]): string[] {
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += 3) rows.push(names.slice(i, i + 3).join(', '));
  return rows;
}

export function showNatStatistics(model: ConfigModel, nat: NatTable): string {
  const side = (s: 'inside' | 'outside') => model.interfaces.filter((i) => i.nat === s).map((i) => i.name).sort(compareInterfaceNames);
  const statics = model.natStatics.length;
  const flows = nat.flows.length;
  return lines([
    `Total active translations: ${statics + flows} (${statics} static, ${flows} dynamic; ${flows} extended)`,
    'Outside interfaces:',
    ...interfaceRows(side('outside')),
    'Inside interfaces: ',
    ...interfaceRows(side('inside')),
    'Hits: 0  Misses: 0',
    'Expired translations: 0',
    'Dynamic mappings:',
    ...(model.natLists.length > 0 ? ['-- Inside Source'] : []),
    ...model.natLists.map((l, index) => {
      const refcount = nat.flows.filter((f) => f.owner === listKey(l)).length;
      const vrf = l.vrf !== undefined ? ` vrf ${l.vrf}` : '';
      return `[Id: ${index + 1}] access-list ${l.acl} interface ${l.iface}${vrf} refcount ${refcount}`;
    }),
    'nat-limit statistics:',
    'max entry: max allowed 0, used 0, missed 0',
    'In-to-out drops: 0  Out-to-in drops: 0',
    'Pool stats drop: 0  Mapping stats drop: 0',
    'Port block alloc fail: 0',
    'IP alias add fail: 0',
    'Limit entry add fail: 0',
  ]);
}
