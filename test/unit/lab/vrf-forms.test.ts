/** The two VRF forms IOS XE accepts, and what removing a VRF prints (behaviours.ts rows named in each title). */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from './engine-helpers.js';

/** The 2016 tool's tenant, in its legacy syntax: `ip vrf`, `ip vrf forwarding`, static NAT in the VRF. */
const LEGACY_TENANT = [
  'configure terminal',
  'ip vrf oldtenant',
  ' description tenant of the 2016 playbooks',
  ' rd 65000:10',
  ' route-target both 65000:10',
  'interface GigabitEthernet2.30',
  ' encapsulation dot1Q 30',
  ' ip vrf forwarding oldtenant',
  ' ip address 192.168.30.254 255.255.255.0',
  ' ip nat inside',
  'ip nat inside source static 192.168.30.1 10.0.30.1 vrf oldtenant',
  'end',
];

test('ipVrfLegacy: `ip vrf` enters (config-vrf), takes description/rd/route-target and prints in the VRF section', () => {
  const { run, config, device, session } = cli();
  run('conf t');
  assert.equal(run('ip vrf oldtenant'), '');
  assert.equal(device.prompt(session), 'edge1(config-vrf)#');
  assert.match(run('address-family ipv4'), /\^\n% Invalid input/, 'a legacy VRF has no address family');
  run('exit', 'exit');
  run(...LEGACY_TENANT);
  const text = config();
  assert.match(text, /\nip vrf oldtenant\n description tenant of the 2016 playbooks\n rd 65000:10\n route-target export 65000:10\n route-target import 65000:10\n!\n/);
  assert.ok(text.indexOf('ip vrf oldtenant') < text.indexOf('\ninterface '), 'in the VRF section, before the interfaces');
});

test('ipVrfForwarding: `ip vrf forwarding` joins a legacy VRF, prints in place, the VRF is shown as ipv4', () => {
  const { run, config } = cli();
  run(...LEGACY_TENANT);
  assert.match(config(), /\ninterface GigabitEthernet2\.30\n encapsulation dot1Q 30\n ip vrf forwarding oldtenant\n ip address 192\.168\.30\.254 255\.255\.255\.0\n ip nat inside\n/);
  assert.match(config(), /^ip nat inside source static 192\.168\.30\.1 10\.0\.30\.1 vrf oldtenant$/m);
  assert.match(run('show vrf'), /^ {2}oldtenant +65000:10 +ipv4 +Gi2\.30$/m);
  run('conf t', 'interface gi2.30');
  assert.equal(run('ip vrf forwarding oldtenant'), '', 'the same VRF again: nothing happens');
  assert.equal(run('no ip vrf forwarding'), '% Interface GigabitEthernet2.30 IPv4 disabled and address(es) removed due to disabling VRF oldtenant\n');
  run('end');
  assert.match(config(), /\ninterface GigabitEthernet2\.30\n encapsulation dot1Q 30\n no ip address\n/);
  // A config using the legacy form boots and prints back unchanged.
  const reloaded = cli(config());
  assert.equal(reloaded.config().replace(/^(! Last configuration change|Current configuration).*$/gm, ''), config().replace(/^(! Last configuration change|Current configuration).*$/gm, ''));
});

test('vrfFormMismatch: one name is one form; the other form and the other forwarding command are refused', () => {
  const { run, config } = cli();
  run(...LEGACY_TENANT);
  run('conf t', 'vrf definition modern', 'address-family ipv4', 'exit-address-family', 'exit');
  assert.equal(run('vrf definition oldtenant'), '% VRF oldtenant not configured\n');
  assert.equal(run('ip vrf modern'), '% VRF modern not configured\n');
  assert.equal(run('no vrf definition oldtenant'), '% VRF oldtenant not configured\n');
  run('interface gi2.31', 'encapsulation dot1Q 31');
  assert.equal(run('vrf forwarding oldtenant'), '% VRF oldtenant not configured\n');
  assert.equal(run('ip vrf forwarding modern'), '% VRF modern not configured\n');
  run('end');
  assert.doesNotMatch(config(), /interface GigabitEthernet2\.31\n encapsulation dot1Q 31\n (ip )?vrf forwarding/);
});

test('vrfRouteTargets: rd replaces, route-target both adds two lines, their no forms remove them', () => {
  const { run, config } = cli();
  run('conf t', 'vrf definition v', 'route-target import 1:2', 'rd 1:1', 'rd 1:9', 'address-family ipv4', 'route-target both 1:3', 'end');
  assert.match(config(), /\nvrf definition v\n rd 1:9\n route-target import 1:2\n !\n address-family ipv4\n  route-target export 1:3\n  route-target import 1:3\n exit-address-family\n/);
  run('conf t', 'vrf definition v', 'no rd 1:9', 'no route-target import 1:2', 'address-family ipv4', 'no route-target both 1:3', 'end');
  assert.match(config(), /\nvrf definition v\n !\n address-family ipv4\n exit-address-family\n/);
  assert.match(run('show vrf v'), /^ {2}v +<not set> +ipv4$/m);
});

test('noIpVrf: `no ip vrf` strips its interfaces and prints the capitalised notice, used or not', () => {
  const { run, config } = cli();
  run(...LEGACY_TENANT);
  run('conf t', 'ip vrf spare', ' rd 65000:99', 'exit');
  assert.equal(run('no ip vrf spare'), '% IPv4 addresses from all interfaces in VRF spare have been removed\n');
  assert.equal(run('no ip vrf oldtenant'), '% IPv4 addresses from all interfaces in VRF oldtenant have been removed\n');
  run('end');
  assert.doesNotMatch(config(), /ip vrf|192\.168\.30\.254/);
});

test('natPatNoNotice: a PAT line and a static line print nothing (the PIX/ASA notices are not IOS)', () => {
  const { run } = cli();
  run(...LEGACY_TENANT);
  run('conf t', 'ip access-list standard OLD', 'permit 192.168.30.0 0.0.0.255', 'exit');
  assert.equal(run('ip nat inside source list OLD interface GigabitEthernet1 vrf oldtenant overload'), '');
  assert.equal(run('ip nat inside source static 192.168.30.2 10.0.30.2 vrf oldtenant'), '');
});
