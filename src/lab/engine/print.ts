/** Prints the model as IOS XE's `show running-config` does (IOSXE.md "show running-config"). */
import { say } from '../behaviours.js';
import { compareInterfaceNames } from '../../iosxe/interface-names.js';
import type { Acl, ConfigModel, Interface, RouteMapEntry, Vrf } from './model.js';
import { RANKS, rankOf } from './order.js';

interface Block {
  rank: number;
  lines: string[];
}

/** Hardware lines print after `shutdown` (negotiation auto, no mop …); other unmodelled lines before it. */
const AFTER_SHUTDOWN = /^(negotiation|no negotiation|mop|no mop|speed|duplex|media-type|cdp|no cdp|service-policy)\b/;

/** `ip vrf forwarding` for a legacy `ip vrf`, `vrf forwarding` for a `vrf definition`, in the same place. */
function interfaceLines(i: Interface, m: ConfigModel): string[] {
  const lines = [`interface ${i.name}`];
  const child = (text: string) => lines.push(` ${text}`);
  if (i.description !== undefined) child(`description ${i.description}`);
  if (i.vlan !== undefined) child(`encapsulation dot1Q ${i.vlan}`);
  if (i.vrf !== undefined) child(`${m.vrfs.find((v) => v.name === i.vrf)?.legacy ? 'ip vrf' : 'vrf'} forwarding ${i.vrf}`);
  child(i.address === undefined ? 'no ip address' : `ip address ${i.address}`);
  if (i.nat) child(`ip nat ${i.nat}`);
  if (i.policy !== undefined) child(`ip policy route-map ${i.policy}`);
  for (const e of i.extra.filter((e) => !AFTER_SHUTDOWN.test(e))) child(e);
  if (i.shutdown) child('shutdown');
  for (const e of i.extra.filter((e) => AFTER_SHUTDOWN.test(e))) child(e);
  return lines;
}

function vrfLines(v: Vrf): string[] {
  const lines = [`${v.legacy ? 'ip vrf' : 'vrf definition'} ${v.name}`];
  if (v.description !== undefined) lines.push(` description ${v.description}`);
  for (const e of v.extra) lines.push(` ${e}`);
  if (v.ipv4 && !v.legacy) {
    lines.push(' !', ' address-family ipv4');
    for (const e of v.afExtra) lines.push(`  ${e}`);
    lines.push(' exit-address-family');
  }
  return lines;
}

function aclLines(a: Acl): string[] {
  const lines = [`ip access-list ${a.type} ${a.name}`];
  for (const e of a.entries) {
    for (const r of e.remarks) lines.push(` ${e.seq} remark ${r}`);
    lines.push(` ${e.seq} ${e.rule}`);
  }
  const next = nextSequence(a);
  for (const r of a.trailingRemarks) lines.push(` ${next} remark ${r}`);
  return lines;
}

/** IOS numbers a new entry 10 above the highest one. */
export function nextSequence(a: Acl): number {
  const max = a.entries.reduce((m, e) => Math.max(m, e.seq), 0);
  return Math.floor(max / 10) * 10 + 10;
}

function routeMapLines(entries: RouteMapEntry[]): string[] {
  return entries.flatMap((e) => [`route-map ${e.name} ${e.action} ${e.seq}`, ...e.lines.map((l) => ` ${l}`)]);
}

/** The modelled sections, each a list of blocks, in their rank. */
function modelledBlocks(m: ConfigModel): Block[] {
  const blocks: Block[] = [{ rank: RANKS.hostname, lines: [`hostname ${m.hostname}`] }];
  for (const v of m.vrfs) blocks.push({ rank: RANKS.vrf, lines: vrfLines(v) });
  if (m.archive) blocks.push({ rank: RANKS.security, lines: ['archive', ...m.archive.map((l) => ` ${l}`)] });
  const interfaces = [...m.interfaces].sort((a, b) => compareInterfaceNames(a.name, b.name));
  for (const i of interfaces) blocks.push({ rank: RANKS.interface, lines: interfaceLines(i, m) });
  for (const s of m.natStatics) {
    const vrf = s.vrf ? ` vrf ${s.vrf}` : '';
    blocks.push({ rank: RANKS.nat, lines: [`ip nat inside source static ${s.local} ${s.global}${vrf}`] });
  }
  for (const l of m.natLists) {
    const vrf = l.vrf ? ` vrf ${l.vrf}` : '';
    const overload = l.overload ? ' overload' : '';
    blocks.push({ rank: RANKS.nat, lines: [`ip nat inside source list ${l.acl} interface ${l.iface}${vrf}${overload}`] });
  }
  for (const a of m.acls) blocks.push({ rank: RANKS.acl, lines: aclLines(a) });
  const names = [...new Set(m.routeMaps.map((r) => r.name))];
  for (const name of names) {
    const entries = m.routeMaps.filter((r) => r.name === name).sort((a, b) => a.seq - b.seq);
    blocks.push({ rank: RANKS.routeMap, lines: routeMapLines(entries) });
  }
  return blocks;
}

/** All top-level blocks in device order: loaded blocks keep their order, modelled ones slot in by rank. */
function orderedBlocks(m: ConfigModel): Block[] {
  const pending = modelledBlocks(m);
  const out: Block[] = [];
  let inherited: number = RANKS.header;
  for (const other of m.others) {
    const rank = rankOf(other.lines[0] ?? '') ?? inherited;
    inherited = rank;
    while (pending.length > 0 && pending[0]!.rank < rank) out.push(pending.shift()!);
    out.push({ rank, lines: other.lines });
  }
  out.push(...pending);
  return out;
}

/** The config body as saved (`!` separators, `end`), without the header. */
export function configBody(m: ConfigModel, lastChange: string, lastSaved?: string): string {
  const lines = ['!', `! Last configuration change at ${lastChange}`];
  if (lastSaved !== undefined) lines.push(`! NVRAM config last updated at ${lastSaved}`);
  lines.push('!');
  let previous: Block | undefined;
  for (const block of orderedBlocks(m)) {
    if (previous && (previous.lines.length > 1 || block.lines.length > 1 || previous.rank !== block.rank)) lines.push('!');
    lines.push(...block.lines);
    previous = block;
  }
  lines.push('!', 'end', '');
  return lines.join('\n');
}

/** `show running-config`: header with the byte count, then the body. */
export function runningConfigText(m: ConfigModel, lastChange: string, lastSaved?: string): string {
  const body = configBody(m, lastChange, lastSaved);
  return `${say('runningConfigHeader', { bytes: Buffer.byteLength(body) })}\n${body}`;
}

/** `show running-config interface X`. */
export function interfaceConfigText(i: Interface, m: ConfigModel): string {
  const body = `!\n${interfaceLines(i, m).join('\n')}\nend\n`;
  return `${say('runningConfigHeader', { bytes: Buffer.byteLength(body) })}\n${body}`;
}
