import { test } from 'node:test';
import assert from 'node:assert/strict';
import { reasons } from '../../../src/intent/reasons.js';
import { REJECTION_CODES, rejectionCode } from '../../../src/ops/rejection-codes.js';

/** One rendering of every reason, with hostile-looking values where the reason quotes input. */
const samples: { [K in keyof typeof reasons]: string } = {
  noRouter: reasons.noRouter(),
  routerAmbiguous: reasons.routerAmbiguous('translator.router', ['edge1', 'edge2']),
  routerUnknown: reasons.routerUnknown('translator.router', 'edge9'),
  badVrfName: reasons.badVrfName('letters, digits, _ . -'),
  noVlan: reasons.noVlan('eth1', 'translator.vlan'),
  badVlan: reasons.badVlan('parent', '5000'),
  noSubnet: reasons.noSubnet(),
  badPrefix: reasons.badPrefix(31),
  noGateway: reasons.noGateway(),
  gatewayOutside: reasons.gatewayOutside('10.9.9.9', '192.168.1.0/24'),
  vlanTaken: reasons.vlanTaken(10, 'edge1', 'other'),
  badGlobalIp: reasons.badGlobalIp('global_ip', '10.0.1.2 vrf other'),
  globalOutsidePools: reasons.globalOutsidePools('10.9.0.1', ['10.0.1.0/24']),
  globalTaken: reasons.globalTaken('10.0.1.1', 'web'),
  noTenantNetwork: reasons.noTenantNetwork(),
  networkRejected: reasons.networkRejected('bad net'),
  severalNetworks: reasons.severalNetworks(['a', 'b']),
  noAddress: reasons.noAddress('mytenant'),
  localOutside: reasons.localOutside('10.1.1.1', '192.168.1.0/24'),
};

test('every rejection reason maps back to its own short code (metric label), nothing else to "other"', () => {
  assert.deepEqual([...REJECTION_CODES].sort(), Object.keys(reasons).sort());
  for (const [code, text] of Object.entries(samples)) assert.equal(rejectionCode(text), code, text);
  assert.equal(rejectionCode('something new'), 'other');
});
