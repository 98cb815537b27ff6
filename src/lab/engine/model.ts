/**
 * The router's configuration as data: the objects this project manages are modelled with
 * IOS XE semantics; everything else is kept as text blocks and printed back where it was.
 * Plain data only (structuredClone makes the archive snapshots).
 */
export interface Vrf {
  name: string;
  /** Legacy `ip vrf NAME` (IPv4 only, `ip vrf forwarding`), as opposed to `vrf definition NAME`. */
  legacy?: boolean;
  description?: string | undefined;
  ipv4: boolean;
  /** Lines under the definition other than its description (rd, route-target …), in device order. */
  extra: string[];
  /** Lines under its `address-family ipv4`. */
  afExtra: string[];
}

export interface Interface {
  name: string;
  description?: string | undefined;
  vlan?: number | undefined;
  vrf?: string | undefined;
  /** 'A M' or 'dhcp'; undefined = `no ip address`. */
  address?: string | undefined;
  nat?: 'inside' | 'outside' | undefined;
  policy?: string | undefined;
  shutdown: boolean;
  /** Unmodelled lines (negotiation auto, no mop enabled …), printed after the modelled ones. */
  extra: string[];
}

export interface AclEntry {
  seq: number;
  /** Canonical text after the sequence number ('permit 192.168.1.0 0.0.0.255', 'deny   any'). */
  rule: string;
  /** Remarks typed before this entry: IOS prints them with this entry's number. */
  remarks: string[];
}

export interface Acl {
  name: string;
  type: 'standard' | 'extended';
  entries: AclEntry[];
  /** Remarks typed after the last entry. */
  trailingRemarks: string[];
}

export interface RouteMapEntry {
  name: string;
  action: 'permit' | 'deny';
  seq: number;
  lines: string[];
}

export interface NatStatic {
  local: string;
  global: string;
  vrf?: string;
}

export interface NatList {
  acl: string;
  iface: string;
  vrf?: string;
  overload: boolean;
}

/** A top-level block outside the model, kept as the device printed it. */
export interface OtherBlock {
  lines: string[];
}

export interface ConfigModel {
  hostname: string;
  vrfs: Vrf[];
  interfaces: Interface[];
  acls: Acl[];
  routeMaps: RouteMapEntry[];
  natStatics: NatStatic[];
  natLists: NatList[];
  /** `archive` block children (path, maximum …); undefined = archive feature off. */
  archive?: string[] | undefined;
  others: OtherBlock[];
}

export function emptyModel(hostname: string): ConfigModel {
  return { hostname, vrfs: [], interfaces: [], acls: [], routeMaps: [], natStatics: [], natLists: [], others: [] };
}
