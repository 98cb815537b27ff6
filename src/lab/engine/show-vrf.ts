/**
 * `show vrf [NAME]` and `show vrf detail [NAME]` as IOS XE prints them (behaviours showVrf,
 * showVrfDetail): one interface per line with continuation lines, `<not set>` for a missing RD,
 * `ipv4` for a legacy `ip vrf`, "Old CLI format" / "New CLI format" in the detail.
 */
import { say } from '../behaviours.js';
import { compareInterfaceNames, shortInterfaceName } from '../../iosxe/interface-names.js';
import type { DeviceState } from './context.js';
import type { ConfigModel, Vrf } from './model.js';

const lines = (rows: string[]) => rows.map((l) => `${l}\n`).join('');

const rdOf = (v: Vrf) => v.extra.find((e) => e.startsWith('rd '))?.slice(3) ?? '<not set>';
const protocolsOf = (v: Vrf) => (v.legacy || v.ipv4 ? 'ipv4' : '');

function interfacesOf(m: ConfigModel, v: Vrf): string[] {
  return m.interfaces
    .filter((i) => i.vrf === v.name)
    .map((i) => i.name)
    .sort(compareInterfaceNames)
    .map(shortInterfaceName);
}

/** The interfaces column starts here; further interfaces go on lines of their own, aligned under it. */
const INTERFACE_COLUMN = 69;

function chosen(device: DeviceState, only?: string): Vrf[] {
  return device.model.vrfs.filter((v) => only === undefined || v.name === only);
}

export function showVrf(device: DeviceState, only?: string): string {
  const rows = [say('showVrf')];
  for (const v of chosen(device, only)) {
    const [first, ...more] = interfacesOf(device.model, v);
    rows.push(`  ${v.name.padEnd(32)} ${rdOf(v).padEnd(21)} ${protocolsOf(v).padEnd(11)} ${first ?? ''}`.trimEnd());
    for (const name of more) rows.push(`${' '.repeat(INTERFACE_COLUMN)}${name}`);
  }
  return lines(rows);
}

function routeTargets(v: Vrf, direction: 'export' | 'import'): string[] {
  const prefix = `route-target ${direction} `;
  const rts = [...v.extra, ...v.afExtra].filter((l) => l.startsWith(prefix)).map((l) => `RT:${l.slice(prefix.length)}`);
  const label = direction === 'export' ? 'Export' : 'Import';
  return rts.length === 0 ? [`  No ${label} VPN route-target communities`] : [`  ${label} VPN route-target communities`, ...rts.map((rt) => `    ${rt.padEnd(24)}`)];
}

function detail(m: ConfigModel, v: Vrf, id: number): string[] {
  const interfaces = interfacesOf(m, v);
  const rows = [`VRF ${v.name} (VRF Id = ${id}); default RD ${rdOf(v)}; default VPNID <not set>`];
  if (v.description !== undefined) rows.push(`  Description: ${v.description}`);
  rows.push(v.legacy ? '  Old CLI format, supports IPv4 only' : '  New CLI format, supports multiple address-families');
  rows.push(`  Flags: ${v.legacy ? '0x8' : '0x1808'}`);
  rows.push(...(interfaces.length === 0 ? ['  No interfaces'] : ['  Interfaces:', ...interfaces.map((i) => `    ${i.padEnd(24)}`)]));
  if (v.ipv4 || v.legacy) {
    rows.push(
      `Address family ipv4 unicast (Table ID = 0x${id.toString(16).toUpperCase()}):`,
      '  Flags: 0x0',
      ...routeTargets(v, 'export'),
      ...routeTargets(v, 'import'),
      '  No import route-map',
      '  No global export route-map',
      '  No export route-map',
      '  VRF label distribution protocol: not configured',
      '  VRF label allocation mode: per-prefix',
    );
  } else rows.push('Address family ipv4 unicast not active');
  rows.push('Address family ipv6 unicast not active', 'Address family ipv4 multicast not active', 'Address family ipv6 multicast not active', '');
  return rows;
}

export function showVrfDetail(device: DeviceState, only?: string): string {
  const m = device.model;
  return lines(m.vrfs.flatMap((v, index) => (only === undefined || v.name === only ? detail(m, v, index + 1) : [])));
}
