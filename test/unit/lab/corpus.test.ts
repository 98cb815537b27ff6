/**
 * Booting the lab from each public config of the corpus keeps every line, printed as the
 * device would; the only differences are IOS's own normalisations, listed with a reason.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { test } from 'node:test';
import { EXAMPLE_ROUTER_CONFIG } from '../../../src/lab/example-config.js';
import { createDevice } from '../../../src/lab/engine/device.js';
import { corpusConfigs, corpusTestOptions } from '../../helpers/corpus.js';


/** Lines the device legitimately prints differently, or drops. */
const NORMALISED: { pattern: RegExp; reason: string; files?: string[] }[] = [
  { pattern: /^no shutdown$/, reason: 'the default state is not printed' },
  {
    pattern: /^ip address 10\.0\.100\.6 255\.255\.255\.0$/,
    reason: 'this hand-edited config puts `vrf forwarding` after the address; IOS removes the address (behaviour vrfForwardingRemovesIp)',
    files: ['asr1k-neutron-1.cfg', 'asr1k-neutron-2.cfg'],
  },
  {
    pattern: /^ip nat inside source list 10 interface GigabitEthernet0\/0$/,
    reason: 'the next line maps the same ACL again (with overload) and replaces it',
    files: ['batfish-nat-variants.cfg'],
  },
];

/** Trimmed config lines, without comments, separators and ACL sequence numbers (IOS XE adds them). */
function lines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('!') && !/^(Building configuration|Current configuration :|end$|exit-address-family$)/.test(l))
    .map((l) => l.replace(/^\d+ (?=(permit|deny|remark)\b)/, '').replace(/^deny {3}/, 'deny '));
}

test('corpus configs: every line is kept and printed back', corpusTestOptions(), async (t) => {
  for (const path of corpusConfigs()) {
    const file = basename(path);
    await t.test(file, () => {
      const source = readFileSync(path, 'utf8');
      const printed = new Set(lines(createDevice(source).runningConfig()));
      const missing = lines(source).filter(
        (l) => !printed.has(l) && !NORMALISED.some((n) => n.pattern.test(l) && (!n.files || n.files.includes(file))),
      );
      assert.deepEqual(missing, []);
    });
  }
});

test('the shipped example config (translator lab --example, the demo) boots unchanged, with archive on', () => {
  const text = EXAMPLE_ROUTER_CONFIG;
  const device = createDevice(text);
  // Same lines in the same order; `!` separators are the device's own layout.
  const strip = (t: string) => t.split('\n').filter((l) => !/^(!|Current configuration)/.test(l));
  assert.deepEqual(strip(device.runningConfig()), strip(text));
  assert.equal(device.state.archiveEnabled(), true);
  assert.match(device.banner(), /^edge1 - lab router/);
});
