import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { normaliseTree } from '../../../src/iosxe/normalise.js';
import { parseConfig, printConfig } from '../../../src/iosxe/parse.js';
import { scopeConfig } from '../../../src/iosxe/scope.js';
import { inferInterfaces } from '../../../src/iosxe/infer.js';
import { corpusConfigs, corpusDir, corpusTestOptions } from '../../helpers/corpus.js';
import { fixture } from './paths.js';
import { OPTIONS } from './world.js';

const normalised = (text: string) => printConfig(normaliseTree(parseConfig(text)));

test('ACL entries: numbered by 10 where unnumbered, remarks take the next number, host form, deny padding', () => {
  assert.equal(
    normalised('ip access-list standard A\n permit 10.0.0.0 0.0.0.255\n remark hosts\n permit host 10.1.1.1\n deny any\n 100 permit 10.2.2.2 0.0.0.0\n permit 10.3.0.0   0.0.255.255\n'),
    'ip access-list standard A\n 10 permit 10.0.0.0 0.0.0.255\n 20 remark hosts\n 20 permit 10.1.1.1\n 30 deny   any\n 100 permit 10.2.2.2\n 110 permit 10.3.0.0 0.0.255.255\n',
  );
  // Extended ACLs keep `host` (it is the device's own print there) and get the padding.
  assert.equal(normalised('ip access-list extended E\n 10 deny tcp any host 1.1.1.1 eq 22\n'), 'ip access-list extended E\n 10 deny   tcp any host 1.1.1.1 eq 22\n');
});

test('normalising the device print changes nothing (the corpus ACLs are already in device form)', corpusTestOptions(), () => {
  const text = readFileSync(`${corpusDir()}/ntc-acl.cfg`, 'utf8');
  assert.equal(normalised(text), printConfig(parseConfig(text)));
});

test('scope of the device fixture: only the marked, prefixed and owned-VRF objects, and ip nat outside alone', () => {
  const scoped = scopeConfig(normaliseTree(parseConfig(fixture('c8000v-device.cfg'))), OPTIONS);
  assert.deepEqual(
    [...scoped.sections.entries()].map(([key, s]) => `${s.kind}: ${key}`),
    [
      'vrf: vrf definition mytenant',
      'outside-interface: interface GigabitEthernet1',
      'subinterface: interface GigabitEthernet2.10',
      'acl: ip access-list standard TRANSLATOR-NAT-mytenant',
      'route-map: route-map TRANSLATOR-EGRESS permit 10',
      'nat-static: ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
      'nat-list: ip nat inside source list TRANSLATOR-NAT-mytenant interface GigabitEthernet1 vrf mytenant overload',
    ],
  );
  assert.deepEqual(scoped.sections.get('interface GigabitEthernet1')!.node.children.map((c) => c.text), ['ip nat outside']);
  assert.deepEqual([...scoped.foreign.keys()], ['vrf definition Mgmt-intf']);
});

test('nothing in the public corpus is ours', corpusTestOptions(), () => {
  for (const file of corpusConfigs()) {
    const scoped = scopeConfig(normaliseTree(parseConfig(readFileSync(file, 'utf8'))), { ...OPTIONS, inside: 'GigabitEthernet/1/0/2', outside: 'GigabitEthernet/2/0/3.1056' });
    const owned = [...scoped.sections.values()].filter((s) => s.kind !== 'outside-interface');
    assert.deepEqual(owned, [], file);
  }
});

test('inside and outside interfaces are read from an intended file', () => {
  assert.deepEqual(inferInterfaces(parseConfig(fixture('intended-mytenant.cfg'))), { inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' });
  assert.deepEqual(inferInterfaces(parseConfig('')), {});
});

test('scope kinds by their line: short lines, look-alike prefixes, and NAT lines around their VRF in any order', () => {
  const text = [
    // NAT lines of a VRF that is defined further down, then again after it: the same owned VRF both times.
    'ip nat inside source static 192.168.1.1 10.0.1.1 vrf late',
    'ip nat inside source static 192.168.1.2 10.0.1.2 vrf late',
    'vrf definition late',
    ' description translator: late',
    'ip nat inside source static 192.168.1.3 10.0.1.3 vrf late',
    'ip nat inside source static 192.168.1.4 10.0.1.4 vrf other',
    // Lines of one or two characters, and lines that share a kind's first characters without being one.
    'x',
    'ip',
    'in',
    'ip route vrf late 0.0.0.0 0.0.0.0 Null0',
    'interfaces',
    'vrf upgrade-cli',
    'route-map TRANSLATOR-EGRESS permit 10',
    'interface GigabitEthernet2.7',
    ' description translator: late',
    'interface GigabitEthernet1',
    ' ip nat outside',
  ].join('\n');
  const scoped = scopeConfig(normaliseTree(parseConfig(text)), OPTIONS);
  assert.deepEqual(
    [...scoped.sections.entries()].map(([key, s]) => `${s.kind} ${s.name}: ${key}`),
    [
      'vrf late: vrf definition late',
      'route-map TRANSLATOR-EGRESS: route-map TRANSLATOR-EGRESS permit 10',
      'subinterface GigabitEthernet2.7: interface GigabitEthernet2.7',
      'outside-interface GigabitEthernet1: interface GigabitEthernet1',
      'nat-static late: ip nat inside source static 192.168.1.1 10.0.1.1 vrf late',
      'nat-static late: ip nat inside source static 192.168.1.2 10.0.1.2 vrf late',
      'nat-static late: ip nat inside source static 192.168.1.3 10.0.1.3 vrf late',
    ],
  );
  assert.deepEqual(
    scoped.unowned.map((node) => node.text),
    ['x', 'ip', 'in', 'ip route vrf late 0.0.0.0 0.0.0.0 Null0', 'interfaces', 'vrf upgrade-cli', 'ip nat inside source static 192.168.1.4 10.0.1.4 vrf other'],
  );
});

test('NAT lines of a foreign, an adopted and a marked VRF, and a NAT line repeated: one section in its first place, holding the last line', () => {
  const text = [
    'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mine',
    'vrf definition theirs',
    ' rd 65000:1',
    'vrf definition taken',
    ' rd 65000:2',
    'vrf definition mine',
    ' description translator: mine',
    'ip nat inside source static 192.168.2.1 10.0.2.1 vrf theirs',
    'ip nat inside source static 192.168.3.1 10.0.3.1 vrf taken',
    'ip nat inside source list TRANSLATOR-NAT-mine interface GigabitEthernet1 vrf mine overload',
    'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mine',
  ].join('\n');
  const scoped = scopeConfig(normaliseTree(parseConfig(text)), { ...OPTIONS, adopt: ['taken'] });
  assert.deepEqual(
    [...scoped.sections.entries()].map(([key, s]) => `${s.kind} ${s.name} (line ${s.node.line}): ${key}`),
    [
      'vrf taken (line 4): vrf definition taken',
      'vrf mine (line 6): vrf definition mine',
      'nat-static mine (line 11): ip nat inside source static 192.168.1.1 10.0.1.1 vrf mine',
      'nat-static taken (line 9): ip nat inside source static 192.168.3.1 10.0.3.1 vrf taken',
      'nat-list mine (line 10): ip nat inside source list TRANSLATOR-NAT-mine interface GigabitEthernet1 vrf mine overload',
    ],
  );
  assert.equal(scoped.sections.get('vrf definition taken')!.adopted, true);
  assert.deepEqual(
    scoped.unowned.map((node) => node.text),
    ['vrf definition theirs', 'ip nat inside source static 192.168.2.1 10.0.2.1 vrf theirs'],
  );
});
