/** NAT mappings (IOSXE.md side effects): static and list/overload lines, the in-use questions. */
import { say } from '../behaviours.js';
import { type CommandContext, NOTHING, refuse } from './context.js';
import { type LabConfigCommand, ifaceOf, vrfOf } from './config-helpers.js';
import { listKey, staticKey } from './nat.js';
import type { Reply } from './types.js';

/** The in-use question and the refusal of each kind of mapping (behaviours natStaticInUse*, natDynamicInUse*). */
const IN_USE = {
  static: { ask: 'natStaticInUse', kept: 'natStaticInUseKept' },
  list: { ask: 'natDynamicInUse', kept: 'natDynamicInUseKept' },
} as const;

/** Removes a mapping; with live translations IOS asks first, and `yes` clears them with it. */
function deleteMapping(ctx: CommandContext, kind: keyof typeof IN_USE, key: string, drop: () => void): Reply {
  const remove = (): Reply => {
    ctx.device.nat.clear(key);
    drop();
    ctx.changed();
    return NOTHING;
  };
  if (!ctx.device.nat.inUse(key)) return remove();
  return {
    output: '',
    question: {
      prompt: say(IN_USE[kind].ask),
      answer: (text) => (/^y(es?)?$/i.test(text.trim()) ? remove() : refuse(say(IN_USE[kind].kept))),
    },
  };
}

function deleteStatic(ctx: CommandContext, index: number): Reply {
  const m = ctx.device.model;
  const entry = m.natStatics[index]!;
  return deleteMapping(ctx, 'static', staticKey(entry), () => (m.natStatics = m.natStatics.filter((s) => s !== entry)));
}

function deleteList(ctx: CommandContext, index: number): Reply {
  const m = ctx.device.model;
  const entry = m.natLists[index]!;
  return deleteMapping(ctx, 'list', listKey(entry), () => (m.natLists = m.natLists.filter((l) => l !== entry)));
}

export const natCommands: LabConfigCommand[] = [
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
];
