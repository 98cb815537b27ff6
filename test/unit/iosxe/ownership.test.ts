/**
 * Ownership that never breaks a human's config (DESIGN.md, "Ownership"; issue 9): every row of
 * rules/references.ts refuses a change to an owned-looking object that config outside the scope names,
 * every row of rules/nat.ts leaves a colliding floating IP out, and a tenant whose VRF name a legacy
 * `ip vrf` holds is left out as a whole while the others plan.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliLines } from '../../../src/iosxe/commands.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { plan, PlanRefused } from '../../../src/iosxe/plan.js';
import { NAT_GLOBAL_RULES } from '../../../src/iosxe/rules/nat.js';
import { REFERENCE_RULES } from '../../../src/iosxe/rules/references.js';
import { applyLines } from './applier.js';
import { ownedView } from './compare.js';
import { OPTIONS, renderIntended, renderRunning } from './world.js';
import type { World } from './world.js';

const mytenant: World = { tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']] }] };
const other: World['tenants'][number] = { vrf: 'other', vlan: 20, net: 2, fips: [[5, '10.0.2.5']] };
const none: World = { tenants: [] };

/** Running-config of `world` with `extra` top-level config added (before the static route). */
const runningWith = (world: World, extra: string, unrelated = 1) => renderRunning(world, unrelated).replace('ip route 0.0.0.0', `${extra}\nip route 0.0.0.0`);
const lineOf = (text: string, line: string) => text.split('\n').lastIndexOf(line) + 1;

const MGMT = 'ip access-list standard TRANSLATOR-MGMT\n 10 permit 10.0.0.0 0.255.255.255';
const PBR = 'route-map TRANSLATOR-HAND permit 10\n set global';

/** [rule, owned-looking object, config that names it (the line to be named last), the object as the refusal names it]. */
const REFERENCED: [rule: string, object: string, user: string, named: string][] = [
  ['vty-access-class', MGMT, 'line vty 5 15\n access-class TRANSLATOR-MGMT in vrf-also', 'acl "TRANSLATOR-MGMT"'],
  ['interface-access-group', MGMT, 'interface Loopback9\n ip access-group TRANSLATOR-MGMT in', 'acl "TRANSLATOR-MGMT"'],
  ['interface-policy', PBR, 'interface Loopback9\n ip policy route-map TRANSLATOR-HAND', 'route-map "TRANSLATOR-HAND"'],
  ['interface-vrf', '', 'interface Loopback9\n vrf forwarding mytenant', 'vrf "mytenant"'],
  ['local-policy', PBR, 'ip local policy route-map TRANSLATOR-HAND', 'route-map "TRANSLATOR-HAND"'],
  ['nat-acl', MGMT, 'ip nat inside source list TRANSLATOR-MGMT interface GigabitEthernet1 overload', 'acl "TRANSLATOR-MGMT"'],
  ['nat-route-map', PBR, 'ip nat inside source route-map TRANSLATOR-HAND interface GigabitEthernet1 overload', 'route-map "TRANSLATOR-HAND"'],
  ['nat-vrf', '', 'ip nat outside source static 198.51.100.77 192.168.1.77 vrf mytenant', 'vrf "mytenant"'],
  ['nat-interface', '', 'ip nat inside source list MGMT interface GigabitEthernet2.10 overload', 'subinterface "GigabitEthernet2.10"'],
  ['static-route-vrf', '', 'ip route vrf mytenant 10.9.0.0 255.255.0.0 192.168.1.1', 'vrf "mytenant"'],
  ['static-route-interface', '', 'ip route 10.8.0.0 255.255.0.0 GigabitEthernet2.10 192.168.1.2', 'subinterface "GigabitEthernet2.10"'],
  ['bgp-vrf', '', 'router bgp 65000\n address-family ipv4 vrf mytenant', 'vrf "mytenant"'],
  ['class-map-acl', MGMT, 'class-map match-all HAND\n match access-group name TRANSLATOR-MGMT', 'acl "TRANSLATOR-MGMT"'],
  ['route-map-acl', MGMT, 'route-map HAND permit 10\n match ip address MGMT TRANSLATOR-MGMT', 'acl "TRANSLATOR-MGMT"'],
  ['snmp-community-acl', MGMT, 'snmp-server community s3cret RO TRANSLATOR-MGMT', 'acl "TRANSLATOR-MGMT"'],
  ['ntp-access-group', MGMT, 'ntp access-group peer TRANSLATOR-MGMT', 'acl "TRANSLATOR-MGMT"'],
  ['http-access-class', MGMT, 'ip http access-class ipv4 TRANSLATOR-MGMT', 'acl "TRANSLATOR-MGMT"'],
  ['crypto-map-acl', MGMT, 'crypto map HAND 10 ipsec-isakmp\n match address TRANSLATOR-MGMT', 'acl "TRANSLATOR-MGMT"'],
];

test('every reference rule has a row below', () => {
  assert.deepEqual(REFERENCE_RULES.map((r) => r.id).filter((id) => !REFERENCED.some(([rule]) => rule === id)), []);
});

for (const [rule, object, user, named] of REFERENCED) {
  test(`referenced by config that is not ours (${rule}): never removed; the refusal names the object and the line`, () => {
    const text = runningWith(mytenant, [object, user].filter(Boolean).join('\n'));
    // An owned-looking ACL/route-map goes with an intent that keeps the tenant; our VRF and sub-interface with an empty one.
    const intent = object ? mytenant : none;
    const userLines = user.split('\n');
    const last = userLines.at(-1)!.trim();
    const parent = userLines.length > 1 ? `"${userLines[0]}" / ` : '';
    const lineNumber = lineOf(text, userLines.at(-1)!);
    assert.throws(
      () => plan(parseConfig(text), parseConfig(renderIntended(intent)), OPTIONS),
      (error: unknown) =>
        error instanceof PlanRefused &&
        error.message.includes(`${named} would be removed, but config that is not ours uses it: running-config line ${lineNumber}: ${parent}"${last}"`),
    );
  });
}

test('a referenced owned-looking object that does not change plans normally; a change to it is refused', () => {
  const user = 'line vty 5 15\n access-class TRANSLATOR-NAT-mytenant in';
  const running = parseConfig(runningWith(mytenant, user));
  const two: World = { tenants: [...mytenant.tenants, other] };
  assert.ok(plan(running, parseConfig(renderIntended(two)), OPTIONS).commands.length > 0, 'adding a tenant touches nothing referenced');
  const moved: World = { tenants: [{ ...mytenant.tenants[0]!, net: 5 }] };
  assert.throws(() => plan(running, parseConfig(renderIntended(moved)), OPTIONS), /acl "TRANSLATOR-NAT-mytenant" would be changed, but config that is not ours uses it/);
});

/** [rule, NAT config that is not ours, whether it blocks global 10.0.1.1]. */
const GLOBALS: [rule: string, line: string, blocks: boolean][] = [
  ['inside-static', 'ip nat inside source static 172.16.9.9 10.0.1.1', true],
  ['inside-static', 'ip nat inside source static tcp 172.16.9.9 80 10.0.1.1 8080 extendable', true],
  ['inside-static', 'ip nat inside source static 172.16.9.9 10.0.1.2 vrf HAND-0', false],
  ['inside-static-network', 'ip nat inside source static network 172.16.0.0 10.0.1.0 /24', true],
  ['inside-static-network', 'ip nat inside source static network 172.16.0.0 10.0.0.0 255.255.255.0', false],
  ['outside-static', 'ip nat outside source static 10.0.1.1 172.16.5.5', true],
  ['outside-static', 'ip nat outside source static 172.16.5.5 10.0.1.1', true],
  ['nvi-static', 'ip nat source static 172.16.9.9 10.0.1.1', true],
  ['pool', 'ip nat pool HAND 10.0.0.200 10.0.1.20 prefix-length 23', true],
  ['pool', 'ip nat pool HAND 10.0.1.2 10.0.1.20 prefix-length 24', false],
  ['pool-address', 'ip nat pool HAND prefix-length 24\n address 10.0.0.250 10.0.1.5', true],
];

test('every NAT global rule has a row below', () => {
  assert.deepEqual(NAT_GLOBAL_RULES.map((r) => r.id).filter((id) => !GLOBALS.some(([rule]) => rule === id)), []);
});

for (const [rule, line, blocks] of GLOBALS) {
  test(`unowned NAT (${rule}: ${line.split('\n').at(-1)!.trim()}) ${blocks ? 'leaves floating IP 10.0.1.1 out' : 'leaves 10.0.1.1 alone'}, the rest plans`, () => {
    const running = parseConfig(runningWith(none, line, 0));
    const intended = parseConfig(renderIntended(mytenant));
    const result = plan(running, intended, OPTIONS);
    const lines = cliLines(result.commands);
    const fip = 'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant';
    assert.equal(lines.includes(fip), !blocks);
    assert.ok(lines.includes('vrf definition mytenant'), 'the tenant itself is planned');
    if (blocks) {
      assert.deepEqual(result.skipped.map((s) => [s.rule, s.change, s.line]), [['global-ip-in-use', 'add', fip]]);
      assert.match(result.skipped[0]!.reason, /floating IP 10\.0\.1\.1 \(192\.168\.1\.1 in VRF mytenant\) is left out: the global address is already used by running-config line \d+/);
    } else assert.deepEqual(result.skipped, []);
    const applied = applyLines(running, lines);
    assert.deepEqual(cliLines(plan(applied, intended, OPTIONS).commands), [], 're-planning after the push is empty');
    assert.deepEqual(ownedView(result.predicted, OPTIONS), ownedView(applied, OPTIONS), 'the prediction is what the router holds');
  });
}

test('a floating IP of ours already on the router stays when a hand-made pool later covers it', () => {
  const running = parseConfig(runningWith(mytenant, 'ip nat pool HAND 10.0.1.1 10.0.1.9 prefix-length 24', 0));
  const result = plan(running, parseConfig(renderIntended(mytenant)), OPTIONS);
  assert.deepEqual([cliLines(result.commands), result.skipped], [[], []]);
});

test('legacy ip vrf of a tenant name: that tenant is left out whole (VRF, sub-interface, NAT, its ACL), others plan', () => {
  const legacy = 'ip vrf mytenant\n rd 65000:99';
  const running = parseConfig(runningWith(none, legacy));
  const both = plan(running, parseConfig(renderIntended({ tenants: [...mytenant.tenants, other] })), OPTIONS);
  assert.deepEqual(
    both.skipped.map((s) => `${s.rule} ${s.kind} ${s.line}`).sort(),
    [
      'legacy-vrf acl ip access-list standard TRANSLATOR-NAT-mytenant',
      'legacy-vrf nat-list ip nat inside source list TRANSLATOR-NAT-mytenant interface GigabitEthernet1 vrf mytenant overload',
      'legacy-vrf nat-static ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
      'legacy-vrf subinterface interface GigabitEthernet2.10',
      'legacy-vrf vrf vrf definition mytenant',
    ],
  );
  for (const skipped of both.skipped) assert.match(skipped.reason, /tenant "mytenant" is left out: a legacy VRF of that name exists on the router \(running-config line \d+: "ip vrf mytenant"\)/);
  const lines = cliLines(both.commands);
  assert.ok(!lines.some((l) => /mytenant|GigabitEthernet2\.10/.test(l)), 'nothing of the skipped tenant');
  for (const wanted of ['vrf definition other', 'interface GigabitEthernet2.20', 'route-map TRANSLATOR-EGRESS permit 10', ' ip nat outside']) assert.ok(lines.includes(wanted), wanted);
  assert.deepEqual(cliLines(plan(applyLines(running, lines), parseConfig(renderIntended({ tenants: [...mytenant.tenants, other] })), OPTIONS).commands), []);

  // Alone, the tenant also takes what only it uses: the egress route-map and the outside interface's ip nat outside.
  const alone = plan(running, parseConfig(renderIntended(mytenant)), OPTIONS);
  assert.deepEqual(cliLines(alone.commands), []);
  assert.deepEqual(alone.skipped.map((s) => s.kind).sort(), ['acl', 'nat-list', 'nat-static', 'outside-interface', 'route-map', 'subinterface', 'vrf']);
});
