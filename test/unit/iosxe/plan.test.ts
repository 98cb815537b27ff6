/** Golden scenarios: the exact commands for each kind of change, checked against the applier too. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliLines } from '../../../src/iosxe/commands.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { plan, PlanRefused } from '../../../src/iosxe/plan.js';
import type { Plan } from '../../../src/iosxe/plan.js';
import { applyLines } from './applier.js';
import { applyOnLab } from './lab-applier.js';
import { ownedView, unownedView } from './compare.js';
import { OPTIONS, renderIntended, renderRunning } from './world.js';
import type { World } from './world.js';

const mytenant = (over: Partial<World['tenants'][number]> = {}): World => ({
  tenants: [{ vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']], ...over }],
});

/** Plans, checks the plan against both appliers (ours and the lab router's), and returns the lines typed. */
function planLines(before: World, after: World, options = OPTIONS): { lines: string[]; result: Plan } {
  const runningText = renderRunning(before);
  const running = parseConfig(runningText);
  const intended = parseConfig(renderIntended(after));
  const result = plan(running, intended, options);
  const applied = applyLines(running, cliLines(result.commands));
  assert.deepEqual(ownedView(applied, options), ownedView(intended, options));
  assert.deepEqual(unownedView(applied, options), unownedView(running, options));
  const [labBefore, labAfter] = applyOnLab(runningText, [cliLines(result.commands)]);
  assert.deepEqual(ownedView(labAfter!, options), ownedView(intended, options), 'lab router: owned part is the intent');
  assert.deepEqual(unownedView(labAfter!, options), unownedView(labBefore!, options), 'lab router: nothing else changed');
  assert.equal(plan(result.predicted, intended, options).commands.length, 0);
  return { lines: cliLines(result.commands), result };
}

test('first deploy on a router with nothing of ours: everything in creation order', () => {
  const { lines, result } = planLines({ tenants: [] }, mytenant());
  assert.deepEqual(lines, [
    'vrf definition mytenant',
    ' description translator: mytenant',
    ' address-family ipv4',
    ' exit-address-family',
    'exit',
    'interface GigabitEthernet1',
    ' ip nat outside',
    'exit',
    'interface GigabitEthernet2.10',
    ' description translator: mytenant',
    ' encapsulation dot1Q 10',
    ' vrf forwarding mytenant',
    ' ip address 192.168.1.254 255.255.255.0',
    ' ip nat inside',
    ' ip policy route-map TRANSLATOR-EGRESS',
    'exit',
    'ip access-list standard TRANSLATOR-NAT-mytenant',
    ' 10 permit 192.168.1.0 0.0.0.255',
    'exit',
    'route-map TRANSLATOR-EGRESS permit 10',
    ' set global',
    'exit',
    'ip nat inside source list TRANSLATOR-NAT-mytenant interface GigabitEthernet1 vrf mytenant overload',
    'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
  ]);
  assert.deepEqual(result.summary, {
    add: 7,
    change: 0,
    remove: 0,
    commands: 17,
    byKind: {
      vrf: { add: 1, change: 0, remove: 0 },
      'outside-interface': { add: 1, change: 0, remove: 0 },
      subinterface: { add: 1, change: 0, remove: 0 },
      acl: { add: 1, change: 0, remove: 0 },
      'route-map': { add: 1, change: 0, remove: 0 },
      'nat-list': { add: 1, change: 0, remove: 0 },
      'nat-static': { add: 1, change: 0, remove: 0 },
    },
  });
  assert.deepEqual(result.questions, []);
});

test('nothing to do when the router already matches', () => {
  const { lines, result } = planLines(mytenant(), mytenant());
  assert.deepEqual(lines, []);
  assert.deepEqual(result.rollback, []);
});

test('add one floating IP: one line', () => {
  const { lines, result } = planLines(mytenant(), mytenant({ fips: [[1, '10.0.1.1'], [2, '10.0.1.2']] }));
  assert.deepEqual(lines, ['ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant']);
  assert.deepEqual(cliLines(result.rollback), ['no ip nat inside source static 192.168.1.2 10.0.1.2 vrf mytenant']);
});

test('remove one floating IP: one negation, marked as a question the device may ask', () => {
  const { lines, result } = planLines(mytenant(), mytenant({ fips: [] }));
  assert.deepEqual(lines, ['no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant']);
  assert.equal(result.questions.length, 1);
  assert.equal(result.questions[0]!.id, 'nat-static-in-use');
  assert.equal(result.questions[0]!.command, 0);
  assert.ok(result.questions[0]!.prompts.includes('Static entry in use, do you want to delete child entries? [no]:'));
  assert.equal(result.commands[0]!.question, 'nat-static-in-use', 'the command itself carries the rule id');
});

test('a floating IP whose local changes for the same global: old removed before new added', () => {
  const { lines } = planLines(mytenant(), mytenant({ fips: [[7, '10.0.1.1']] }));
  assert.deepEqual(lines, [
    'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
    'ip nat inside source static 192.168.1.7 10.0.1.1 vrf mytenant',
  ]);
});

test('a floating IP whose global changes: old removed before new added', () => {
  const { lines } = planLines(mytenant(), mytenant({ fips: [[1, '10.0.1.9']] }));
  assert.deepEqual(lines, [
    'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
    'ip nat inside source static 192.168.1.1 10.0.1.9 vrf mytenant',
  ]);
});

const two: World = {
  tenants: [
    { vrf: 'mytenant', vlan: 10, net: 1, fips: [[1, '10.0.1.1']] },
    { vrf: 'other', vlan: 20, net: 2, fips: [[5, '10.0.2.5']] },
  ],
};

test('add a tenant: VRF, sub-interface, ACL, PAT, floating IP; shared objects untouched', () => {
  const { lines } = planLines(mytenant(), two);
  assert.deepEqual(lines, [
    'vrf definition other',
    ' description translator: other',
    ' address-family ipv4',
    ' exit-address-family',
    'exit',
    'interface GigabitEthernet2.20',
    ' description translator: other',
    ' encapsulation dot1Q 20',
    ' vrf forwarding other',
    ' ip address 192.168.2.254 255.255.255.0',
    ' ip nat inside',
    ' ip policy route-map TRANSLATOR-EGRESS',
    'exit',
    'ip access-list standard TRANSLATOR-NAT-other',
    ' 10 permit 192.168.2.0 0.0.0.255',
    'exit',
    'ip nat inside source list TRANSLATOR-NAT-other interface GigabitEthernet1 vrf other overload',
    'ip nat inside source static 192.168.2.5 10.0.2.5 vrf other',
  ]);
});

test('remove a tenant: shortest negations, in reverse creation order', () => {
  const { lines, result } = planLines(two, mytenant());
  assert.deepEqual(lines, [
    'no ip nat inside source static 192.168.2.5 10.0.2.5 vrf other',
    'no ip nat inside source list TRANSLATOR-NAT-other interface GigabitEthernet1 vrf other overload',
    'no ip access-list standard TRANSLATOR-NAT-other',
    'no interface GigabitEthernet2.20',
    'no vrf definition other',
  ]);
  assert.deepEqual(result.questions.map((q) => q.id), ['nat-static-in-use', 'nat-dynamic-in-use']);
});

test('VRF move: the sub-interface enters the new VRF and gets its address again', () => {
  const { lines } = planLines(mytenant(), mytenant({ vrf: 'renamed', fips: [] }));
  assert.deepEqual(lines, [
    'no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant',
    'no ip nat inside source list TRANSLATOR-NAT-mytenant interface GigabitEthernet1 vrf mytenant overload',
    'no ip access-list standard TRANSLATOR-NAT-mytenant',
    'vrf definition renamed',
    ' description translator: renamed',
    ' address-family ipv4',
    ' exit-address-family',
    'exit',
    'interface GigabitEthernet2.10',
    ' description translator: renamed',
    ' vrf forwarding renamed',
    ' ip address 192.168.1.254 255.255.255.0',
    'exit',
    'no vrf definition mytenant',
    'ip access-list standard TRANSLATOR-NAT-renamed',
    ' 10 permit 192.168.1.0 0.0.0.255',
    'exit',
    'ip nat inside source list TRANSLATOR-NAT-renamed interface GigabitEthernet1 vrf renamed overload',
  ]);
});

test('VLAN change: the old sub-interface is removed, then the new one created', () => {
  const { lines } = planLines(mytenant(), mytenant({ vlan: 30 }));
  assert.deepEqual(lines, [
    'no interface GigabitEthernet2.10',
    'interface GigabitEthernet2.30',
    ' description translator: mytenant',
    ' encapsulation dot1Q 30',
    ' vrf forwarding mytenant',
    ' ip address 192.168.1.254 255.255.255.0',
    ' ip nat inside',
    ' ip policy route-map TRANSLATOR-EGRESS',
    'exit',
  ]);
});

test('gateway change: the address replaces itself; the ACL entry is removed by number and re-added', () => {
  const { lines } = planLines(mytenant({ fips: [] }), mytenant({ net: 5, fips: [] }));
  assert.deepEqual(lines, [
    'interface GigabitEthernet2.10',
    ' ip address 192.168.5.254 255.255.255.0',
    'exit',
    'ip access-list standard TRANSLATOR-NAT-mytenant',
    ' no 10',
    ' 10 permit 192.168.5.0 0.0.0.255',
    'exit',
  ]);
});

test('ACL entry change alone', () => {
  const running = parseConfig(renderRunning(mytenant()).replace(' 10 permit 192.168.1.0 0.0.0.255', ' 10 permit 192.168.1.0 0.0.0.255\n 20 deny   any'));
  const intended = parseConfig(renderIntended(mytenant()).replace(' 10 permit 192.168.1.0 0.0.0.255', ' 10 permit 192.168.1.0 0.0.0.127\n 20 deny any'));
  const result = plan(running, intended, OPTIONS);
  assert.deepEqual(cliLines(result.commands), ['ip access-list standard TRANSLATOR-NAT-mytenant', ' no 10', ' 10 permit 192.168.1.0 0.0.0.127', 'exit']);
  assert.deepEqual(cliLines(result.rollback), ['ip access-list standard TRANSLATOR-NAT-mytenant', ' no 10', ' 10 permit 192.168.1.0 0.0.0.255', 'exit']);
});

test('device print forms compare equal: host form of a /32, deny padding, unnumbered entries, NAT spacing', () => {
  const running = parseConfig(
    renderRunning(mytenant()).replace(' 10 permit 192.168.1.0 0.0.0.255', ' 10 permit 192.168.1.0 0.0.0.255\n 20 permit 192.168.1.77\n 30 deny   any'),
  );
  const intended = parseConfig(
    renderIntended(mytenant())
      .replace(' 10 permit 192.168.1.0 0.0.0.255', ' permit 192.168.1.0 0.0.0.255\n permit host 192.168.1.77\n deny any')
      .replace('ip nat inside source static 192.168.1.1 10.0.1.1', 'ip nat inside source static  192.168.1.1   10.0.1.1'),
  );
  assert.deepEqual(plan(running, intended, OPTIONS).commands, []);
  const wildcard = parseConfig(renderIntended(mytenant()).replace(' 10 permit 192.168.1.0 0.0.0.255', ' 10 permit 192.168.1.0 0.0.0.255\n 20 permit 192.168.1.77 0.0.0.0\n 30 deny   any'));
  assert.deepEqual(plan(running, wildcard, OPTIONS).commands, []);
});

test('interface children compare as a set: the device order does not matter', () => {
  const running = parseConfig(renderRunning(mytenant()).replace(' ip nat inside\n ip policy route-map TRANSLATOR-EGRESS', ' ip policy route-map TRANSLATOR-EGRESS\n ip nat inside'));
  assert.deepEqual(plan(running, parseConfig(renderIntended(mytenant())), OPTIONS).commands, []);
});

test('unowned look-alikes are invisible: hand-made VRF, global static NAT, unmarked sub-interface, unprefixed ACL', () => {
  const lookalikes = [
    'vrf definition handmade',
    ' address-family ipv4',
    ' exit-address-family',
    'interface GigabitEthernet2.99',
    ' encapsulation dot1Q 99',
    ' vrf forwarding handmade',
    ' ip address 172.30.0.1 255.255.255.0',
    'ip nat inside source static 172.30.0.5 198.51.100.5',
    'ip nat inside source static 172.30.0.6 198.51.100.6 vrf handmade',
    'ip access-list standard NAT-handmade',
    ' 10 permit 172.30.0.0 0.0.0.255',
    'route-map EGRESS permit 10',
    ' set global',
  ].join('\n');
  const running = parseConfig(renderRunning(mytenant()).replace('ip route 0.0.0.0', `${lookalikes}\nip route 0.0.0.0`));
  const intended = parseConfig(renderIntended(mytenant()));
  assert.deepEqual(plan(running, intended, OPTIONS).commands, []);

  // Removing all of ours removes only ours.
  const empty = plan(running, parseConfig(renderIntended({ tenants: [] })), OPTIONS);
  const applied = applyLines(running, cliLines(empty.commands));
  assert.deepEqual(ownedView(applied, OPTIONS), ['interface GigabitEthernet1\n ip nat outside'], 'all of ours is gone but the shared ip nat outside');
  assert.deepEqual(unownedView(applied, OPTIONS), unownedView(running, OPTIONS));
  for (const line of cliLines(empty.commands)) assert.doesNotMatch(line, /handmade|198\.51\.100|GigabitEthernet2\.99|EGRESS permit 10$(?<!TRANSLATOR-EGRESS permit 10)/);
  assert.ok(!cliLines(empty.commands).some((line) => /ip nat outside|interface GigabitEthernet1$/.test(line)), 'ip nat outside is kept, the outside interface untouched');
  assert.deepEqual(empty.skipped.map((s) => [s.rule, s.change, s.line]), [['outside-nat-kept', 'remove', 'interface GigabitEthernet1']]);
});

test('ip nat outside: never removed unless translator added it and no NAT that is not ours is left', () => {
  const running = parseConfig(renderRunning(mytenant()));
  const none = parseConfig(renderIntended({ tenants: [] }));
  const outsideLines = (options: typeof OPTIONS & { outsideNatAddedByTranslator?: boolean }, tree = running) =>
    cliLines(plan(tree, none, options).commands).filter((line) => /GigabitEthernet1$|ip nat outside/.test(line));

  const handMade = plan(running, none, OPTIONS);
  assert.match(handMade.skipped.find((s) => s.rule === 'outside-nat-kept')!.reason, /translator did not add it/);
  assert.deepEqual(outsideLines(OPTIONS), [], 'default: the line is the human\'s');
  assert.deepEqual(outsideLines({ ...OPTIONS, outsideNatAddedByTranslator: true }), [], 'the unrelated config holds NAT of its own');
  const added = plan(running, none, { ...OPTIONS, outsideNatAddedByTranslator: true });
  assert.match(added.skipped[0]!.reason, /NAT that is not ours still needs it: running-config line \d+: "ip nat inside source static 172\.16\.0\.0 198\.51\.100\.0" \(and 5 more\)/);
  assert.ok(added.predicted.children.some((n) => n.text === 'interface GigabitEthernet1'), 'the prediction keeps it, so verification passes');

  // Without NAT of the human's, translator's own line goes with the last tenant.
  const bare = parseConfig(renderRunning(mytenant(), 0));
  assert.deepEqual(outsideLines({ ...OPTIONS, outsideNatAddedByTranslator: true }, bare), ['interface GigabitEthernet1', ' no ip nat outside']);
  assert.deepEqual(outsideLines(OPTIONS, bare), []);
  // Each kind of line that still needs it (rules/nat.ts OUTSIDE_NAT_USERS) keeps it; tuning does not.
  for (const [extra, keeps] of [
    ['ip nat pool P 198.51.100.10 198.51.100.20 prefix-length 24', true],
    ['ip nat outside source static 198.51.100.7 10.9.9.7', true],
    ['ip nat source static 10.9.9.8 198.51.100.8', true],
    ['interface GigabitEthernet3\n ip nat inside', true],
    ['ip nat translation timeout 3600', false],
  ] as const) {
    const tree = parseConfig(renderRunning(mytenant(), 0).replace('ip route 0.0.0.0', `${extra}\nip route 0.0.0.0`));
    assert.equal(outsideLines({ ...OPTIONS, outsideNatAddedByTranslator: true }, tree).length === 0, keeps, extra);
  }
});

test('conflict: an unmarked VRF of the intended name is refused, naming it; --adopt takes it over and marks it', () => {
  const running = parseConfig(
    renderRunning({ tenants: [] }).replace('interface GigabitEthernet1', 'vrf definition mytenant\n description made by hand\n address-family ipv4\n exit-address-family\n!\ninterface GigabitEthernet1'),
  );
  const intended = parseConfig(renderIntended(mytenant()));
  assert.throws(
    () => plan(running, intended, OPTIONS),
    (error: unknown) => error instanceof PlanRefused && /vrf "mytenant" already exists on the router without the ownership marker/.test(error.message) && /--adopt mytenant/.test(error.message),
  );
  const adopt = { ...OPTIONS, adopt: ['mytenant'] };
  const result = plan(running, intended, adopt);
  const lines = cliLines(result.commands);
  assert.deepEqual(lines.slice(0, 3), ['vrf definition mytenant', ' description translator: mytenant', 'exit']);
  const applied = applyLines(running, lines);
  assert.deepEqual(ownedView(applied, OPTIONS), ownedView(intended, OPTIONS), 'after adoption the VRF is marked and ours');
  const restored = applyLines(applied, cliLines(result.rollback));
  assert.ok(restored.children.find((n) => n.text === 'vrf definition mytenant')!.children.some((c) => c.text === 'description made by hand'));
});

test('conflict: an unmarked sub-interface of the intended name, a VLAN or a global IP held by foreign config', () => {
  const base = renderRunning({ tenants: [] });
  const intended = parseConfig(renderIntended(mytenant()));
  const subif = parseConfig(base.replace('ip route 0.0.0.0', 'interface GigabitEthernet2.10\n encapsulation dot1Q 10\nip route 0.0.0.0'));
  assert.throws(() => plan(subif, intended, OPTIONS), /subinterface "GigabitEthernet2.10" already exists/);
  const vlan = parseConfig(base.replace('ip route 0.0.0.0', 'interface GigabitEthernet2.500\n encapsulation dot1Q 10\nip route 0.0.0.0'));
  assert.throws(() => plan(vlan, intended, OPTIONS), /VLAN 10 of GigabitEthernet2.10 is already used by GigabitEthernet2.500/);
});

test('refused: removing our VRF while an interface that is not ours still uses it', () => {
  const running = parseConfig(renderRunning(mytenant()).replace('interface GigabitEthernet3\n', 'interface GigabitEthernet3\n vrf forwarding mytenant\n'));
  assert.throws(
    () => plan(running, parseConfig(renderIntended({ tenants: [] })), OPTIONS),
    /vrf "mytenant" would be removed, but config that is not ours uses it: running-config line \d+: "interface GigabitEthernet3" \/ "vrf forwarding mytenant"/,
  );
});

test('refused: an intended file with lines outside the scope, or owned kinds without the marker', () => {
  const running = parseConfig(renderRunning({ tenants: [] }));
  assert.throws(() => plan(running, parseConfig('hostname other\n'), OPTIONS), /line 1: "hostname other" is outside the managed scope/);
  assert.throws(
    () => plan(running, parseConfig('vrf definition x\n address-family ipv4\n exit-address-family\n'), OPTIONS),
    /"vrf definition x" is outside the managed scope: it has no description starting with "translator:"/,
  );
  assert.throws(() => plan(running, parseConfig('interface GigabitEthernet1\n ip nat outside\n shutdown\n'), OPTIONS), /"shutdown" is outside the managed scope/);
  const many = Array.from({ length: 120 }, (_, i) => `hostname h${i}`).join('\n');
  assert.throws(
    () => plan(running, parseConfig(many), OPTIONS),
    (error: unknown) => error instanceof PlanRefused && error.problems.length === 120 && error.message.endsWith('… and 70 more'),
  );
});

test('a changed marker or prefix moves the scope with it', () => {
  const options = { ...OPTIONS, marker: 'managed-by-x:', prefix: 'X-' };
  const running = parseConfig(renderRunning(mytenant()));
  // With other ownership settings nothing of the rendered tenant is ours, so nothing is removed.
  const result = plan(running, parseConfig(''), options);
  assert.deepEqual(cliLines(result.commands), []);
  assert.deepEqual(result.skipped.map((s) => s.rule), ['outside-nat-kept']);
});
