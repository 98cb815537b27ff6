/**
 * How lines inside an owned object behave on the device (IOSXE.md): their canonical order (which is
 * also the order they must be sent in), which ones replace an earlier value by themselves, how each is
 * removed, and what the device drops when one changes.
 */
import type { SectionKindName } from './sections.js';

export interface ChildRule {
  /** Object kinds whose children this rule is about. */
  kinds: readonly SectionKindName[];
  pattern: RegExp;
  /**
   * Lines with the same key are one setting. When `replacesItself`, sending the new line is the whole
   * change; otherwise the old line is removed before the new one is sent.
   */
  key?: (m: RegExpExecArray) => string;
  replacesItself?: boolean;
  /** The removal command; default `no <line>`. */
  negate?: (m: RegExpExecArray) => string;
  /** Position in the device's print order, which is also a valid creation order. */
  order: (m: RegExpExecArray) => number;
  /** Sibling lines the device deletes when this line is set, changed or removed. */
  drops?: readonly RegExp[];
  /**
   * Sent, with all removals, for every object of a step before the other lines of any object: a
   * sub-interface leaves a VRF before another one enters it with the same subnet.
   */
  early?: true;
  reason: string;
  source?: string;
}

const INTERFACES = ['subinterface', 'outside-interface'] as const;
const at = (n: number) => () => n;

const CHILD_RULES: readonly ChildRule[] = [
  {
    kinds: [...INTERFACES, 'vrf'],
    pattern: /^description /,
    key: () => 'description',
    replacesItself: true,
    negate: () => 'no description',
    order: at(0),
    early: true,
    reason: 'an object has one description; a new one replaces the old',
    source: 'IOSXE.md (interface print order)',
  },
  {
    kinds: INTERFACES,
    pattern: /^encapsulation dot1Q (\d+)/,
    key: () => 'encapsulation',
    order: at(1),
    early: true,
    drops: [/^ip address /],
    reason: 'a sub-interface needs its dot1Q tag before it can take an address',
    source: 'IOSXE.md (ip address before encapsulation is rejected)',
  },
  {
    kinds: INTERFACES,
    pattern: /^vrf forwarding (\S+)$/,
    key: () => 'vrf forwarding',
    replacesItself: true,
    order: at(2),
    early: true,
    drops: [/^ip address /, /^ipv6 address /],
    reason: 'entering (or leaving) a VRF removes the IPv4 address, so it goes before `ip address`, which is re-sent',
    source: 'IOSXE.md (% Interface … IPv4 disabled and address(es) removed due to enabling VRF)',
  },
  {
    kinds: INTERFACES,
    pattern: /^ip vrf forwarding (\S+)$/,
    key: () => 'ip vrf forwarding',
    order: at(2),
    early: true,
    drops: [/^ip address /, /^ipv6 address /],
    reason: 'the legacy form of `vrf forwarding` (an operator may type it on our sub-interface): removed before the intended VRF is entered, and it strips the addresses the same way',
    source: 'public running-configs in ../shared/corpus: ntc-interfaces.cfg, batfish-nat-static.cfg (ip vrf forwarding vrf1)',
  },
  {
    kinds: INTERFACES,
    pattern: /^ip address \S+ \S+$/,
    key: () => 'ip address',
    replacesItself: true,
    order: at(3),
    reason: 'the primary address replaces the previous primary address',
    source: 'IOSXE.md',
  },
  {
    kinds: INTERFACES,
    pattern: /^ip address \S+ \S+ secondary$/,
    order: at(4),
    reason: 'secondary addresses are independent lines, after the primary',
  },
  {
    kinds: INTERFACES,
    pattern: /^ip nat (inside|outside)$/,
    order: at(5),
    reason: 'the NAT role follows the address in the device print',
    source: 'IOSXE.md (interface print order)',
  },
  {
    kinds: INTERFACES,
    pattern: /^ip policy route-map (\S+)$/,
    order: at(6),
    reason: 'policy routing comes last in the device print',
    source: 'IOSXE.md (interface print order)',
  },
  {
    kinds: ['vrf'],
    pattern: /^rd /,
    order: at(1),
    reason: 'route distinguisher before address families',
  },
  {
    kinds: ['vrf'],
    pattern: /^address-family (\S+)/,
    negate: (m) => `no address-family ${m[1]}`,
    order: at(2),
    reason: 'address families after description and rd; removing one removes its block',
  },
  {
    kinds: ['acl'],
    pattern: /^(\d+) /,
    key: (m) => `seq ${m[1]}`,
    negate: (m) => `no ${m[1]}`,
    order: (m) => Number(m[1]),
    reason: 'ACL entries are ordered and removed by sequence number; a number cannot be reused until removed',
    source: 'IOSXE.md (ACL print)',
  },
  {
    kinds: ['route-map'],
    pattern: /^match /,
    order: at(0),
    reason: 'match clauses print before set clauses',
  },
  {
    kinds: ['route-map'],
    pattern: /^set /,
    order: at(1),
    reason: 'set clauses print after match clauses',
  },
];

/** Lines no rule knows come after the known ones, in their own order. */
const UNKNOWN_CHILD_ORDER = 100;

export interface ChildInfo {
  rule?: ChildRule;
  match?: RegExpExecArray;
  key: string;
  order: number;
}

const RULES_BY_KIND = new Map<SectionKindName, ChildRule[]>();
for (const rule of CHILD_RULES) {
  for (const kind of rule.kinds) RULES_BY_KIND.set(kind, [...(RULES_BY_KIND.get(kind) ?? []), rule]);
}

export function childInfo(kind: SectionKindName, text: string): ChildInfo {
  for (const rule of RULES_BY_KIND.get(kind) ?? []) {
    const m = rule.pattern.exec(text);
    if (m) return { rule, match: m, key: rule.key ? rule.key(m) : text, order: rule.order(m) };
  }
  return { key: text, order: UNKNOWN_CHILD_ORDER };
}

/**
 * How a line that is itself a negation is undone. IOS prints a setting that is on by default and was
 * turned off as `no X`; the first matching row gives the command that turns it back on.
 */
export interface NegatedLineRule {
  pattern: RegExp;
  undo: (m: RegExpExecArray) => string;
  /** An intended line that sets what the printed negation says is unset: sending it is the undo. */
  settledBy: (m: RegExpExecArray, intended: string) => boolean;
  reason: string;
  source: string;
}

const NEGATED_LINES: readonly NegatedLineRule[] = [
  {
    pattern: /^no (.+)$/,
    undo: (m) => m[1]!,
    settledBy: (m, intended) => intended.startsWith(`${m[1]!} `),
    reason:
      'every `no X` IOS prints inside our object kinds (` no ip redirects`, ` no ip proxy-arp`, ` no cdp enable`, ` no keepalive`, ' +
      '` no ip route-cache`) has the plain form `X`, which restores the default and prints nothing; `no no X` is invalid. ' +
      '(` no ip address`, whose plain form is incomplete, never gets here: normalisation drops it, rules/normalise.ts.) ' +
      'A setting without a plain form would get a row answering `default X` before this one. When the intent gives X a value ' +
      '(`vrf forwarding V` against a printed ` no vrf forwarding`, a form no public config shows), that line is the undo',
    source: 'public running-configs in ../shared/corpus (ciscoconfparse-sample01.cfg, ntc-interfaces.cfg); hier_config driver_base.py swap_negation',
  },
];

/** Whether `text`, a printed negation, is undone by one of the intended lines being sent. */
export function negationSettled(text: string, intended: Iterable<string>): boolean {
  for (const rule of NEGATED_LINES) {
    const m = rule.pattern.exec(text);
    if (!m) continue;
    for (const line of intended) if (rule.settledBy(m, line)) return true;
    return false;
  }
  return false;
}

export function negateChild(kind: SectionKindName, text: string): string {
  for (const rule of NEGATED_LINES) {
    const m = rule.pattern.exec(text);
    if (m) return rule.undo(m);
  }
  const info = childInfo(kind, text);
  return info.rule?.negate && info.match ? info.rule.negate(info.match) : `no ${text}`;
}
