/**
 * Issue 9, "done when": on every public running-config (../shared/corpus, optional evidence) and on the
 * project's own device fixtures, (1) an intent holding only what is already ours there plans nothing,
 * not even `no ip nat outside` (nothing of the public configs is ours: their intent is empty), and
 * (2) adding one tenant plans exactly that tenant's objects, touches no other line, and converges.
 * One table of configs; the interfaces are read from each config (its `ip nat outside` interface when
 * it has one, else its first interface), and the tenant avoids what the config already uses.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { cliLines } from '../../../src/iosxe/commands.js';
import { normaliseTree } from '../../../src/iosxe/normalise.js';
import { parseConfig, printConfig } from '../../../src/iosxe/parse.js';
import { plan } from '../../../src/iosxe/plan.js';
import { scopeConfig } from '../../../src/iosxe/scope.js';
import type { ConfigTree } from '../../../src/iosxe/types.js';
import { corpusConfigs, corpusTestOptions } from '../../helpers/corpus.js';
import { applyLines } from './applier.js';
import { ownedView, unownedView } from './compare.js';
import { configFiles, fixturesDir } from './paths.js';
import { OPTIONS } from './world.js';

interface Case {
  file: string;
  running: ConfigTree;
  options: typeof OPTIONS;
}

/** Each config with the outside interface it would have: every interface holding `ip nat outside`, else the first one. */
function cases(file: string): Case[] {
  const running = parseConfig(readFileSync(file, 'utf8'));
  const interfaces = running.children.filter((n) => /^interface \S+$/.test(n.text));
  const natOutside = interfaces.filter((n) => n.children.some((c) => c.text === 'ip nat outside'));
  const outsides = (natOutside.length > 0 ? natOutside : interfaces.slice(0, 1)).map((n) => n.text.slice('interface '.length));
  const physical = interfaces.map((n) => n.text.slice('interface '.length)).find((name) => !name.includes('.') && !outsides.includes(name));
  const inside = physical ?? 'GigabitEthernet9';
  return outsides.map((outside) => ({ file, running, options: { ...OPTIONS, inside, outside } }));
}

/** A tenant of our template's form that collides with nothing in `text`: a free VLAN, VRF name, subnet and global IP. */
function tenant(text: string, inside: string, outside: string): { text: string; vrf: string; subinterface: string } {
  let vlan = 3999;
  while (text.includes(`interface ${inside}.${vlan}`) || text.includes(`dot1Q ${vlan}`)) vlan--;
  const vrf = 'corpus-tenant';
  const subinterface = `${inside}.${vlan}`;
  return {
    vrf,
    subinterface,
    text: [
      `vrf definition ${vrf}`,
      ` description translator: ${vrf}`,
      ' address-family ipv4',
      ' exit-address-family',
      `interface ${outside}`,
      ' ip nat outside',
      `interface ${subinterface}`,
      ` description translator: ${vrf}`,
      ` encapsulation dot1Q ${vlan}`,
      ` vrf forwarding ${vrf}`,
      ' ip address 100.64.77.254 255.255.255.0',
      ' ip nat inside',
      ' ip policy route-map TRANSLATOR-EGRESS',
      `ip nat inside source static 100.64.77.1 192.0.2.177 vrf ${vrf}`,
      `ip nat inside source list TRANSLATOR-NAT-${vrf} interface ${outside} vrf ${vrf} overload`,
      `ip access-list standard TRANSLATOR-NAT-${vrf}`,
      ' 10 permit 100.64.77.0 0.0.0.255',
      'route-map TRANSLATOR-EGRESS permit 10',
      ' set global',
      '',
    ].join('\n'),
  };
}

function check({ file, running, options }: Case): void {
  const label = `${basename(file)} (outside ${options.outside}, inside ${options.inside})`;
  const scoped = scopeConfig(normaliseTree(running), options);
  const ours = printConfig({ children: [...scoped.sections.values()].map((s) => s.node) });

  const same = plan(running, parseConfig(ours), options);
  assert.deepEqual(cliLines(same.commands), [], `${label}: the intent of what is already ours plans nothing`);

  const { text, vrf, subinterface } = tenant(running.source!, options.inside, options.outside);
  const intended = parseConfig(ours + text);
  const added = plan(running, intended, options);
  const tenantObjects = new Set([vrf, subinterface, options.outside, `TRANSLATOR-NAT-${vrf}`, 'TRANSLATOR-EGRESS']);
  for (const change of added.changes) {
    assert.ok(tenantObjects.has(change.name), `${label}: ${change.action} ${change.line} is not the new tenant's`);
    assert.ok(change.action === 'add' || (change.kind === 'route-map' && change.action === 'change'), `${label}: ${change.action} ${change.line}`);
  }
  for (const command of added.commands) assert.equal(command.action, 'add', `${label}: ${command.line}`);
  const lines = cliLines(added.commands);
  assert.ok(lines.includes(`vrf definition ${vrf}`) && lines.includes(`ip nat inside source static 100.64.77.1 192.0.2.177 vrf ${vrf}`), `${label}: the tenant is planned`);
  const applied = applyLines(running, lines);
  assert.deepEqual(ownedView(applied, options), ownedView(intended, options), `${label}: the tenant is there`);
  assert.deepEqual(unownedView(applied, options), unownedView(running, options), `${label}: nothing else changed`);
  assert.deepEqual(cliLines(plan(applied, intended, options).commands), [], `${label}: converged`);
}

test('the project fixtures: own intent plans nothing; one more tenant plans only its lines', () => {
  const all = configFiles(fixturesDir).flatMap(cases);
  assert.ok(all.length >= 2);
  for (const c of all) check(c);
});

test('every public config: an empty intent plans nothing; one tenant plans only its lines', corpusTestOptions(), () => {
  const all = corpusConfigs().flatMap(cases);
  assert.ok(all.length >= 11, `${all.length} cases`);
  for (const c of all) {
    const ours = [...scopeConfig(normaliseTree(c.running), c.options).sections.values()];
    assert.deepEqual(ours.filter((s) => s.kind !== 'outside-interface'), [], `${basename(c.file)}: nothing but the shared ip nat outside is ours`);
    const empty = plan(c.running, parseConfig(''), c.options);
    assert.deepEqual(cliLines(empty.commands), [], `${basename(c.file)} (outside ${c.options.outside}): an empty intent plans nothing`);
    // Even if translator had added the line, the human's NAT on these routers still needs it.
    const added = plan(c.running, parseConfig(''), { ...c.options, outsideNatAddedByTranslator: true });
    assert.deepEqual(cliLines(added.commands), [], `${basename(c.file)} (outside ${c.options.outside}): their NAT keeps ip nat outside`);
    check(c);
  }
});
