/**
 * Config-mode commands of the modelled scope, with IOS XE semantics and side effects
 * (IOSXE.md "Side effects and ordering"). Each entry: the modes it is valid in, its syntax
 * (grammar.ts), and what it does to the model. Messages come from behaviours.ts.
 */
import { say } from '../behaviours.js';
import type { Args } from './grammar.js';
import { parseInterfaceName } from '../../iosxe/interface-names.js';
import type { Acl, ConfigModel, Interface, Vrf } from './model.js';
import { listKey, staticKey } from './nat.js';
import { nextSequence } from './print.js';
import { type CommandContext, NOTHING, refuse, reply } from './context.js';
import type { ModeName, Reply } from './types.js';

export interface ConfigCommand {
  modes: ModeName[];
  syntax: string;
  run(ctx: CommandContext, args: Args): Reply;
}

const IF_MODES: ModeName[] = ['config-if', 'config-subif'];
const ACL_MODES: ModeName[] = ['config-std-nacl', 'config-ext-nacl'];

const CONFIG_MODES: ModeName[] = ['config', 'config-if', 'config-subif', 'config-vrf', 'config-vrf-af', 'config-std-nacl', 'config-ext-nacl', 'config-route-map', 'config-archive'];

/** exit / end / exit-address-family: leave modes. */
const controlCommands: ConfigCommand[] = [
  {
    modes: CONFIG_MODES,
    syntax: 'end',
    run: (ctx) => {
      ctx.session.frames = [];
      return NOTHING;
    },
  },
  {
    modes: CONFIG_MODES,
    syntax: 'exit',
    run: (ctx) => {
      ctx.session.frames.pop();
      return NOTHING;
    },
  },
  {
    modes: ['config-vrf-af'],
    syntax: 'exit-address-family',
    run: (ctx) => {
      ctx.session.frames.pop();
      return NOTHING;
    },
  },
];

// ---- helpers --------------------------------------------------------------------------------
const vrfOf = (m: ConfigModel, name: string): Vrf | undefined => m.vrfs.find((v) => v.name === name);
const aclOf = (m: ConfigModel, name: string): Acl | undefined => m.acls.find((a) => a.name === name);
const ifaceOf = (m: ConfigModel, name: string): Interface | undefined => m.interfaces.find((i) => i.name === name);

function targetInterface(ctx: CommandContext): Interface | undefined {
  return ifaceOf(ctx.device.model, ctx.frame.target ?? '');
}

/** A command that edits the interface of the current sub-mode; the config counts as changed either way, as on IOS. */
function editInterface(edit: (i: Interface, a: Args) => void): (ctx: CommandContext, a: Args) => Reply {
  return (ctx, a) => {
    const i = targetInterface(ctx);
    if (i) edit(i, a);
    ctx.changed();
    return NOTHING;
  };
}

function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function isContiguousMask(mask: string): boolean {
  const n = ipToInt(mask);
  const inverted = ~n >>> 0;
  return (inverted & (inverted + 1)) === 0;
}

function network(address: string): { start: number; end: number } | undefined {
  const [ip, mask] = address.split(' ');
  if (!ip || !mask || !/^\d/.test(mask)) return undefined;
  const m = ipToInt(mask);
  const start = (ipToInt(ip) & m) >>> 0;
  return { start, end: (start | (~m >>> 0)) >>> 0 };
}

function intToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** Creates an interface the first time it is entered (logical and sub-interfaces only). */
function newInterface(name: string): Interface {
  return { name, shutdown: false, extra: [] };
}

/** Canonical text of a standard ACL rule: host form for /32, `any`, `deny` padded to column 8. */
function standardRule(action: string, source: string, wildcard?: string): string {
  let what = source;
  if (source === 'any' || (wildcard === '255.255.255.255')) what = 'any';
  else if (wildcard !== undefined && wildcard !== '0.0.0.0') what = `${source} ${wildcard}`;
  return `${action === 'deny' ? 'deny  ' : action} ${what}`;
}

/** Canonical text of an extended ACL rule: `A 0.0.0.0` → `host A`, `0.0.0.0 255.255.255.255` → `any`. */
function extendedRule(action: string, rest: string): string {
  const words = rest.trim().split(/\s+/);
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    const next = words[i + 1];
    if (/^\d+\.\d+\.\d+\.\d+$/.test(w) && next === '0.0.0.0') {
      out.push('host', w);
      i++;
    } else if (w === '0.0.0.0' && next === '255.255.255.255') {
      out.push('any');
      i++;
    } else out.push(w);
  }
  return `${action === 'deny' ? 'deny  ' : action} ${out.join(' ')}`;
}

function addAclEntry(ctx: CommandContext, rule: string, seqText?: string): Reply {
  const acl = aclOf(ctx.device.model, ctx.frame.target ?? '');
  if (!acl) return NOTHING;
  if (acl.entries.some((e) => e.rule === rule)) return NOTHING; // IOS keeps one copy of a duplicate entry
  const seq = seqText === undefined ? nextSequence(acl) : Number(seqText);
  if (acl.entries.some((e) => e.seq === seq)) return refuse(say('aclDuplicateSequence'));
  acl.entries.push({ seq, rule, remarks: acl.trailingRemarks });
  acl.trailingRemarks = [];
  acl.entries.sort((a, b) => a.seq - b.seq);
  ctx.changed();
  return NOTHING;
}

function removeAclEntry(ctx: CommandContext, test: (rule: string, seq: number) => boolean): Reply {
  const acl = aclOf(ctx.device.model, ctx.frame.target ?? '');
  if (!acl) return NOTHING;
  acl.entries = acl.entries.filter((e) => !test(e.rule, e.seq));
  ctx.changed();
  return NOTHING;
}

/** Removes the interface's address because its VRF changed (IOS disables IPv4 on a VRF move). */
function vrfChange(ctx: CommandContext, iface: Interface, vrf: string | undefined, behaviour: 'vrfForwardingRemovesIp' | 'noVrfForwardingRemovesIp', named: string): Reply {
  const hadAddress = iface.address !== undefined;
  iface.vrf = vrf;
  iface.address = undefined;
  ctx.changed();
  return hadAddress ? reply(say(behaviour, { iface: iface.name, vrf: named })) : NOTHING;
}

function deleteStatic(ctx: CommandContext, index: number): Reply {
  const { model, nat } = ctx.device;
  const entry = model.natStatics[index]!;
  const remove = (): Reply => {
    nat.clear(staticKey(entry));
    model.natStatics = model.natStatics.filter((s) => s !== entry);
    ctx.changed();
    return NOTHING;
  };
  if (!nat.inUse(staticKey(entry))) return remove();
  return {
    output: '',
    question: {
      prompt: say('natStaticInUse'),
      answer: (text) => (/^y(es?)?$/i.test(text.trim()) ? remove() : refuse(say('natStaticInUseKept'))),
    },
  };
}

function deleteList(ctx: CommandContext, index: number): Reply {
  const { model, nat } = ctx.device;
  const entry = model.natLists[index]!;
  const remove = (): Reply => {
    nat.clear(listKey(entry));
    model.natLists = model.natLists.filter((l) => l !== entry);
    ctx.changed();
    return NOTHING;
  };
  if (!nat.inUse(listKey(entry))) return remove();
  return {
    output: '',
    question: {
      prompt: say('natDynamicInUse'),
      answer: (text) => (/^y(es?)?$/i.test(text.trim()) ? remove() : refuse(say('natDynamicInUseKept'))),
    },
  };
}

// ---- the table --------------------------------------------------------------------------------
export const configCommands: ConfigCommand[] = [
  ...controlCommands,
  // top level
  {
    modes: ['config'],
    syntax: 'hostname <name:word>',
    run: (ctx, a) => {
      ctx.device.model.hostname = a.name!;
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'vrf definition <name:word>',
    run: (ctx, a) => {
      const m = ctx.device.model;
      if (!vrfOf(m, a.name!)) {
        m.vrfs.push({ name: a.name!, ipv4: false, extra: [], afExtra: [] });
        ctx.changed();
      }
      ctx.enter('config-vrf', a.name);
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'no vrf definition <name:word>',
    run: (ctx, a) => {
      const m = ctx.device.model;
      if (!vrfOf(m, a.name!)) return refuse(say('vrfNotConfigured', { vrf: a.name! }));
      const users = m.interfaces.filter((i) => i.vrf === a.name);
      for (const i of users) {
        i.vrf = undefined;
        i.address = undefined;
      }
      m.vrfs = m.vrfs.filter((v) => v.name !== a.name);
      ctx.changed();
      return users.length > 0 ? reply(say('noVrfDefinition', { vrf: a.name! })) : NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'interface <name:iface>',
    run: (ctx, a) => {
      const parsed = parseInterfaceName(a.name!)!;
      const m = ctx.device.model;
      // Ports come with the hardware; a sub-interface needs an existing parent.
      const base = parsed.parent ?? parsed.name;
      const exists = ifaceOf(m, base) !== undefined;
      if ((parsed.physical && !exists) || (parsed.parent && !exists)) return { output: '', rejected: true, invalidWord: 1 };
      if (!ifaceOf(m, parsed.name)) {
        m.interfaces.push(newInterface(parsed.name));
        ctx.changed();
      }
      ctx.enter(parsed.parent ? 'config-subif' : 'config-if', parsed.name);
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'no interface <name:iface>',
    run: (ctx, a) => {
      const m = ctx.device.model;
      if (ctx.device.hardware.has(a.name!)) return refuse(say('noPhysicalInterface'));
      m.interfaces = m.interfaces.filter((i) => i.name !== a.name);
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'ip access-list {standard|extended}=type <name:word>',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const type = a.type as 'standard' | 'extended';
      let acl = aclOf(m, a.name!);
      if (acl && acl.type !== type) return refuse(say('aclTypeConflict'));
      if (!acl) {
        acl = { name: a.name!, type, entries: [], trailingRemarks: [] };
        m.acls.push(acl);
        ctx.changed();
      }
      ctx.enter(acl.type === 'standard' ? 'config-std-nacl' : 'config-ext-nacl', acl.name);
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'no ip access-list {standard|extended}=type <name:word>',
    run: (ctx, a) => {
      const m = ctx.device.model;
      m.acls = m.acls.filter((x) => x.name !== a.name);
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'route-map <name:word> [{permit|deny}=action] [<seq:num:0-65535>]',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const action = (a.action as 'permit' | 'deny' | undefined) ?? 'permit';
      const seq = a.seq !== undefined ? Number(a.seq) : 10;
      let entry = m.routeMaps.find((r) => r.name === a.name && r.seq === seq);
      if (!entry) {
        entry = { name: a.name!, action, seq, lines: [] };
        m.routeMaps.push(entry);
      }
      entry.action = action;
      ctx.changed();
      ctx.enter('config-route-map', `${a.name} ${seq}`);
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'no route-map <name:word> [{permit|deny}=action] [<seq:num:0-65535>]',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const seq = a.seq !== undefined ? Number(a.seq) : undefined;
      m.routeMaps = m.routeMaps.filter((r) => !(r.name === a.name && (seq === undefined || r.seq === seq)));
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'ip nat inside source static <local:ip> <global:ip> [vrf <vrf:word>]',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const vrf = a.vrf;
      if (vrf !== undefined && !vrfOf(m, vrf)) return refuse(say('natUnknownVrf', { vrf }));
      const same = m.natStatics.find((s) => s.local === a.local && s.global === a.global && s.vrf === vrf);
      if (same) return NOTHING;
      const globalTaken = m.natStatics.find((s) => s.global === a.global);
      if (globalTaken) return refuse(say('natGlobalTaken', { local: globalTaken.local, global: globalTaken.global }));
      const localTaken = m.natStatics.find((s) => s.local === a.local && s.vrf === vrf);
      if (localTaken) return refuse(say('natLocalTaken', { local: localTaken.local, global: localTaken.global }));
      m.natStatics.push(vrf === undefined ? { local: a.local!, global: a.global! } : { local: a.local!, global: a.global!, vrf });
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'no ip nat inside source static <local:ip> <global:ip> [vrf <vrf:word>]',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const index = m.natStatics.findIndex((s) => s.local === a.local && s.global === a.global && s.vrf === a.vrf);
      return index < 0 ? NOTHING : deleteStatic(ctx, index);
    },
  },
  {
    modes: ['config'],
    syntax: 'ip nat inside source list <acl:word> interface <iface:iface> [vrf <vrf:word>] [overload=overload]',
    run: (ctx, a) => {
      const m = ctx.device.model;
      if (a.vrf !== undefined && !vrfOf(m, a.vrf)) return refuse(say('natUnknownVrf', { vrf: a.vrf }));
      if (!ifaceOf(m, a.iface!)) return refuse(say('natUnknownInterface', { iface: a.iface! }));
      const entry = { acl: a.acl!, iface: a.iface!, overload: a.overload !== undefined, ...(a.vrf !== undefined ? { vrf: a.vrf } : {}) };
      const index = m.natLists.findIndex((l) => listKey(l) === listKey(entry));
      if (index >= 0) m.natLists[index] = entry;
      else m.natLists.push(entry);
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'no ip nat inside source list <acl:word> interface <iface:iface> [vrf <vrf:word>] [overload=overload]',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const index = m.natLists.findIndex((l) => l.acl === a.acl && l.iface === a.iface && l.vrf === a.vrf);
      return index < 0 ? NOTHING : deleteList(ctx, index);
    },
  },
  {
    modes: ['config'],
    syntax: 'archive',
    run: (ctx) => {
      ctx.device.model.archive ??= [];
      ctx.changed();
      ctx.enter('config-archive');
      return NOTHING;
    },
  },
  {
    modes: ['config'],
    syntax: 'no archive',
    run: (ctx) => {
      ctx.device.model.archive = undefined;
      ctx.changed();
      return NOTHING;
    },
  },
  // archive
  ...(['path <url:line>', 'maximum <n:num:1-14>', 'write-memory', 'time-period <n:num:1-525600>'] as const).map(
    (syntax): ConfigCommand => ({
      modes: ['config-archive'],
      syntax,
      run: (ctx, a) => {
        const archive = (ctx.device.model.archive ??= []);
        const keyword = syntax.split(' ')[0]!;
        const line = a.url !== undefined ? `path ${a.url}` : a.n !== undefined ? `${keyword} ${a.n}` : keyword;
        const at = archive.findIndex((l) => l.split(' ')[0] === keyword);
        if (at >= 0) archive[at] = line;
        else archive.push(line);
        ctx.changed();
        return NOTHING;
      },
    }),
  ),
  // vrf definition
  {
    modes: ['config-vrf'],
    syntax: 'description <text:line>',
    run: (ctx, a) => {
      const v = vrfOf(ctx.device.model, ctx.frame.target ?? '');
      if (v) v.description = a.text;
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config-vrf'],
    syntax: 'no description [<text:line>]',
    run: (ctx) => {
      const v = vrfOf(ctx.device.model, ctx.frame.target ?? '');
      if (v) v.description = undefined;
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config-vrf'],
    syntax: 'address-family ipv4 [unicast]',
    run: (ctx) => {
      const v = vrfOf(ctx.device.model, ctx.frame.target ?? '');
      if (v) v.ipv4 = true;
      ctx.changed();
      ctx.enter('config-vrf-af', ctx.frame.target);
      return NOTHING;
    },
  },
  {
    modes: ['config-vrf'],
    syntax: 'no address-family ipv4 [unicast]',
    run: (ctx) => {
      const v = vrfOf(ctx.device.model, ctx.frame.target ?? '');
      if (v) {
        v.ipv4 = false;
        v.afExtra = [];
      }
      ctx.changed();
      return NOTHING;
    },
  },
  // interfaces
  {
    modes: IF_MODES,
    syntax: 'description <text:line>',
    run: editInterface((i, a) => {
      i.description = a.text;
    }),
  },
  {
    modes: IF_MODES,
    syntax: 'no description [<text:line>]',
    run: editInterface((i) => {
      i.description = undefined;
    }),
  },
  {
    modes: ['config-subif'],
    syntax: 'encapsulation dot1q <vlan:num:1-4094> [native]',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const i = targetInterface(ctx);
      if (!i) return NOTHING;
      const vlan = Number(a.vlan);
      const parent = parseInterfaceName(i.name)?.parent;
      const sibling = m.interfaces.find((o) => o !== i && o.vlan === vlan && parseInterfaceName(o.name)?.parent === parent);
      if (sibling) return refuse(say('duplicateVlan', { vlan, other: sibling.name }));
      i.vlan = vlan;
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config-subif'],
    syntax: 'no encapsulation dot1q [<vlan:num:1-4094>]',
    run: (ctx) => {
      const i = targetInterface(ctx);
      if (i) {
        i.vlan = undefined;
        i.address = undefined;
      }
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: IF_MODES,
    syntax: 'vrf forwarding <vrf:word>',
    run: (ctx, a) => {
      const i = targetInterface(ctx);
      if (!i) return NOTHING;
      if (!vrfOf(ctx.device.model, a.vrf!)) return refuse(say('vrfNotConfigured', { vrf: a.vrf! }));
      if (i.vrf === a.vrf) return NOTHING;
      return vrfChange(ctx, i, a.vrf, 'vrfForwardingRemovesIp', a.vrf!);
    },
  },
  {
    modes: IF_MODES,
    syntax: 'no vrf forwarding [<vrf:word>]',
    run: (ctx) => {
      const i = targetInterface(ctx);
      if (!i || i.vrf === undefined) return NOTHING;
      return vrfChange(ctx, i, undefined, 'noVrfForwardingRemovesIp', i.vrf);
    },
  },
  {
    modes: IF_MODES,
    syntax: 'ip address <ip:ip> <mask:ip>',
    run: (ctx, a) => {
      const m = ctx.device.model;
      const i = targetInterface(ctx);
      if (!i) return NOTHING;
      if (ctx.frame.mode === 'config-subif' && i.vlan === undefined) return refuse(say('subinterfaceNeedsEncapsulation'));
      if (!isContiguousMask(a.mask!)) {
        const hex = ipToInt(a.mask!).toString(16).toUpperCase().padStart(8, '0');
        return refuse(say('badMask', { hex, ip: a.ip! }));
      }
      const mine = network(`${a.ip} ${a.mask}`)!;
      const clash = m.interfaces.find((o) => {
        if (o === i || o.vrf !== i.vrf || o.address === undefined) return false;
        const theirs = network(o.address);
        return theirs !== undefined && theirs.start <= mine.end && mine.start <= theirs.end;
      });
      if (clash) return refuse(say('addressOverlap', { network: intToIp(mine.start), other: clash.name }));
      i.address = `${a.ip} ${a.mask}`;
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ['config-if'],
    syntax: 'ip address dhcp',
    run: editInterface((i) => {
      i.address = 'dhcp';
    }),
  },
  {
    modes: IF_MODES,
    syntax: 'no ip address [<ip:ip> <mask:ip>]',
    run: editInterface((i) => {
      i.address = undefined;
    }),
  },
  {
    modes: IF_MODES,
    syntax: 'ip nat {inside|outside}=side',
    run: editInterface((i, a) => {
      i.nat = a.side as 'inside' | 'outside';
    }),
  },
  {
    modes: IF_MODES,
    syntax: 'no ip nat {inside|outside}=side',
    run: (ctx, a) => {
      const i = targetInterface(ctx);
      if (i && i.nat === a.side) i.nat = undefined;
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: IF_MODES,
    syntax: 'ip policy route-map <name:word>',
    run: editInterface((i, a) => {
      i.policy = a.name;
    }),
  },
  {
    modes: IF_MODES,
    syntax: 'no ip policy route-map [<name:word>]',
    run: editInterface((i) => {
      i.policy = undefined;
    }),
  },
  {
    modes: IF_MODES,
    syntax: 'shutdown',
    run: editInterface((i) => {
      i.shutdown = true;
    }),
  },
  {
    modes: IF_MODES,
    syntax: 'no shutdown',
    run: editInterface((i) => {
      i.shutdown = false;
    }),
  },
  // named ACLs
  {
    modes: ['config-std-nacl'],
    syntax: '[<seq:num:1-2147483647>] {permit|deny}=action <src:ip> [<wildcard:ip>]',
    run: (ctx, a) => addAclEntry(ctx, standardRule(a.action!, a.src!, a.wildcard ?? '0.0.0.0'), a.seq),
  },
  {
    modes: ['config-std-nacl'],
    syntax: '[<seq:num:1-2147483647>] {permit|deny}=action host <src:ip>',
    run: (ctx, a) => addAclEntry(ctx, standardRule(a.action!, a.src!, '0.0.0.0'), a.seq),
  },
  {
    modes: ['config-std-nacl'],
    syntax: '[<seq:num:1-2147483647>] {permit|deny}=action any',
    run: (ctx, a) => addAclEntry(ctx, standardRule(a.action!, 'any'), a.seq),
  },
  {
    modes: ['config-ext-nacl'],
    syntax: '[<seq:num:1-2147483647>] {permit|deny}=action <protocol:word> <rest:line>',
    run: (ctx, a) => addAclEntry(ctx, extendedRule(a.action!, `${a.protocol} ${a.rest}`), a.seq),
  },
  {
    modes: ACL_MODES,
    syntax: '[<seq:num:1-2147483647>] remark <text:line>',
    run: (ctx, a) => {
      const acl = aclOf(ctx.device.model, ctx.frame.target ?? '');
      if (!acl) return NOTHING;
      const owner = a.seq !== undefined ? acl.entries.find((e) => e.seq === Number(a.seq)) : undefined;
      if (owner) owner.remarks.push(a.text!);
      else acl.trailingRemarks.push(a.text!);
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: ACL_MODES,
    syntax: 'no <seq:num:1-2147483647>',
    run: (ctx, a) => removeAclEntry(ctx, (_, seq) => seq === Number(a.seq)),
  },
  {
    modes: ['config-std-nacl'],
    syntax: 'no {permit|deny}=action <src:ip> [<wildcard:ip>]',
    run: (ctx, a) => removeAclEntry(ctx, (rule) => rule === standardRule(a.action!, a.src!, a.wildcard ?? '0.0.0.0')),
  },
  {
    modes: ['config-std-nacl'],
    syntax: 'no {permit|deny}=action any',
    run: (ctx, a) => removeAclEntry(ctx, (rule) => rule === standardRule(a.action!, 'any')),
  },
  {
    modes: ['config-ext-nacl'],
    syntax: 'no {permit|deny}=action <protocol:word> <rest:line>',
    run: (ctx, a) => removeAclEntry(ctx, (rule) => rule === extendedRule(a.action!, `${a.protocol} ${a.rest}`)),
  },
  // route-maps
  ...(['set global', 'match ip address <acls:line>', 'set vrf <vrf:word>', 'set ip next-hop <hops:line>', 'description <text:line>'] as const).flatMap(
    (syntax): ConfigCommand[] => {
      const key = syntax.replace(/ <.*$/, '');
      const entryOf = (ctx: CommandContext) => {
        const [name, seq] = (ctx.frame.target ?? '').split(' ');
        return ctx.device.model.routeMaps.find((r) => r.name === name && r.seq === Number(seq));
      };
      return [
        {
          modes: ['config-route-map'],
          syntax,
          run: (ctx, a) => {
            const entry = entryOf(ctx);
            if (!entry) return NOTHING;
            const value = a.acls ?? a.vrf ?? a.hops ?? a.text;
            const line = value === undefined ? key : `${key} ${value}`;
            const at = entry.lines.findIndex((l) => l === key || l.startsWith(`${key} `));
            if (at >= 0) entry.lines[at] = line;
            else entry.lines.push(line);
            ctx.changed();
            return NOTHING;
          },
        },
        {
          modes: ['config-route-map'],
          syntax: `no ${key} [<any:line>]`,
          run: (ctx) => {
            const entry = entryOf(ctx);
            if (entry) entry.lines = entry.lines.filter((l) => !(l === key || l.startsWith(`${key} `)));
            ctx.changed();
            return NOTHING;
          },
        },
      ];
    },
  ),
];
