/**
 * VRFs in both CLI forms IOS XE accepts: `vrf definition NAME` (multi-protocol, `vrf forwarding`)
 * and the legacy `ip vrf NAME` (IPv4 only, `ip vrf forwarding`), with their rd, route-targets,
 * description and address family. Messages come from behaviours.ts.
 */
import { say } from '../behaviours.js';
import { type CommandContext, NOTHING, refuse, reply } from './context.js';
import { type LabConfigCommand, targetVrf, vrfOf } from './config-helpers.js';
import type { Args } from './grammar.js';
import type { Vrf } from './model.js';
import type { ModeName, Reply } from './types.js';

/** The two forms: how they are entered, removed, and what they print on removal. */
const FORMS = {
  definition: { keyword: 'vrf definition', mode: 'config-vrf', notice: 'noVrfDefinition' },
  legacy: { keyword: 'ip vrf', mode: 'config-ipvrf', notice: 'noIpVrf' },
} as const;
type Form = keyof typeof FORMS;

const isForm = (v: Vrf, form: Form) => (form === 'legacy') === (v.legacy === true);

function enterVrf(form: Form) {
  return (ctx: CommandContext, a: Args): Reply => {
    const m = ctx.device.model;
    const existing = vrfOf(m, a.name!);
    // One name, one form: the other form's command does not find it.
    if (existing && !isForm(existing, form)) return refuse(say('vrfNotConfigured', { vrf: a.name! }));
    if (!existing) {
      m.vrfs.push({ name: a.name!, ...(form === 'legacy' ? { legacy: true, ipv4: true } : { ipv4: false }), extra: [], afExtra: [] });
      ctx.changed();
    }
    ctx.enter(FORMS[form].mode, a.name);
    return NOTHING;
  };
}

/** Removing a VRF strips VRF and address from its interfaces; IOS says so whether or not any used it. */
function removeVrf(form: Form) {
  return (ctx: CommandContext, a: Args): Reply => {
    const m = ctx.device.model;
    const vrf = vrfOf(m, a.name!);
    if (!vrf || !isForm(vrf, form)) return refuse(say('vrfNotConfigured', { vrf: a.name! }));
    for (const i of m.interfaces.filter((x) => x.vrf === vrf.name)) {
      i.vrf = undefined;
      i.address = undefined;
    }
    m.vrfs = m.vrfs.filter((v) => v !== vrf);
    ctx.changed();
    return reply(...say(FORMS[form].notice, { vrf: vrf.name }).split('\n'));
  };
}

/** Device order of the lines under a VRF (and its address family): rd, exports, imports, the rest as typed. */
function lineRank(line: string): number {
  if (line.startsWith('rd ')) return 0;
  if (line.startsWith('route-target export ')) return 1;
  if (line.startsWith('route-target import ')) return 2;
  return 3;
}

/** Adds or replaces a line: `rd` replaces the rd, a route-target is added once; device order is kept. */
function placeLine(lines: string[], line: string): string[] {
  const rest = line.startsWith('rd ') ? lines.filter((l) => !l.startsWith('rd ')) : lines.filter((l) => l !== line);
  const at = rest.findIndex((l) => lineRank(l) > lineRank(line));
  return at < 0 ? [...rest, line] : [...rest.slice(0, at), line, ...rest.slice(at)];
}

const VRF_MODES: ModeName[] = ['config-vrf', 'config-ipvrf'];

/** Which line list a mode edits. */
function linesOf(ctx: CommandContext): { get: () => string[]; set: (lines: string[]) => void } | undefined {
  const v = targetVrf(ctx);
  if (!v) return undefined;
  return ctx.frame.mode === 'config-vrf-af'
    ? { get: () => v.afExtra, set: (lines) => (v.afExtra = lines) }
    : { get: () => v.extra, set: (lines) => (v.extra = lines) };
}

function editLines(edit: (lines: string[], a: Args) => string[]) {
  return (ctx: CommandContext, a: Args): Reply => {
    const target = linesOf(ctx);
    if (target) target.set(edit(target.get(), a));
    ctx.changed();
    return NOTHING;
  };
}

const routeTargets = (a: Args): string[] =>
  a.dir === 'both' ? [`route-target export ${a.rt}`, `route-target import ${a.rt}`] : [`route-target ${a.dir} ${a.rt}`];

export const vrfCommands: LabConfigCommand[] = [
  { modes: ['config'], syntax: 'vrf definition <name:word>', run: enterVrf('definition') },
  { modes: ['config'], syntax: 'no vrf definition <name:word>', run: removeVrf('definition') },
  { modes: ['config'], syntax: 'ip vrf <name:word>', run: enterVrf('legacy') },
  { modes: ['config'], syntax: 'no ip vrf <name:word>', run: removeVrf('legacy') },
  {
    modes: VRF_MODES,
    syntax: 'description <text:line>',
    run: (ctx, a) => {
      const v = targetVrf(ctx);
      if (v) v.description = a.text;
      ctx.changed();
      return NOTHING;
    },
  },
  {
    modes: VRF_MODES,
    syntax: 'no description [<text:line>]',
    run: (ctx) => {
      const v = targetVrf(ctx);
      if (v) v.description = undefined;
      ctx.changed();
      return NOTHING;
    },
  },
  { modes: VRF_MODES, syntax: 'rd <rd:word>', run: editLines((lines, a) => placeLine(lines, `rd ${a.rd}`)) },
  {
    modes: VRF_MODES,
    syntax: 'no rd [<rd:word>]',
    run: editLines((lines, a) => lines.filter((l) => !(l.startsWith('rd ') && (a.rd === undefined || l === `rd ${a.rd}`)))),
  },
  {
    modes: [...VRF_MODES, 'config-vrf-af'],
    syntax: 'route-target {export|import|both}=dir <rt:word>',
    run: editLines((lines, a) => routeTargets(a).reduce(placeLine, lines)),
  },
  {
    modes: [...VRF_MODES, 'config-vrf-af'],
    syntax: 'no route-target {export|import|both}=dir <rt:word>',
    run: editLines((lines, a) => lines.filter((l) => !routeTargets(a).includes(l))),
  },
  {
    modes: ['config-vrf'],
    syntax: 'address-family ipv4 [unicast]',
    run: (ctx) => {
      const v = targetVrf(ctx);
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
      const v = targetVrf(ctx);
      if (v) {
        v.ipv4 = false;
        v.afExtra = [];
      }
      ctx.changed();
      return NOTHING;
    },
  },
];
