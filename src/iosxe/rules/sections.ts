/**
 * The kinds of top-level objects the engine can own (DESIGN.md, "Ownership"), how each is
 * recognised, who owns it, and where it sits in creation order (IOSXE.md, "Side effects and ordering").
 */
import type { ScopeOptions } from '../options.js';

export type SectionKindName = 'vrf' | 'outside-interface' | 'subinterface' | 'acl' | 'route-map' | 'nat-list' | 'nat-static';

export type Ownership =
  /** ours when a `description` child starts with the marker (or the name is adopted) */
  | 'marker'
  /** ours when the name starts with the prefix */
  | 'prefix'
  /** ours when the `vrf` it names is ours */
  | 'owned-vrf'
  /** the object is not ours; only the children matched by `ownedChildren` are */
  | 'owned-children';

export interface SectionKind {
  kind: SectionKindName;
  /** Every line of this kind starts with this (a cheap test before `match`). */
  prefix: string;
  /** Returns the object's name when `text` (a top-level line) is of this kind. */
  match: (text: string, options: ScopeOptions) => string | undefined;
  ownership: Ownership;
  ownedChildren?: RegExp;
  /** Print group, in the device's canonical order of top-level sections. */
  printGroup: number;
  reason: string;
  source?: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const compiled = new WeakMap<ScopeOptions, { inside: RegExp; outside: RegExp }>();
/** The interface patterns of one set of options, compiled once. */
const interfaces = (o: ScopeOptions) => {
  let patterns = compiled.get(o);
  if (!patterns) {
    patterns = { inside: new RegExp(`^interface (${escape(o.inside)}\\.\\d+)$`), outside: new RegExp(`^interface (${escape(o.outside)})$`) };
    compiled.set(o, patterns);
  }
  return patterns;
};
const first = (m: RegExpExecArray | null) => (m ? m[1] : undefined);
/** Compiled once, not per line: kindOf runs on every top-level line of both configs. */
const VRF_DEFINITION = /^vrf definition (\S+)$/;
const NAT_VRF = / vrf (\S+)/;
const ACL = /^ip access-list (?:standard|extended) (\S+)$/;
const ROUTE_MAP = /^route-map (\S+) (?:permit|deny) \d+$/;

/** In order of precedence: the first kind that matches a line decides. */
export const SECTION_KINDS: readonly SectionKind[] = [
  {
    kind: 'vrf',
    prefix: 'vrf definition ',
    match: (t) => first(VRF_DEFINITION.exec(t)),
    ownership: 'marker',
    printGroup: 0,
    reason: 'one VRF per tenant, marked by its description',
    source: 'DESIGN.md',
  },
  {
    kind: 'subinterface',
    prefix: 'interface ',
    match: (t, o) => first(interfaces(o).inside.exec(t)),
    ownership: 'marker',
    printGroup: 1,
    reason: 'one dot1Q sub-interface of INSIDE per tenant, marked by its description',
    source: 'DESIGN.md',
  },
  {
    kind: 'outside-interface',
    prefix: 'interface ',
    match: (t, o) => first(interfaces(o).outside.exec(t)),
    ownership: 'owned-children',
    ownedChildren: /^ip nat outside$/,
    printGroup: 1,
    reason: 'the outside interface is not ours, only its `ip nat outside` line',
    source: 'DESIGN.md',
  },
  {
    kind: 'nat-static',
    prefix: 'ip nat inside source static ',
    match: (t) => first(NAT_VRF.exec(t)),
    ownership: 'owned-vrf',
    printGroup: 2,
    reason: 'a floating IP: static NAT of a tenant VRF',
    source: 'DESIGN.md; IOSXE.md (static before list)',
  },
  {
    kind: 'nat-list',
    prefix: 'ip nat inside source list ',
    match: (t) => first(NAT_VRF.exec(t)),
    ownership: 'owned-vrf',
    printGroup: 3,
    reason: "a tenant's PAT: dynamic NAT of a tenant VRF",
    source: 'DESIGN.md',
  },
  {
    kind: 'acl',
    prefix: 'ip access-list ',
    match: (t) => first(ACL.exec(t)),
    ownership: 'prefix',
    printGroup: 4,
    reason: 'tenant ACLs carry the owned prefix',
    source: 'DESIGN.md',
  },
  {
    kind: 'route-map',
    prefix: 'route-map ',
    match: (t) => first(ROUTE_MAP.exec(t)),
    ownership: 'prefix',
    printGroup: 5,
    reason: 'the egress route-map carries the owned prefix',
    source: 'DESIGN.md',
  },
];

export function kindOf(text: string, options: ScopeOptions): { kind: SectionKind; name: string } | undefined {
  for (const kind of SECTION_KINDS) {
    if (!text.startsWith(kind.prefix)) continue;
    const name = kind.match(text, options);
    if (name !== undefined) return { kind, name };
  }
  return undefined;
}

export const KINDS: ReadonlyMap<SectionKindName, SectionKind> = new Map(SECTION_KINDS.map((k) => [k.kind, k]));

/** The line that marks an object as ours. */
export const MARKER_LINE = {
  pattern: /^description (.*)$/,
  make: (marker: string, name: string) => `description ${marker} ${name}`,
  reason: 'the ownership marker is a description starting with the marker text',
  source: 'DESIGN.md',
} as const;

/**
 * A VRF in the legacy syntax. IOS XE still accepts it; it shares the VRF namespace with `vrf definition`,
 * so a tenant of that name cannot be created (the plan leaves the tenant out, with this reason).
 */
export const LEGACY_VRF = {
  pattern: /^ip vrf (\S+)$/,
  reason: 'a legacy `ip vrf NAME` holds the name a tenant VRF would need',
  source: 'public running-configs in ../shared/corpus: batfish-nat-static.cfg, batfish-nat-dynamic.cfg (ip vrf vrf1); issue 9',
} as const;

/** An address of an interface (primary or secondary): the router's own, so never a floating IP. */
export const INTERFACE_ADDRESS = {
  parent: /^interface (\S+)$/,
  pattern: /^ip address (\d+\.\d+\.\d+\.\d+) \d+\.\d+\.\d+\.\d+(?: secondary)?$/,
  reason: 'the router answers on its interface addresses; `ip address dhcp` and `no ip address` hold none to read',
  source: 'IOSXE.md (interface print); public running-configs in ../shared/corpus (napalm-ios.cfg, ciscoconfparse-sample01.cfg)',
} as const;

/** The VLAN a sub-interface carries: the tag of its 802.1Q encapsulation (further words, e.g. `native` or a second tag, follow it). */
export const SUBINTERFACE_VLAN = {
  pattern: /^encapsulation dot1Q (\d+)/,
  reason: 'the 802.1Q tag is the VLAN on the wire: two sub-interfaces with one tag on one trunk are one segment',
  source: 'IOSXE.md (interface print: `encapsulation dot1Q N`); public running-configs in ../shared/corpus: asr1k-neutron-1.cfg (dot1Q 1050), ntc-interfaces.cfg (dot1Q 2234 second-dot1q 15)',
} as const;
