/**
 * Config-mode commands of the modelled scope, with IOS XE semantics and side effects
 * (IOSXE.md "Side effects and ordering"). Each entry: the modes it is valid in, its syntax
 * (grammar.ts), and what it does to the model. The tables per object live beside this file;
 * this one holds the mode controls, hostname, interfaces' creation and the archive block.
 * Messages come from behaviours.ts.
 */
import { say } from '../behaviours.js';
import { parseInterfaceName } from '../../iosxe/interface-names.js';
import { aclCommands } from './acl-commands.js';
import { type LabConfigCommand, ifaceOf } from './config-helpers.js';
import { NOTHING, refuse } from './context.js';
import { interfaceCommands } from './interface-commands.js';
import type { Interface } from './model.js';
import { natCommands } from './nat-commands.js';
import type { ModeName } from './types.js';
import { vrfCommands } from './vrf-commands.js';

export type { LabConfigCommand } from './config-helpers.js';

const CONFIG_MODES: ModeName[] = ['config', 'config-if', 'config-subif', 'config-vrf', 'config-ipvrf', 'config-vrf-af', 'config-std-nacl', 'config-ext-nacl', 'config-route-map', 'config-archive'];

/** exit / end / exit-address-family: leave modes. */
const controlCommands: LabConfigCommand[] = [
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

/** Creates an interface the first time it is entered (logical and sub-interfaces only). */
function newInterface(name: string): Interface {
  return { name, shutdown: false, extra: [] };
}

export const configCommands: LabConfigCommand[] = [
  ...controlCommands,
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
    (syntax): LabConfigCommand => ({
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
  ...vrfCommands,
  ...interfaceCommands,
  ...natCommands,
  ...aclCommands,
];
