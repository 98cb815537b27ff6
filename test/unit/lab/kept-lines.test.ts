/**
 * Every line the lab loads, modelled or kept as text, can be removed with IOS's exact `no` form,
 * and a line IOS shows as `no X` is undone by `X` or `default X` — so a router in any state can
 * converge (issue 9 item 6). Titles name the behaviours.ts rows.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from './engine-helpers.js';

/** An owned tenant as a real router might hold it, with lines the lab does not model. */
const LOADED = `hostname edge1
!
vrf definition mytenant
 description translator: tenant mytenant
 rd 65000:10
 maximum routes 1000 80
 !
 address-family ipv4
  route-target export 65000:10
  route-target import 65000:10
 exit-address-family
!
interface GigabitEthernet1
 ip address 203.0.113.2 255.255.255.0
 ip nat outside
 negotiation auto
 no mop enabled
!
interface GigabitEthernet2
 no ip address
 negotiation auto
!
interface GigabitEthernet2.10
 description translator: tenant mytenant
 encapsulation dot1Q 10
 vrf forwarding mytenant
 no ip address
 ip nat inside
 ip mtu 1400
 no ip redirects
!
ip nat inside source static tcp 192.168.1.5 80 10.0.1.5 80 extendable
ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant
ip route 0.0.0.0 0.0.0.0 203.0.113.1
ip route vrf mytenant 10.99.0.0 255.255.0.0 192.168.1.250
!
end
`;

test('keptChildEdit: `no <line>` removes a loaded child kept as text; `X` undoes ` no X`; `default X` clears X', () => {
  const { run, config } = cli(LOADED);
  run('conf t', 'vrf definition mytenant');
  assert.equal(run('no rd 65000:10'), '');
  assert.equal(run('no maximum routes 1000 80'), '');
  run('address-family ipv4');
  assert.equal(run('no route-target export 65000:10'), '');
  run('interface gi2.10');
  assert.equal(run('no ip mtu 1400'), '');
  assert.equal(run('ip redirects'), '', '` no ip redirects` is undone by `ip redirects`');
  assert.equal(run('ip address 192.168.1.254 255.255.255.0'), '', '` no ip address` is undone by `ip address …`');
  run('interface gi1');
  assert.equal(run('no negotiation auto'), '');
  assert.equal(run('default mop enabled'), '', '`default X` removes ` no X`');
  run('end');
  const text = config();
  assert.match(text, /\nvrf definition mytenant\n description translator: tenant mytenant\n !\n address-family ipv4\n  route-target import 65000:10\n exit-address-family\n/);
  assert.match(text, /\ninterface GigabitEthernet2\.10\n description translator: tenant mytenant\n encapsulation dot1Q 10\n vrf forwarding mytenant\n ip address 192\.168\.1\.254 255\.255\.255\.0\n ip nat inside\n!/);
  assert.match(text, /\ninterface GigabitEthernet1\n ip address 203\.0\.113\.2 255\.255\.255\.0\n ip nat outside\n!/);
});

test('keptChildEdit: operator edits inside an owned sub-interface are accepted and undone as on IOS', () => {
  const { run, config } = cli(LOADED);
  run('conf t', 'interface gi2.10', 'no ip redirects', 'ip mtu 1300', 'no ip unreachables', 'no ip address', 'end');
  assert.match(config(), /\n ip nat inside\n ip mtu 1300\n no ip redirects\n no ip unreachables\n/);
  assert.match(config(), /vrf forwarding mytenant\n no ip address\n/);
  run('conf t', 'interface gi2.10', 'default ip mtu', 'ip unreachables', 'default ip address', 'default description', 'end');
  assert.doesNotMatch(config(), /ip mtu|no ip unreachables|description translator: tenant mytenant\n encapsulation/);
  run('conf t', 'interface gi2.10');
  assert.match(run('no ip frobnicate'), /\^\n% Invalid input/, 'a line neither kept nor in the table is refused');
  assert.match(run('default frobnicate'), /\^\n% Invalid input/);
});

test('keptBlockRemoval: `no <line>` removes a top-level line kept as text (static tcp … extendable, ip route)', () => {
  const { run, config } = cli(LOADED);
  run('conf t');
  assert.equal(run('no ip nat inside source static tcp 192.168.1.5 80 10.0.1.5 80 extendable'), '');
  assert.equal(run('no ip route vrf mytenant 10.99.0.0 255.255.0.0 192.168.1.250'), '');
  assert.match(run('no ip route 10.1.0.0 255.255.0.0 203.0.113.1'), /\^\n% Invalid input/, 'not there: refused');
  run('end');
  const text = config();
  assert.doesNotMatch(text, /extendable|10\.99\.0\.0/);
  assert.match(text, /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m, 'the modelled static stays');
  assert.match(text, /^ip route 0\.0\.0\.0 0\.0\.0\.0 203\.0\.113\.1$/m);
  const again = cli(text);
  assert.doesNotMatch(again.config(), /extendable/, 'the removal survives a reload');
});
