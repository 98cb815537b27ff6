/** Named ACLs (IOSXE.md show running-config: sequence numbers, padded deny, host form, remarks) and route-maps. */
import { say } from '../behaviours.js';
import { type CommandContext, NOTHING, refuse } from './context.js';
import { aclOf, type LabConfigCommand } from './config-helpers.js';
import { nextSequence } from './print.js';
import type { ModeName, Reply } from './types.js';

const ACL_MODES: ModeName[] = ['config-std-nacl', 'config-ext-nacl'];

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


export const aclCommands: LabConfigCommand[] = [
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
    (syntax): LabConfigCommand[] => {
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
