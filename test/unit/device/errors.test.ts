import { test } from 'node:test';
import assert from 'node:assert/strict';
import { inspect } from 'node:util';
import { DeviceError } from '../../../src/device/errors.js';
import { Secret } from '../../../src/settings/secret.js';

test('a DeviceError names the router, the step, the device words and the known state', () => {
  const error = new DeviceError('the device rejected line 38 ("ip nat insde …")', {
    router: 'edge1',
    step: 'apply line 38/120',
    kind: 'rejected',
    deviceMessage: "% Invalid input detected at '^' marker.",
    state: '38 of 120 lines answered by the device; revert timer of 5 min pending',
  });
  assert.equal(
    error.message,
    'edge1: apply line 38/120: the device rejected line 38 ("ip nat insde …")\n' +
      "  device said: % Invalid input detected at '^' marker.\n" +
      '  router state: 38 of 120 lines answered by the device; revert timer of 5 min pending',
  );
  assert.equal(error.kind, 'rejected');
  assert.equal(error.router, 'edge1');
});

test('secrets in a target never print, whichever way the target is turned into text', () => {
  const target = { name: 'edge1', password: new Secret('s3cr3t-pw') };
  for (const text of [JSON.stringify(target), inspect(target, { depth: 5 }), `${target.password}`, String(target.password)]) {
    assert.ok(!text.includes('s3cr3t-pw'), text);
  }
});
