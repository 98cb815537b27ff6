/**
 * Interface types as IOS XE prints them. IOS accepts any unique prefix of a type
 * (`gi2.10`, `Gig2`, `te0/0/1`) and always prints the full name, so every interface name we
 * compare or render is expanded first. Source: IOS XE CLI behaviour (IOSXE.md, abbreviations).
 */
export const INTERFACE_TYPES = [
  'GigabitEthernet',
  'TenGigabitEthernet',
  'TwentyFiveGigE',
  'FortyGigabitEthernet',
  'HundredGigE',
  'FastEthernet',
  'Ethernet',
  'Port-channel',
  'BDI',
  'Loopback',
  'Tunnel',
  'Vlan',
] as const;

const NAME = /^([A-Za-z][A-Za-z-]*)(\d+(?:\/\d+)*(?:\.\d+)?)$/;

/**
 * The full name of an interface written with any unique, case-insensitive prefix of its type,
 * or null when the type is unknown or the prefix is ambiguous (`t2`: Tunnel or TenGigabitEthernet?).
 */
export function canonicalInterfaceName(text: string): string | null {
  const match = NAME.exec(text);
  if (!match) return null;
  const typed = match[1]!.toLowerCase();
  const exact = INTERFACE_TYPES.find((type) => type.toLowerCase() === typed);
  const candidates = exact ? [exact] : INTERFACE_TYPES.filter((type) => type.toLowerCase().startsWith(typed));
  return candidates.length === 1 ? `${candidates[0]}${match[2]}` : null;
}
