/**
 * Interface names as IOS XE reads and prints them: any unique, case-insensitive prefix of the
 * type, followed by the number (`gi2.10`, `Gi 2.10` → `GigabitEthernet2.10`); the device always
 * prints the full name. Shared by settings (so rendered text compares equal to running-config),
 * the planner and the lab router. Source: IOS XE CLI behaviour (IOSXE.md, abbreviations).
 */
export interface InterfaceType {
  name: string;
  short: string;
  /** Physical ports exist with the hardware: they cannot be created or removed. */
  physical: boolean;
}

/** Order here = the order IOS XE prints interface types in (logical ones first, as on a CSR/C8000v). */
const TYPES: InterfaceType[] = [
  { name: 'Loopback', short: 'Lo', physical: false },
  { name: 'Port-channel', short: 'Po', physical: false },
  { name: 'Tunnel', short: 'Tu', physical: false },
  { name: 'Ethernet', short: 'Et', physical: true },
  { name: 'FastEthernet', short: 'Fa', physical: true },
  { name: 'GigabitEthernet', short: 'Gi', physical: true },
  { name: 'TwoGigabitEthernet', short: 'Tw', physical: true },
  { name: 'TenGigabitEthernet', short: 'Te', physical: true },
  { name: 'TwentyFiveGigE', short: 'Twe', physical: true },
  { name: 'FortyGigabitEthernet', short: 'Fo', physical: true },
  { name: 'HundredGigE', short: 'Hu', physical: true },
  { name: 'Serial', short: 'Se', physical: true },
  { name: 'Vlan', short: 'Vl', physical: false },
  { name: 'BDI', short: 'BD', physical: false },
  { name: 'Dialer', short: 'Di', physical: false },
  { name: 'Virtual-Template', short: 'Vi', physical: false },
  { name: 'NVI', short: 'NV', physical: false },
];

const NUMBER = /^\d+(\/\d+)*(\.\d+)?$/;

export interface InterfaceName {
  /** Canonical full name, e.g. GigabitEthernet2.10 */
  name: string;
  type: string;
  /** '2.10' */
  number: string;
  physical: boolean;
  /** Parent of a sub-interface ('GigabitEthernet2'), undefined otherwise. */
  parent?: string;
}

/** The interface type a (possibly abbreviated) type word means, or undefined if none or several. */
export function interfaceType(word: string): InterfaceType | undefined {
  const lower = word.toLowerCase();
  const exact = TYPES.find((t) => t.name.toLowerCase() === lower);
  if (exact) return exact;
  const hits = TYPES.filter((t) => t.name.toLowerCase().startsWith(lower));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Parses `gi2.10`, `GigabitEthernet2.10` or (joined by the caller) `gi 2.10`. */
export function parseInterfaceName(text: string): InterfaceName | undefined {
  const match = /^([A-Za-z][A-Za-z-]*?)\s*(\d[\d/.]*)$/.exec(text.trim());
  if (!match) return undefined;
  const [, typeWord = '', number = ''] = match;
  const type = interfaceType(typeWord);
  if (!type || !NUMBER.test(number)) return undefined;
  const name = `${type.name}${number}`;
  const dot = number.indexOf('.');
  const parsed: InterfaceName = { name, type: type.name, number, physical: type.physical && dot < 0 };
  if (dot >= 0) parsed.parent = `${type.name}${number.slice(0, dot)}`;
  return parsed;
}

/** `GigabitEthernet2.10` → `Gi2.10` (show vrf, NAT messages). */
export function shortInterfaceName(name: string): string {
  const parsed = parseInterfaceName(name);
  if (!parsed) return name;
  const type = TYPES.find((t) => t.name === parsed.type);
  return `${type?.short ?? parsed.type}${parsed.number}`;
}

/** Sort key: type order, then each number numerically; parents sort before their sub-interfaces. */
export function compareInterfaceNames(a: string, b: string): number {
  const pa = parseInterfaceName(a);
  const pb = parseInterfaceName(b);
  if (!pa || !pb) return a.localeCompare(b);
  const ta = TYPES.findIndex((t) => t.name === pa.type);
  const tb = TYPES.findIndex((t) => t.name === pb.type);
  if (ta !== tb) return ta - tb;
  const na = pa.number.split(/[/.]/).map(Number);
  const nb = pb.number.split(/[/.]/).map(Number);
  for (let i = 0; i < Math.max(na.length, nb.length); i++) {
    const x = na[i] ?? -1;
    const y = nb[i] ?? -1;
    if (x !== y) return x - y;
  }
  return 0;
}

/** The full name of an interface written with any unique prefix of its type, or null. */
export function canonicalInterfaceName(text: string): string | null {
  return parseInterfaceName(text)?.name ?? null;
}

/** The known type names, for error messages. */
export const INTERFACE_TYPE_NAMES: readonly string[] = TYPES.map((t) => t.name);
