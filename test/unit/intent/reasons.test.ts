import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FLOATING_IP_BLOCKS, GATEWAY_BLOCKS } from '../../../src/intent/address-blocks.js';
import { REJECTION_CODES, reasons, type IntentRejectionCode, type Reason } from '../../../src/intent/reasons.js';
import { SOURCE_REJECTION_CODES, sourceReasons } from '../../../src/observe/reasons.js';

/** One of every reason (the type makes a new reason add its sample here). */
const samples: { [K in IntentRejectionCode]: Reason } = {
  noRouter: reasons.noRouter(),
  routerAmbiguous: reasons.routerAmbiguous('translator.router', ['edge1', 'edge2']),
  routerUnknown: reasons.routerUnknown('translator.router', 'edge9'),
  badVrfName: reasons.badVrfName('letters, digits, _ . -'),
  legacyVrf: reasons.legacyVrf('mytenant', 'edge1'),
  noVlan: reasons.noVlan('eth1', 'translator.vlan'),
  badVlan: reasons.badVlan('parent', '5000'),
  noSubnet: reasons.noSubnet(),
  subnetHostBits: reasons.subnetHostBits('192.168.1.5/24', '192.168.1.0/24'),
  subnetEverything: reasons.subnetEverything(),
  badPrefix: reasons.badPrefix(31),
  noGateway: reasons.noGateway(),
  gatewayOutside: reasons.gatewayOutside('10.9.9.9', '192.168.1.0/24'),
  gatewayNotHost: reasons.gatewayNotHost('127.0.0.1', GATEWAY_BLOCKS[1]!),
  vlanTaken: reasons.vlanTaken(10, 'edge1', 'other'),
  badGlobalIp: reasons.badGlobalIp('global_ip', '10.0.1.2 vrf other'),
  globalSpecialPurpose: reasons.globalSpecialPurpose('224.0.0.1', FLOATING_IP_BLOCKS.find((b) => b.name === 'Multicast')!),
  globalOutsidePools: reasons.globalOutsidePools('10.9.0.1', ['10.0.1.0/24']),
  globalRouterAddress: reasons.globalRouterAddress('203.0.113.2', 'edge1', 'the address of GigabitEthernet1'),
  globalTenantAddress: reasons.globalTenantAddress('192.168.1.254', 'edge1', 'gateway', 'mytenant'),
  globalUnownedNat: reasons.globalUnownedNat('203.0.113.9', 'edge1', 'ip nat inside source static 10.9.9.9 203.0.113.9'),
  globalTaken: reasons.globalTaken('10.0.1.1', 'web'),
  noTenantNetwork: reasons.noTenantNetwork(),
  networkRejected: reasons.networkRejected('bad net'),
  severalNetworks: reasons.severalNetworks(['a', 'b']),
  noAddress: reasons.noAddress('mytenant'),
  localOutside: reasons.localOutside('10.1.1.1', '192.168.1.0/24'),
};

test('every reason is made with its own code: a short, stable name fit for a metric label', () => {
  assert.deepEqual([...REJECTION_CODES].sort(), Object.keys(samples).sort());
  for (const [code, made] of Object.entries(samples)) {
    assert.match(code, /^[a-z][A-Za-z]{2,31}$/);
    assert.equal(made.code, code);
    assert.ok(made.reason.length > 0 && !made.reason.includes('\n'), made.reason);
  }
});

test('the words quote untrusted values on one line; the code never carries them', () => {
  const made = reasons.badGlobalIp('global_ip', '10.0.1.1\nno ip nat outside');
  assert.deepEqual(made, { code: 'badGlobalIp', reason: 'label global_ip="10.0.1.1\\nno ip nat outside" is not a plain dotted-quad IPv4 address' });
});

test('the codes sources make (Swarm, several engines) are codes of their own: no name means two things', () => {
  for (const code of SOURCE_REJECTION_CODES) {
    assert.match(code, /^[a-z][A-Za-z]{2,31}$/);
    assert.ok(!(REJECTION_CODES as string[]).includes(code), code);
  }
  assert.deepEqual(sourceReasons.notConfigFrom().code, 'notConfigFrom');
});
