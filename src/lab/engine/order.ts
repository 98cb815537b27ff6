/**
 * Where top-level blocks go in `show running-config` (IOSXE.md: top-level order on IOS XE
 * 16/17). Blocks outside the model keep the order they were loaded in; the modelled sections
 * are placed before the first loaded block of a later rank. Unknown blocks inherit the rank
 * of the block before them.
 */
export interface RankRule {
  pattern: RegExp;
  rank: number;
  reason: string;
}

export const RANKS = {
  header: 0,
  hostname: 1,
  boot: 2,
  vrf: 3,
  security: 4,
  interface: 5,
  routing: 6,
  nat: 7,
  route: 8,
  ipServices: 9,
  acl: 10,
  routeMap: 11,
  controlPlane: 12,
  banner: 13,
  line: 14,
} as const;

const RANK_RULES: RankRule[] = [
  { pattern: /^(version|service|no service|platform|no platform)\b/, rank: RANKS.header, reason: 'version/service/platform open the config' },
  { pattern: /^hostname\b/, rank: RANKS.hostname, reason: 'hostname follows the platform lines' },
  { pattern: /^(boot|boot-start-marker|boot-end-marker)\b/, rank: RANKS.boot, reason: 'boot markers follow the hostname' },
  { pattern: /^(vrf definition|ip vrf)\b/, rank: RANKS.vrf, reason: 'VRF definitions come before aaa/users' },
  { pattern: /^(no aaa|aaa|username|enable|archive)\b/, rank: RANKS.security, reason: 'aaa, users and archive sit between VRFs and interfaces' },
  { pattern: /^interface\b/, rank: RANKS.interface, reason: 'interfaces, parents before sub-interfaces' },
  { pattern: /^(router|ip forward-protocol|ip http)\b/, rank: RANKS.routing, reason: 'routing processes and ip http follow the interfaces' },
  { pattern: /^ip nat\b/, rank: RANKS.nat, reason: 'ip nat lines (static before list) follow ip http' },
  { pattern: /^ip route\b/, rank: RANKS.route, reason: 'static routes follow NAT' },
  { pattern: /^ip (ssh|scp|tftp)\b/, rank: RANKS.ipServices, reason: 'ip ssh follows the routes' },
  { pattern: /^(ip access-list|access-list)\b/, rank: RANKS.acl, reason: 'ACLs follow ip ssh' },
  { pattern: /^route-map\b/, rank: RANKS.routeMap, reason: 'route-maps follow the ACLs' },
  { pattern: /^(snmp-server|control-plane)\b/, rank: RANKS.controlPlane, reason: 'control-plane follows route-maps' },
  { pattern: /^banner\b/, rank: RANKS.banner, reason: 'banners come before the lines' },
  { pattern: /^line\b/, rank: RANKS.line, reason: 'line con/vty close the config' },
];

export function rankOf(firstLine: string): number | undefined {
  return RANK_RULES.find((r) => r.pattern.test(firstLine))?.rank;
}
