/**
 * What NAT config that is not ours means for ours (DESIGN.md, "Ownership"): which global addresses it
 * already uses (a floating IP there is left out of the plan, not pushed into a collision), and which
 * lines still need `ip nat outside` on the outside interface (then translator never removes it).
 */
import { formatIpv4, maskOf, parseIpv4 } from '../../intent/ipv4.js';
import type { LineRule } from '../line-rules.js';

export interface NatGlobalRule extends LineRule {
  id: string;
  /** The global addresses the line holds, as inclusive ranges (dotted quads, or a base and a mask/prefix). */
  ranges: (m: RegExpExecArray) => { first: string; last: string }[];
  reason: string;
  source: string;
}

const CORPUS = 'public running-configs in ../shared/corpus';
const IPV4 = '(\\d+\\.\\d+\\.\\d+\\.\\d+)';
const single = (address: string) => [{ first: address, last: address }];

/** Global addresses of NAT lines that are not ours (every form that claims an address on the outside). */
export const NAT_GLOBAL_RULES: readonly NatGlobalRule[] = [
  {
    id: 'inside-static',
    parent: null,
    startsWith: 'ip nat inside source static ',
    pattern: new RegExp(`^ip nat inside source static (?:(?:tcp|udp) )?${IPV4} (?:\\d+ )?${IPV4}(?: |$)`),
    ranges: (m) => single(m[2]!),
    reason: 'a static inside mapping (also per port, `static tcp|udp L Lport G Gport`) owns its global address',
    source: `${CORPUS}: batfish-nat-variants.cfg, ciscoconfparse-sample01.cfg (static tcp …); IOSXE.md (% similar static entry)`,
  },
  {
    id: 'inside-static-network',
    parent: null,
    startsWith: 'ip nat inside source static network ',
    pattern: new RegExp(`^ip nat inside source static network ${IPV4} ${IPV4} (?:/(\\d+)|${IPV4})`),
    ranges: (m) => [networkRange(m[2]!, m[3] !== undefined ? Number(m[3]) : maskLength(m[4]!))],
    reason: 'a static network mapping owns the whole global network',
    source: `${CORPUS}: batfish-nat-static.cfg (static network 1.1.2.0 2.2.2.0 /14, … 255.255.255.0)`,
  },
  {
    id: 'outside-static',
    parent: null,
    startsWith: 'ip nat outside source static ',
    pattern: new RegExp(`^ip nat outside source static (?:(?:tcp|udp) )?${IPV4} (?:\\d+ )?${IPV4}(?: |$)`),
    ranges: (m) => [...single(m[1]!), ...single(m[2]!)],
    reason:
      'an outside mapping claims both addresses (the outside host, and the address inside hosts reach it by); which one a ' +
      'floating IP would collide with depends on routing, so both count (inferred)',
    source: `${CORPUS}: batfish-nat-static.cfg, batfish-nat-variants.cfg (ip nat outside source static 1.1.1.1 2.2.2.2)`,
  },
  {
    id: 'nvi-static',
    parent: null,
    startsWith: 'ip nat source static ',
    pattern: new RegExp(`^ip nat source static (?:(?:tcp|udp) )?${IPV4} (?:\\d+ )?${IPV4}(?: |$)`),
    ranges: (m) => single(m[2]!),
    reason: 'a NAT Virtual Interface static mapping owns its global address like an inside one',
    source: 'Cisco IOS XE NAT Configuration Guide (NAT Virtual Interface: ip nat source static); inferred print form',
  },
  {
    id: 'pool',
    parent: null,
    startsWith: 'ip nat pool ',
    pattern: new RegExp(`^ip nat pool \\S+ ${IPV4} ${IPV4} `),
    ranges: (m) => [{ first: m[1]!, last: m[2]! }],
    reason: 'every address of a pool can be handed out to a dynamic translation at any time',
    source: `${CORPUS}: asr1k-neutron-1.cfg, batfish-nat-dynamic.cfg (ip nat pool P first last netmask|prefix-length)`,
  },
  {
    id: 'pool-address',
    parent: /^ip nat pool \S+ (?:netmask|prefix-length) /,
    startsWith: 'address ',
    pattern: new RegExp(`^address ${IPV4} ${IPV4}$`),
    ranges: (m) => [{ first: m[1]!, last: m[2]! }],
    reason: 'a pool given as ranges lists each range on its own line',
    source: 'Cisco IOS XE NAT Configuration Guide (ip nat pool NAME prefix-length N, then address FIRST LAST); inferred print form',
  },
];

export interface OutsideNatUserRule extends LineRule {
  id: string;
  /** Whether such a line still needs `ip nat outside` (false rows say why a NAT-looking line does not). */
  needsOutside: boolean;
  reason: string;
  source: string;
}

/**
 * The first matching row decides. A line that is not ours and `needsOutside` keeps translator's own
 * `ip nat outside` in place even with no tenant left.
 */
export const OUTSIDE_NAT_USERS: readonly OutsideNatUserRule[] = [
  {
    id: 'translation-rule',
    parent: null,
    startsWith: 'ip nat ',
    pattern: /^ip nat (?:inside|outside) (?:source|destination) /,
    needsOutside: true,
    reason: 'inside/outside translation happens only between an inside and an outside interface',
    source: `${CORPUS}: batfish-nat-*.cfg, ciscoconfparse-sample01.cfg, asr1k-neutron-*.cfg`,
  },
  {
    id: 'pool',
    parent: null,
    startsWith: 'ip nat pool ',
    pattern: /^ip nat pool /,
    needsOutside: true,
    reason: 'a pool exists for translation rules; one without its rule yet is NAT being set up by hand',
    source: `${CORPUS}: asr1k-neutron-1.cfg`,
  },
  {
    id: 'nvi-rule',
    parent: null,
    startsWith: 'ip nat source ',
    pattern: /^ip nat source /,
    needsOutside: true,
    reason:
      'NAT Virtual Interface rules use `ip nat enable`, not the outside role, but a router migrating between the two holds ' +
      'both; counted to stay on the safe side (inferred)',
    source: 'Cisco IOS XE NAT Configuration Guide (NAT Virtual Interface)',
  },
  {
    id: 'other-interface-role',
    parent: /^interface /,
    startsWith: 'ip nat ',
    pattern: /^ip nat (?:inside|outside|enable)$/,
    needsOutside: true,
    reason: 'another interface in a NAT role is NAT the human set up; it may translate through the outside interface',
    source: `${CORPUS}: batfish-nat-dynamic.cfg, ciscoconfparse-sample01.cfg (ip nat inside on FastEthernet0/0)`,
  },
  {
    id: 'tuning',
    parent: null,
    startsWith: 'ip nat ',
    pattern: /^ip nat (?:translation|log|service|settings|create) /,
    needsOutside: false,
    reason: 'timeouts, logging and ALG settings translate nothing by themselves',
    source: 'Cisco IOS XE NAT Configuration Guide (ip nat translation timeout, ip nat log translations syslog, ip nat service)',
  },
];

/** A network of `length` bits around `base`, as its first and last address. */
function networkRange(base: string, length: number): { first: string; last: string } {
  const mask = maskOf(length);
  const network = ((parseIpv4(base) ?? 0) & mask) >>> 0;
  return { first: formatIpv4(network), last: formatIpv4((network | (~mask >>> 0)) >>> 0) };
}

/** 255.255.255.0 → 24 (contiguous masks, as the device prints them). */
function maskLength(mask: string): number {
  const bits = parseIpv4(mask) ?? 0;
  let length = 0;
  while (length < 32 && bits & (0x80000000 >>> length)) length++;
  return length;
}
