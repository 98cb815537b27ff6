/**
 * The grammar of every value that can reach router CLI. A value either matches or is
 * rejected with the reason; nothing is escaped or cleaned. Each rule says why it is so.
 */

export interface NameRule {
  pattern: RegExp;
  reason: string;
}

/** IOS XE VRF names: up to 32 characters; we allow only characters that need no quoting anywhere. */
export const VRF_NAME: NameRule = {
  pattern: /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/,
  reason: 'a VRF name is 1-32 characters of letters, digits, "_", "." and "-", starting with a letter or digit',
};

/** ACL and route-map names we create: prefix + VRF name; IOS takes names far longer than that. */
export const OWNED_NAME_PREFIX: NameRule = {
  pattern: /^[A-Za-z][A-Za-z0-9_-]{0,31}$/,
  reason: 'a name prefix is 1-32 letters, digits, "_" or "-", starting with a letter',
};

/** Interface names as IOS prints them (GigabitEthernet2, TenGigabitEthernet0/0/1, Port-channel1). */
export const INTERFACE_NAME: NameRule = {
  pattern: /^[A-Za-z][A-Za-z-]*\d+(?:\/\d+)*$/,
  reason: 'an interface name is a type followed by its number, e.g. GigabitEthernet2 or TenGigabitEthernet0/0/1',
};

/** The ownership marker starts a `description` line: printable, no line breaks, short. */
export const MARKER: NameRule = {
  pattern: /^[!-~][ -~]{0,39}$/,
  reason: 'the ownership marker is 1-40 printable ASCII characters without line breaks, not starting with a space',
};

/** VLAN ids usable on a dot1Q sub-interface: 1-4094 (0 and 4095 are reserved by 802.1Q). */
const VLAN_MIN = 1;
const VLAN_MAX = 4094;
const VLAN_TEXT = /^[1-9]\d{0,3}$/;

/** The VLAN id of a decimal text without sign, spaces or leading zeros, or null. */
export function parseVlan(text: string): number | null {
  if (!VLAN_TEXT.test(text)) return null;
  const vlan = Number(text);
  return vlan >= VLAN_MIN && vlan <= VLAN_MAX ? vlan : null;
}

export function matches(rule: NameRule, value: string): boolean {
  return rule.pattern.test(value);
}
