/** Lookups and address arithmetic shared by the config command tables. */
import { parseIpv4 } from '../../intent/ipv4.js';
import type { Args } from './grammar.js';
import type { Acl, ConfigModel, Interface, Vrf } from './model.js';
import { type CommandContext, NOTHING } from './context.js';
import type { ModeName, Reply } from './types.js';

export interface LabConfigCommand {
  modes: ModeName[];
  syntax: string;
  run(ctx: CommandContext, args: Args): Reply;
}

export const IF_MODES: ModeName[] = ['config-if', 'config-subif'];

export const vrfOf = (m: ConfigModel, name: string): Vrf | undefined => m.vrfs.find((v) => v.name === name);
export const aclOf = (m: ConfigModel, name: string): Acl | undefined => m.acls.find((a) => a.name === name);
export const ifaceOf = (m: ConfigModel, name: string): Interface | undefined => m.interfaces.find((i) => i.name === name);

export function targetInterface(ctx: CommandContext): Interface | undefined {
  return ifaceOf(ctx.device.model, ctx.frame.target ?? '');
}

export function targetVrf(ctx: CommandContext): Vrf | undefined {
  return vrfOf(ctx.device.model, ctx.frame.target ?? '');
}

/** A command that edits the interface of the current sub-mode; the config counts as changed either way, as on IOS. */
export function editInterface(edit: (i: Interface, a: Args) => void): (ctx: CommandContext, a: Args) => Reply {
  return (ctx, a) => {
    const i = targetInterface(ctx);
    if (i) edit(i, a);
    ctx.changed();
    return NOTHING;
  };
}

/** An address or mask the grammar took (so in its printed form) as a number. */
export function ipToInt(ip: string): number {
  const value = parseIpv4(ip);
  if (value === null) throw new Error(`lab: ${JSON.stringify(ip)} is not an address the grammar took`);
  return value;
}

export function isContiguousMask(mask: string): boolean {
  const inverted = ~ipToInt(mask) >>> 0;
  return (inverted & (inverted + 1)) === 0;
}

/** Prefix length of a contiguous mask (255.255.255.0 → 24). */
export function maskLength(mask: string): number {
  const n = ipToInt(mask);
  let bits = 0;
  for (let b = 31; b >= 0 && (n >>> b) & 1; b--) bits++;
  return bits;
}

/** The network an `A M` address belongs to, as a range of integers. */
export function network(address: string): { start: number; end: number } | undefined {
  const [ip, mask] = address.split(' ');
  if (!ip || !mask || !/^\d/.test(mask)) return undefined;
  const m = ipToInt(mask);
  const start = (ipToInt(ip) & m) >>> 0;
  return { start, end: (start | (~m >>> 0)) >>> 0 };
}
