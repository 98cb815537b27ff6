/**
 * IPv4 arithmetic on unsigned 32-bit numbers. Parsing is strict: only the plain dotted-quad
 * form IOS prints (no leading zeros, no spaces, nothing before or after), so a value that
 * passes can be placed into a CLI line as it is.
 */

/**
 * The address as a number, or null when `text` is not a plain dotted quad: four decimal
 * octets 0-255 without sign, spaces or leading zeros. A character scan, not a regex: intent
 * parses every address of every container, so this is on the hot path.
 */
export function parseIpv4(text: string): number | null {
  if (text.length < 7 || text.length > 15) return null;
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return null;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else if (code >= 48 && code <= 57) {
      if (digits > 0 && octet === 0) return null; // leading zero
      octet = octet * 10 + (code - 48);
      if (++digits > 3 || octet > 255) return null;
    } else {
      return null;
    }
  }
  if (dots !== 3 || digits === 0) return null;
  return value * 256 + octet;
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

/** "192.168.1.5/24" → the address as written (host bits kept) and the length; null unless exactly that form. */
export function parsePrefix(text: string): { address: number; prefixLength: number } | null {
  const match = /^([^/]+)\/(3[0-2]|[12]\d|\d)$/.exec(text);
  if (!match) return null;
  const address = parseIpv4(match[1]!);
  if (address === null) return null;
  return { address, prefixLength: Number(match[2]) };
}

/** "192.168.1.0/24" → network and length (host bits cleared); null unless the text is exactly that form. */
export function parseCidr(text: string): Cidr | null {
  const prefix = parsePrefix(text);
  if (prefix === null) return null;
  return { network: (prefix.address & maskOf(prefix.prefixLength)) >>> 0, prefixLength: prefix.prefixLength };
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
