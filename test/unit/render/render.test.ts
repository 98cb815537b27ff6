import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIntent } from '../../../src/intent/build.js';
import { createRenderer } from '../../../src/render/render.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import { container, network, seedSettings, state } from '../intent/fixtures.js';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
/** A repository with one template override, removed when the file's tests end. */
function repoOverriding(file: string, template: string): string {
  const repo = mkdtempSync(join(tmpdir(), 'translator-templates-'));
  made.push(repo);
  mkdirSync(join(repo, 'templates', 'iosxe'), { recursive: true });
  writeFileSync(join(repo, 'templates', 'iosxe', file), template);
  return repo;
}

const golden = (name: string) => readFileSync(new URL(`../../fixtures/render/${name}`, import.meta.url), 'utf8');

test("the seed's example renders the golden config", () => {
  const intent = buildIntent(state(), seedSettings());
  assert.equal(createRenderer().render(intent.routers[0]!), golden('seed.cfg'));
});

test('several tenants: VRFs by name, sub-interfaces by VLAN, static NATs by VRF then numeric address', () => {
  const networks = [
    network({ name: 'zeta', parent: 'eth1.5', subnet: '10.5.0.0/16', gateway: '10.5.0.1' }),
    network({ name: 'alpha', parent: 'eth1.300', subnet: '192.168.30.0/26', gateway: '192.168.30.62' }),
  ];
  const containers = [
    container({ name: 'z10', labels: { global_ip: '198.51.100.10' }, addresses: { zeta: '10.5.0.10' } }),
    container({ name: 'z9', labels: { global_ip: '198.51.100.9' }, addresses: { zeta: '10.5.0.9' } }),
    container({ name: 'a1', labels: { global_ip: '198.51.100.1' }, addresses: { alpha: '192.168.30.1' } }),
  ];
  const text = createRenderer().render(buildIntent(state(networks, containers), seedSettings()).routers[0]!);
  assert.equal(text, golden('two-tenants.cfg'));
});

test('no tenants: nothing of ours, not even ip nat outside', () => {
  const text = createRenderer().render(buildIntent(state([], []), seedSettings()).routers[0]!);
  assert.equal(text, 'end\n');
});

test('egress "none" leaves out the policy route-map', () => {
  const settings = settingsSchemas().settingsSchema.parse({ routers: [{ name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' }], egress: 'none' });
  const text = createRenderer().render(buildIntent(state(), settings).routers[0]!);
  assert.ok(!text.includes('route-map'), text);
  assert.ok(text.includes(' ip nat inside\n'));
});

test('the same state renders byte-identical text (no timestamps, no order dependence)', () => {
  const one = createRenderer().render(buildIntent(state(), seedSettings()).routers[0]!);
  const two = createRenderer().render(buildIntent(state(), seedSettings()).routers[0]!);
  assert.equal(one, two);
  assert.doesNotMatch(one, /\d{4}-\d\d-\d\d|\d\d:\d\d:\d\d/);
});

test("a repository's templates/iosxe/ overrides a packaged template file by file (when enabled)", () => {
  const repo = repoOverriding('route-maps.cfg.njk', '{% for t in tenants %}! custom egress for {{ t.vrf }}\n{% endfor %}');
  const text = createRenderer(repo, { templateOverrides: true }).render(buildIntent(state(), seedSettings()).routers[0]!);
  assert.ok(text.includes('! custom egress for mytenant\n'), text);
  assert.ok(text.includes('vrf definition mytenant\n'), 'the other templates are still the packaged ones');
});

test('an undefined variable in a template is an error, not an empty string', () => {
  const repo = repoOverriding('acls.cfg.njk', '{% for t in tenants %}ip access-list standard {{ t.acl_name }}\n{% endfor %}');
  assert.throws(() => createRenderer(repo, { templateOverrides: true }).render(buildIntent(state(), seedSettings()).routers[0]!), /undefined|null/i);
});
