/** routerFacts: the router's own addresses, NAT globals and legacy VRFs outside translator's objects. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { routerFacts } from '../../../src/iosxe/facts.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { corpusDir, corpusTestOptions } from '../../helpers/corpus.js';
import { OPTIONS, renderRunning } from './world.js';

test('facts of a router with a tenant of ours: only what is not ours', () => {
  const text = renderRunning({ tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']] }] }, 1)
    .replace(' ip address 203.0.113.2 255.255.255.0', ' ip address 203.0.113.2 255.255.255.0\n ip address 203.0.113.3 255.255.255.0 secondary')
    .replace('ip route 0.0.0.0', 'ip vrf LEGACY\n rd 1:1\nip nat pool HAND 198.18.7.1 198.18.7.9 prefix-length 24\nip route 0.0.0.0');
  assert.deepEqual(routerFacts(parseConfig(text), OPTIONS), {
    interfaceAddresses: [
      { address: '203.0.113.2', interface: 'GigabitEthernet1' },
      { address: '203.0.113.3', interface: 'GigabitEthernet1' },
      { address: '172.20.0.1', interface: 'GigabitEthernet2.3000' },
      { address: '198.51.100.1', interface: 'GigabitEthernet3' },
    ],
    unownedNatGlobals: [
      { first: '198.51.100.0', last: '198.51.100.0', line: 'ip nat inside source static 172.16.0.0 198.51.100.0' },
      { first: '198.18.0.0', last: '198.18.0.0', line: 'ip nat inside source static 172.21.0.0 198.18.0.0 vrf HAND-0' },
      { first: '198.18.7.1', last: '198.18.7.9', line: 'ip nat pool HAND 198.18.7.1 198.18.7.9 prefix-length 24' },
    ],
    legacyVrfs: ['LEGACY'],
  });
});

test('facts of public configs: static networks and pools as ranges, legacy VRFs', corpusTestOptions(), () => {
  const facts = routerFacts(parseConfig(readFileSync(`${corpusDir()}/batfish-nat-static.cfg`, 'utf8')), { ...OPTIONS, outside: 'Ethernet2' });
  assert.deepEqual(facts.legacyVrfs, ['vrf1']);
  assert.ok(facts.unownedNatGlobals.some((g) => g.first === '2.0.0.0' && g.last === '2.3.255.255' && g.line.includes('/14')));
  assert.ok(facts.unownedNatGlobals.some((g) => g.first === '2.2.3.0' && g.last === '2.2.3.255'));
  const dynamic = routerFacts(parseConfig(readFileSync(`${corpusDir()}/batfish-nat-dynamic.cfg`, 'utf8')), OPTIONS);
  assert.ok(dynamic.unownedNatGlobals.some((g) => g.first === '3.3.3.1' && g.last === '3.3.3.254'));
});
