/**
 * Interface sub-mode commands (IOSXE.md side effects): description, dot1Q encapsulation, VRF
 * membership in both CLI forms, address, NAT side, policy routing, shutdown, and `default X`
 * for each. Messages come from behaviours.ts.
 */
import { say } from '../behaviours.js';
import { formatIpv4 } from '../../intent/ipv4.js';
import { parseInterfaceName } from '../../iosxe/interface-names.js';
import { type CommandContext, NOTHING, refuse, reply } from './context.js';
import {
  type LabConfigCommand,
  editInterface,
  IF_MODES,
  ipToInt,
  isContiguousMask,
  network,
  targetInterface,
  vrfOf,
} from './config-helpers.js';
import type { Args } from './grammar.js';
import type { Interface } from './model.js';
import type { Reply } from './types.js';

type VrfForm = 'definition' | 'legacy';

/** Changing an interface's VRF removes its address: IOS disables IPv4 on a VRF move and says so. */
function vrfChange(ctx: CommandContext, iface: Interface, vrf: string | undefined, behaviour: 'vrfForwardingRemovesIp' | 'noVrfForwardingRemovesIp', named: string): Reply {
  const hadAddress = iface.address !== undefined;
  iface.vrf = vrf;
  iface.address = undefined;
  ctx.changed();
  return hadAddress ? reply(say(behaviour, { iface: iface.name, vrf: named })) : NOTHING;
}

function joinVrf(form: VrfForm) {
  return (ctx: CommandContext, a: Args): Reply => {
    const i = targetInterface(ctx);
    if (!i) return NOTHING;
    const vrf = vrfOf(ctx.device.model, a.vrf!);
    if (!vrf || (vrf.legacy === true) !== (form === 'legacy')) return refuse(say('vrfNotConfigured', { vrf: a.vrf! }));
    if (i.vrf === a.vrf) return NOTHING;
    return vrfChange(ctx, i, a.vrf, 'vrfForwardingRemovesIp', a.vrf!);
  };
}

function leaveVrf(form: VrfForm) {
  return (ctx: CommandContext): Reply => {
    const i = targetInterface(ctx);
    if (!i || i.vrf === undefined) return NOTHING;
    const current = vrfOf(ctx.device.model, i.vrf);
    if ((current?.legacy === true) !== (form === 'legacy')) return refuse(say('vrfNotConfigured', { vrf: i.vrf }));
    return vrfChange(ctx, i, undefined, 'noVrfForwardingRemovesIp', i.vrf);
  };
}

function setAddress(ctx: CommandContext, a: Args): Reply {
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
  if (clash) return refuse(say('addressOverlap', { network: formatIpv4(mine.start), other: clash.name }));
  i.address = `${a.ip} ${a.mask}`;
  ctx.changed();
  return NOTHING;
}

function setVlan(ctx: CommandContext, a: Args): Reply {
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
}

const clearVlan = editInterface((i) => {
  i.vlan = undefined;
  i.address = undefined;
});
const clearDescription = editInterface((i) => {
  i.description = undefined;
});
const clearAddress = editInterface((i) => {
  i.address = undefined;
});
const clearPolicy = editInterface((i) => {
  i.policy = undefined;
});

function clearNat(ctx: CommandContext, a: Args): Reply {
  const i = targetInterface(ctx);
  if (i && (a.side === undefined || i.nat === a.side)) i.nat = undefined;
  ctx.changed();
  return NOTHING;
}

/** `default shutdown`: a port of a router comes up shut; logical and sub-interfaces come up enabled. */
const defaultShutdown = editInterface((i) => {
  i.shutdown = parseInterfaceName(i.name)?.physical === true && parseInterfaceName(i.name)?.parent === undefined;
});

export const interfaceCommands: LabConfigCommand[] = [
  { modes: IF_MODES, syntax: 'description <text:line>', run: editInterface((i, a) => void (i.description = a.text)) },
  { modes: IF_MODES, syntax: 'no description [<text:line>]', run: clearDescription },
  { modes: IF_MODES, syntax: 'default description', run: clearDescription },
  { modes: ['config-subif'], syntax: 'encapsulation dot1q <vlan:num:1-4094> [native]', run: setVlan },
  { modes: ['config-subif'], syntax: 'no encapsulation dot1q [<vlan:num:1-4094>]', run: clearVlan },
  { modes: ['config-subif'], syntax: 'default encapsulation', run: clearVlan },
  { modes: IF_MODES, syntax: 'vrf forwarding <vrf:word>', run: joinVrf('definition') },
  { modes: IF_MODES, syntax: 'no vrf forwarding [<vrf:word>]', run: leaveVrf('definition') },
  { modes: IF_MODES, syntax: 'default vrf forwarding', run: leaveVrf('definition') },
  { modes: IF_MODES, syntax: 'ip vrf forwarding <vrf:word>', run: joinVrf('legacy') },
  { modes: IF_MODES, syntax: 'no ip vrf forwarding [<vrf:word>]', run: leaveVrf('legacy') },
  { modes: IF_MODES, syntax: 'default ip vrf forwarding', run: leaveVrf('legacy') },
  { modes: IF_MODES, syntax: 'ip address <ip:ip> <mask:ip>', run: setAddress },
  { modes: ['config-if'], syntax: 'ip address dhcp', run: editInterface((i) => void (i.address = 'dhcp')) },
  { modes: IF_MODES, syntax: 'no ip address [<ip:ip> <mask:ip>]', run: clearAddress },
  { modes: IF_MODES, syntax: 'default ip address', run: clearAddress },
  { modes: IF_MODES, syntax: 'ip nat {inside|outside}=side', run: editInterface((i, a) => void (i.nat = a.side as 'inside' | 'outside')) },
  { modes: IF_MODES, syntax: 'no ip nat {inside|outside}=side', run: clearNat },
  { modes: IF_MODES, syntax: 'default ip nat [{inside|outside}=side]', run: clearNat },
  { modes: IF_MODES, syntax: 'ip policy route-map <name:word>', run: editInterface((i, a) => void (i.policy = a.name)) },
  { modes: IF_MODES, syntax: 'no ip policy route-map [<name:word>]', run: clearPolicy },
  { modes: IF_MODES, syntax: 'default ip policy [route-map]', run: clearPolicy },
  { modes: IF_MODES, syntax: 'shutdown', run: editInterface((i) => void (i.shutdown = true)) },
  { modes: IF_MODES, syntax: 'no shutdown', run: editInterface((i) => void (i.shutdown = false)) },
  { modes: IF_MODES, syntax: 'default shutdown', run: defaultShutdown },
];

