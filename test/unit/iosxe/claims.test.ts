/** claimsOf: what an owned config holds that no other router may hold at the same time. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { claimsOf, describeClaim } from '../../../src/iosxe/claims.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { OPTIONS, renderRunning } from './world.js';

const TWO_TENANTS = readFileSync(new URL('../../fixtures/render/two-tenants.cfg', import.meta.url), 'utf8');

test('an intended config claims its tenants\' VLANs (naming the sub-interface) and its floating IPs\' global addresses', () => {
  assert.deepEqual(claimsOf(parseConfig(TWO_TENANTS), OPTIONS), [
    { kind: 'vlan', value: '5', by: 'interface GigabitEthernet2.5' },
    { kind: 'vlan', value: '300', by: 'interface GigabitEthernet2.300' },
    { kind: 'global', value: '198.51.100.1', by: 'ip nat inside source static 192.168.30.1 198.51.100.1 vrf alpha' },
    { kind: 'global', value: '198.51.100.9', by: 'ip nat inside source static 10.5.0.9 198.51.100.9 vrf zeta' },
    { kind: 'global', value: '198.51.100.10', by: 'ip nat inside source static 10.5.0.10 198.51.100.10 vrf zeta' },
  ]);
  assert.equal(describeClaim({ kind: 'vlan', value: '5' }), 'VLAN 5');
  assert.equal(describeClaim({ kind: 'global', value: '198.51.100.1' }), 'global IP 198.51.100.1');
});

test('a running-config claims only what is owned: hand-made sub-interfaces and NAT are not translator\'s to move', () => {
  const running = renderRunning({ tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']] }] }, 1);
  const claims = claimsOf(parseConfig(running), OPTIONS);
  assert.deepEqual(claims.map(describeClaim), ['VLAN 10', 'global IP 10.0.1.1']);
  assert.match(running, /^interface GigabitEthernet2\.3000$/m, 'the world has a hand-made sub-interface…');
  assert.match(running, /^ip nat inside source static 172\.16\.0\.0 198\.51\.100\.0$/m, '…and hand-made static NAT, neither claimed');
});

test('an empty intended config claims nothing', () => {
  assert.deepEqual(claimsOf(parseConfig(''), OPTIONS), []);
});
