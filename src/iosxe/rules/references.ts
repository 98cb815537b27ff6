/**
 * Lines that name another object by its name: an ACL, a route-map, a VRF or an interface. Walked by
 * generic code (references.ts) for two jobs (DESIGN.md, "Ownership"):
 *  - on config that is not ours: an owned-looking object (prefix, marker) that such a line names is
 *    never changed or deleted; the plan is refused, naming the object and the line;
 *  - on the intent: the objects of one tenant are those that name its VRF, plus what only they name
 *    (the closure a skipped tenant takes with it).
 * A rule is tested on a line whose nearest parent line matches `parent` (`null`: a top-level line).
 */
import type { LineRule } from '../line-rules.js';
import type { SectionKindName } from './sections.js';

/** What a reference names: each maps to the owned kinds with that name (references.ts). */
export type ReferenceTarget = 'acl' | 'route-map' | 'vrf' | 'interface';

/** The owned kinds a reference can name (an object of that kind with that name). */
const TARGET_KINDS: Readonly<Record<ReferenceTarget, readonly SectionKindName[]>> = {
  acl: ['acl'],
  'route-map': ['route-map'],
  vrf: ['vrf'],
  interface: ['subinterface', 'outside-interface'],
};

/** The reference target an owned kind is named by (the inverse of TARGET_KINDS). */
export const TARGET_OF_KIND: ReadonlyMap<SectionKindName, ReferenceTarget> = new Map(
  (Object.entries(TARGET_KINDS) as [ReferenceTarget, readonly SectionKindName[]][]).flatMap(([target, kinds]) => kinds.map((kind) => [kind, target] as const)),
);

export interface ReferenceRule extends LineRule {
  id: string;
  refers: ReferenceTarget;
  /** The names a matching line refers to (default: the first group). */
  names?: (m: RegExpExecArray) => string[];
  reason: string;
  source: string;
}

const INTERFACE = /^interface /;
/** NAT lines: the translation rules of IOS's `ip nat` (inside/outside source/destination, NVI source). */
const NAT_ACL = /^ip nat (?:(?:inside|outside) )?(?:source|destination) list (\S+) /;
const NAT_ROUTE_MAP = /^ip nat (?:(?:inside|outside) )?(?:source|destination) (?:static .* )?route-map (\S+)/;
const NAT_VRF = /^ip nat (?:(?:inside|outside) )?(?:source|destination) .* vrf (\S+)/;
const NAT_INTERFACE = /^ip nat (?:(?:inside|outside) )?source .* interface (\S+)/;
const CORPUS = 'public running-configs in ../shared/corpus';

export const REFERENCE_RULES: readonly ReferenceRule[] = [
  {
    id: 'vty-access-class',
    parent: /^line /,
    startsWith: 'access-class ',
    pattern: /^access-class (\S+) (?:in|out)\b/,
    refers: 'acl',
    reason: 'the ACL decides who may log in to the router: changing it can lock management out or let anyone in',
    source: 'Cisco IOS XE Security Command Reference (access-class); public vty configs (`access-class MGMT in vrf-also`)',
  },
  {
    id: 'interface-access-group',
    parent: INTERFACE,
    startsWith: 'ip access-group ',
    pattern: /^ip access-group (\S+) (?:in|out)$/,
    refers: 'acl',
    reason: 'the ACL filters traffic on an interface that is not ours',
    source: `${CORPUS}: ciscoconfparse-sample01.cfg (ip access-group ETH0_0_IN in), ntc-interfaces.cfg`,
  },
  {
    id: 'interface-policy',
    parent: INTERFACE,
    startsWith: 'ip policy route-map ',
    pattern: /^ip policy route-map (\S+)$/,
    refers: 'route-map',
    reason: 'policy routing of an interface follows the route-map',
    source: 'IOSXE.md (interface print order); DESIGN.md (egress route-map)',
  },
  {
    id: 'interface-vrf',
    parent: INTERFACE,
    startsWith: '',
    pattern: /^(?:ip )?vrf forwarding (\S+)$/,
    refers: 'vrf',
    reason: 'removing or changing the VRF strips the interface of its addresses',
    source: `IOSXE.md (no vrf definition); ${CORPUS}: ntc-interfaces.cfg, batfish-nat-static.cfg (ip vrf forwarding)`,
  },
  {
    id: 'local-policy',
    parent: null,
    startsWith: 'ip local policy route-map ',
    pattern: /^ip local policy route-map (\S+)$/,
    refers: 'route-map',
    reason: "the router's own traffic is policy-routed by the route-map",
    source: 'Cisco IOS XE IP Routing Configuration Guide (local policy routing); inferred print form',
  },
  {
    id: 'nat-acl',
    parent: null,
    startsWith: 'ip nat ',
    pattern: NAT_ACL,
    refers: 'acl',
    reason: 'the ACL selects what a NAT rule translates',
    source: `${CORPUS}: batfish-nat-dynamic.cfg, asr1k-neutron-1.cfg (ip nat inside source list …)`,
  },
  {
    id: 'nat-route-map',
    parent: null,
    startsWith: 'ip nat ',
    pattern: NAT_ROUTE_MAP,
    refers: 'route-map',
    reason: 'the route-map selects what a NAT rule translates',
    source: `${CORPUS}: batfish-nat-variants.cfg (source route-map …, static … route-map …)`,
  },
  {
    id: 'nat-vrf',
    parent: null,
    startsWith: 'ip nat ',
    pattern: NAT_VRF,
    refers: 'vrf',
    reason: 'a NAT rule of a VRF is removed or broken with the VRF',
    source: `${CORPUS}: batfish-nat-variants.cfg (… vrf v1), asr1k-neutron-1.cfg`,
  },
  {
    id: 'nat-interface',
    parent: null,
    startsWith: 'ip nat ',
    pattern: NAT_INTERFACE,
    refers: 'interface',
    reason: "a PAT to an interface's address needs that interface",
    source: `${CORPUS}: ciscoconfparse-sample01.cfg (… interface Dialer1 overload), batfish-nat-variants.cfg`,
  },
  {
    id: 'static-route-vrf',
    parent: null,
    startsWith: 'ip route vrf ',
    pattern: /^ip route vrf (\S+) /,
    refers: 'vrf',
    reason: 'static routes of a VRF disappear with the VRF',
    source: `${CORPUS}: asr1k-neutron-1.cfg (ip route vrf nrouter-085eba …)`,
  },
  {
    id: 'static-route-interface',
    parent: null,
    startsWith: 'ip route ',
    pattern: /^ip route (?:vrf \S+ )?\S+ \S+ ([A-Za-z][A-Za-z-]*\d\S*)/,
    refers: 'interface',
    reason: 'a static route out of an interface needs that interface',
    source: `${CORPUS}: asr1k-neutron-1.cfg (… 0.0.0.0 GigabitEthernet/2/0/3.1056 172.16.6.33)`,
  },
  {
    id: 'bgp-vrf',
    parent: /^router bgp /,
    startsWith: 'address-family ',
    pattern: /^address-family ipv[46](?: \S+)? vrf (\S+)$/,
    refers: 'vrf',
    reason: 'BGP of a VRF goes with the VRF',
    source: 'Cisco IOS XE MPLS L3VPN configuration guide (address-family ipv4 vrf NAME)',
  },
  {
    id: 'class-map-acl',
    parent: /^class-map /,
    startsWith: 'match access-group name ',
    pattern: /^match access-group name (\S+)$/,
    refers: 'acl',
    reason: 'QoS classes traffic by the ACL',
    source: `${CORPUS}: ciscoconfparse-sample01.cfg (match access-group name NOT_INTERNAL)`,
  },
  {
    id: 'route-map-acl',
    parent: /^route-map /,
    startsWith: 'match ip address ',
    pattern: /^match ip address (?!prefix-list )(.+)$/,
    refers: 'acl',
    names: (m) => m[1]!.split(' '),
    reason: 'a route-map that is not ours matches traffic or routes by the ACL (one or several names)',
    source: `${CORPUS}: batfish-nat-static.cfg, ciscoconfparse-sample01.cfg (match ip address MATCH_ANY)`,
  },
  {
    id: 'snmp-community-acl',
    parent: null,
    startsWith: 'snmp-server community ',
    pattern: /^snmp-server community \S+(?: view \S+)?(?: R[OW])?(?: ipv6 \S+)? (\S+)$/,
    refers: 'acl',
    names: (m) => (/^R[OW]$/.test(m[1]!) ? [] : [m[1]!]),
    reason: 'the ACL decides who may read or write the router by SNMP',
    source: `${CORPUS}: ciscoconfparse-sample01.cfg (snmp-server community … RW 99)`,
  },
  {
    id: 'ntp-access-group',
    parent: null,
    startsWith: 'ntp access-group ',
    pattern: /^ntp access-group (?:ipv4 )?(?:peer|serve|serve-only|query-only) (\S+)/,
    refers: 'acl',
    reason: 'the ACL decides who may set or read the clock',
    source: 'Ansible ios_ntp module (ntp access-group peer ACL); public hardening guides',
  },
  {
    id: 'http-access-class',
    parent: null,
    startsWith: 'ip http access-class ',
    pattern: /^ip http access-class (?:ipv4 )?(\S+)$/,
    refers: 'acl',
    reason: 'the ACL decides who may reach the web management',
    source: `${CORPUS}: ciscoconfparse-sample01.cfg (ip http access-class 99)`,
  },
  {
    id: 'crypto-map-acl',
    parent: /^crypto map /,
    startsWith: 'match address ',
    pattern: /^match address (\S+)$/,
    refers: 'acl',
    reason: 'the ACL selects the traffic an IPsec tunnel protects',
    source: 'Cisco IOS XE Security Configuration Guide (crypto map … match address); inferred print form',
  },
];
