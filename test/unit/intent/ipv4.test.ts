import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cidrContains, compareIpv4, formatIpv4, parseCidr, parseIpv4 } from '../../../src/intent/ipv4.js';

test('parseIpv4 takes exactly the plain dotted quad', () => {
  const good: [string, number][] = [
    ['0.0.0.0', 0],
    ['10.0.1.1', 0x0a000101],
    ['255.255.255.255', 0xffffffff],
    ['192.168.1.254', 0xc0a801fe],
    ['1.20.100.200', 0x011464c8],
  ];
  for (const [text, value] of good) assert.equal(parseIpv4(text), value, text);
  const bad = ['', '1.2.3', '1.2.3.4.5', '01.2.3.4', '1.2.3.04', '1.2.3.00', '256.1.1.1', '1.2.3.4 ', ' 1.2.3.4', '1..3.4', '.1.2.3', '1.2.3.', '1.2.3.4\n', '1.2.3.1000', '+1.2.3.4', '1.2.3.4/32', '１.2.3.4', '1.2.3.-4'];
  for (const text of bad) assert.equal(parseIpv4(text), null, JSON.stringify(text));
});

test('every octet value round-trips and leading zeros are refused for all of them', () => {
  for (let octet = 0; octet < 256; octet++) {
    assert.equal(parseIpv4(`10.${octet}.0.1`), (10 << 24) + (octet << 16) + 1);
    assert.equal(parseIpv4(`10.0${octet}.0.1`), null);
    assert.equal(formatIpv4(parseIpv4(`${octet}.1.2.3`)!), `${octet}.1.2.3`);
  }
});

test('CIDR parsing, containment and numeric order', () => {
  assert.deepEqual(parseCidr('192.168.1.77/24'), { network: 0xc0a80100, prefixLength: 24 });
  assert.equal(parseCidr('192.168.1.0/33'), null);
  assert.equal(parseCidr('192.168.1.0'), null);
  const cidr = parseCidr('10.0.1.0/28')!;
  assert.equal(cidrContains(cidr, parseIpv4('10.0.1.15')!), true);
  assert.equal(cidrContains(cidr, parseIpv4('10.0.1.16')!), false);
  assert.ok(compareIpv4('192.168.1.9', '192.168.1.10') < 0);
});
