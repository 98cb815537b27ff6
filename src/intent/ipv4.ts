/**
 * IPv4 arithmetic on unsigned 32-bit numbers. Parsing is strict: only the plain dotted-quad
 * form IOS prints (no leading zeros, no spaces, nothing before or after), so a value that
 * passes can be placed into a CLI line as it is.
 */

const OCTET = '(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]\\d|\\d)';
const DOTTED_QUAD = new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`);

export function isIpv4(text: string): boolean {
  return DOTTED_QUAD.test(text);
}

/** The address as a number, or null when `text` is not a plain dotted quad. */
export function parseIpv4(text: string): number | null {
  if (!isIpv4(text)) return null;
  return text.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
}

export function formatIpv4(value: number): string {
  return [24, 16, 8, 0].map((shift) => (value >>> shift) & 255).join('.');
}

export function maskOf(prefixLength: number): number {
  return prefixLength === 0 ? 0 : (0xffffffff << (32 - prefixLength)) >>> 0;
}

export interface Cidr {
  network: number;
  prefixLength: number;
}

/** "192.168.1.0/24" → network and length; null unless the text is exactly that form. */
export function parseCidr(text: string): Cidr | null {
  const match = /^([^/]+)\/(3[0-2]|[12]\d|\d)$/.exec(text);
  if (!match) return null;
  const address = parseIpv4(match[1]!);
  if (address === null) return null;
  const prefixLength = Number(match[2]);
  return { network: (address & maskOf(prefixLength)) >>> 0, prefixLength };
}

export function cidrContains(cidr: Cidr, address: number): boolean {
  const mask = maskOf(cidr.prefixLength);
  return ((address & mask) >>> 0) === cidr.network;
}

export function broadcastOf(cidr: Cidr): number {
  return (cidr.network | (~maskOf(cidr.prefixLength) >>> 0)) >>> 0;
}

/** Numeric order for dotted quads, used to sort rendered lines as a reader expects. */
export function compareIpv4(a: string, b: string): number {
  return (parseIpv4(a) ?? 0) - (parseIpv4(b) ?? 0);
}
