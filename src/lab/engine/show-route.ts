/**
 * `show ip route [vrf NAME]` (behaviours showIpRoute, showIpRouteVrfMissing): connected and local
 * routes of the interfaces that are up, and the `ip route` lines the device keeps as text, in
 * IOS's layout — classful networks with their subnets under an "is (variably) subnetted" line.
 */
import { say } from '../behaviours.js';
import { parseInterfaceName } from '../../iosxe/interface-names.js';
import { formatIpv4 } from '../../intent/ipv4.js';
import { ipToInt, maskLength, network } from './config-helpers.js';
import type { DeviceState } from './context.js';
import type { ConfigModel, Interface } from './model.js';

interface Route {
  code: string;
  start: number;
  length: number;
  /** What follows the prefix: `is directly connected, Gi1` or `[1/0] via 203.0.113.1`. */
  text: string;
}

const lines = (rows: string[]) => rows.map((l) => `${l}\n`).join('');

function isUp(i: Interface, m: ConfigModel): boolean {
  const parent = parseInterfaceName(i.name)?.parent;
  return !i.shutdown && !(parent && m.interfaces.find((p) => p.name === parent)?.shutdown);
}

function connected(m: ConfigModel, vrf: string | undefined): Route[] {
  const routes: Route[] = [];
  for (const i of m.interfaces) {
    if (i.vrf !== vrf || !isUp(i, m) || i.address === undefined || i.address === 'dhcp') continue;
    const [ip, mask] = i.address.split(' ');
    const length = maskLength(mask!);
    const text = `is directly connected, ${i.name}`;
    routes.push({ code: 'C', start: network(i.address)!.start, length, text });
    if (length < 32) routes.push({ code: 'L', start: ipToInt(ip!), length: 32, text });
  }
  return routes;
}

const IP = /^\d+\.\d+\.\d+\.\d+$/;

/** `ip route [vrf V] P M {NEXT-HOP | IFACE [NEXT-HOP]} [distance] …` lines kept as text. */
function statics(m: ConfigModel, vrf: string | undefined): Route[] {
  const routes: Route[] = [];
  for (const block of m.others) {
    const words = (block.lines[0] ?? '').trim().split(/\s+/);
    if (words[0] !== 'ip' || words[1] !== 'route') continue;
    let at = 2;
    const routeVrf = words[2] === 'vrf' ? words[3] : undefined;
    if (routeVrf !== undefined) at = 4;
    if (routeVrf !== vrf) continue;
    const [prefix, mask, first, second, third] = words.slice(at);
    if (!prefix || !mask || !first || !IP.test(prefix) || !IP.test(mask)) continue;
    const start = network(`${prefix} ${mask}`)!.start;
    const length = maskLength(mask);
    const code = length === 0 ? 'S*' : 'S';
    const distance = [second, third].find((w) => w !== undefined && /^\d+$/.test(w)) ?? '1';
    if (IP.test(first)) routes.push({ code, start, length, text: `[${distance}/0] via ${first}` });
    else if (second !== undefined && IP.test(second)) routes.push({ code, start, length, text: `[${distance}/0] via ${second}, ${parseInterfaceName(first)?.name ?? first}` });
    else routes.push({ code, start, length, text: `is directly connected, ${parseInterfaceName(first)?.name ?? first}` });
  }
  return routes;
}

/** The classful network an address belongs to (A /8, B /16, C /24). */
function classful(start: number): { start: number; length: number } {
  const first = start >>> 24;
  const length = first < 128 ? 8 : first < 192 ? 16 : 24;
  const mask = (~0 << (32 - length)) >>> 0;
  return { start: (start & mask) >>> 0, length };
}

function table(routes: Route[]): string[] {
  const rows: string[] = [];
  const ordered = [...routes].sort((a, b) => a.start - b.start || a.length - b.length);
  const groups = new Map<string, Route[]>();
  for (const r of ordered) {
    const key = r.length === 0 ? 'default' : String(classful(r.start).start);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const [key, group] of groups) {
    const net = classful(group[0]!.start);
    const alone = group.length === 1 && (key === 'default' || (group[0]!.length === net.length && group[0]!.start === net.start));
    if (alone) {
      const r = group[0]!;
      rows.push(`${r.code.padEnd(6)}${formatIpv4(r.start)}/${r.length} ${r.text}`);
      continue;
    }
    const masks = new Set(group.map((r) => r.length));
    if (masks.size === 1) rows.push(`      ${formatIpv4(net.start)}/${group[0]!.length} is subnetted, ${group.length} subnets`);
    else rows.push(`      ${formatIpv4(net.start)}/${net.length} is variably subnetted, ${group.length} subnets, ${masks.size} masks`);
    for (const r of group) rows.push(`${r.code.padEnd(9)}${formatIpv4(r.start)}${masks.size === 1 ? '' : `/${r.length}`} ${r.text}`);
  }
  return rows;
}

/** `show ip route [vrf NAME]`; the refusal when the VRF does not exist. */
export function showIpRoute(device: DeviceState, vrf?: string): string {
  const m = device.model;
  if (vrf !== undefined && !m.vrfs.some((v) => v.name === vrf)) return `${say('showIpRouteVrfMissing', { vrf })}\n`;
  const routes = [...connected(m, vrf), ...statics(m, vrf)];
  const gateway = routes.find((r) => r.length === 0 && r.text.startsWith('['));
  const via = gateway ? /via (\S+?)(,|$)/.exec(gateway.text)?.[1] : undefined;
  return lines([
    ...(vrf !== undefined ? ['', `Routing Table: ${vrf}`] : []),
    ...say('showIpRoute').split('\n'),
    '',
    via ? `Gateway of last resort is ${via} to network 0.0.0.0` : 'Gateway of last resort is not set',
    '',
    ...table(routes),
  ]);
}
