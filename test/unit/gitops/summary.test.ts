import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Rejection } from '../../../src/intent/types.js';
import {
  BODY_MAX_LINES,
  fileOnlyChange,
  formatCommitMessage,
  printable,
  SUBJECT_MAX,
  summarizeChange,
  type Change,
} from '../../../src/gitops/summary.js';
import { fip, routerIntent, tenant } from './fixtures.js';

const texts = (changes: Change[]) => changes.map((c) => c.text);

describe('summarizeChange', () => {
  const seedTenant = tenant('mytenant', 10, '192.168.1');
  const web = fip('10.0.1.1', '192.168.1.1', 'mytenant', 'web');

  it('describes a first render as everything added, tenants before floating IPs', () => {
    const changes = summarizeChange('edge1', null, routerIntent([seedTenant], [web]), [], []);
    assert.deepEqual(texts(changes), [
      'edge1: add tenant mytenant (VLAN 10, 192.168.1.0/24 via GigabitEthernet2.10)',
      'edge1: add floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)',
    ]);
    assert.deepEqual(changes.map((c) => c.kind), ['tenant-added', 'floating-ip-added']);
  });

  it('says nothing when nothing changed', () => {
    const intent = routerIntent([seedTenant], [web]);
    assert.deepEqual(summarizeChange('edge1', intent, structuredClone(intent), [], []), []);
  });

  it('reports removals with the names they had', () => {
    const before = routerIntent([seedTenant], [web]);
    assert.deepEqual(texts(summarizeChange('edge1', before, routerIntent([], []), [], [])), [
      'edge1: remove tenant mytenant (VLAN 10, 192.168.1.0/24 via GigabitEthernet2.10)',
      'edge1: remove floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)',
    ]);
  });

  it('names each changed tenant field with old → new, identity by VRF', () => {
    const after = tenant('mytenant', 20, '192.168.1', { gateway: '192.168.1.1', subinterface: 'GigabitEthernet2.20' });
    const changes = summarizeChange('edge1', routerIntent([seedTenant], []), routerIntent([after], []), [], []);
    assert.deepEqual(texts(changes), [
      'edge1: change tenant mytenant VLAN 10 → 20, gateway 192.168.1.254 → 192.168.1.1, ' +
        'sub-interface GigabitEthernet2.10 → GigabitEthernet2.20',
    ]);
  });

  it('tells a recreated network (new id, same config) from a config change', () => {
    const after = { ...seedTenant, networkId: 'id-new' };
    const changes = summarizeChange('edge1', routerIntent([seedTenant], []), routerIntent([after], []), [], []);
    assert.deepEqual(changes.map((c) => c.kind), ['network-recreated']);
  });

  it('describes a floating IP moving to another local address, and to another container', () => {
    const moved = fip('10.0.1.1', '192.168.1.2', 'mytenant', 'web');
    const other = fip('10.0.1.1', '192.168.1.3', 'mytenant', 'db');
    assert.deepEqual(texts(summarizeChange('edge1', routerIntent([], [web]), routerIntent([], [moved]), [], [])), [
      'edge1: change floating IP 10.0.1.1: 192.168.1.1 → 192.168.1.2 (mytenant/web)',
    ]);
    assert.deepEqual(texts(summarizeChange('edge1', routerIntent([], [web]), routerIntent([], [other]), [], [])), [
      'edge1: change floating IP 10.0.1.1: 192.168.1.1 (mytenant/web) → 192.168.1.3 (mytenant/db)',
    ]);
  });

  it('notes a recreated container that keeps its floating IP', () => {
    const recreated = { ...web, containerId: 'id-new' };
    const changes = summarizeChange('edge1', routerIntent([], [web]), routerIntent([], [recreated]), [], []);
    assert.deepEqual(texts(changes), ['edge1: container web recreated, keeps floating IP 10.0.1.1 → 192.168.1.1 (mytenant)']);
  });

  it('orders floating IPs by numeric global address, not text', () => {
    const ips = ['10.0.1.10', '10.0.1.9', '10.0.1.100', '9.1.1.1'].map((g, i) => fip(g, `192.168.1.${i + 1}`, 'mytenant', `c${i}`));
    const changes = summarizeChange('edge1', null, routerIntent([], ips), [], []);
    assert.deepEqual(
      changes.map((c) => c.text.split(' ')[4]),
      ['9.1.1.1', '10.0.1.9', '10.0.1.10', '10.0.1.100'],
    );
  });

  it('is independent of input order', () => {
    const a = routerIntent([tenant('b', 2, '10.2.0'), tenant('a', 1, '10.1.0')], [fip('1.1.1.2', '10.1.0.2', 'a', 'x'), fip('1.1.1.1', '10.1.0.1', 'a', 'y')]);
    const b = routerIntent([...a.tenants].reverse(), [...a.floatingIps].reverse());
    assert.deepEqual(summarizeChange('edge1', null, a, [], []), summarizeChange('edge1', null, b, [], []));
  });

  it('reports settings that change the rendered config', () => {
    const before = routerIntent([], []);
    const after = routerIntent([], [], { outside: 'GigabitEthernet3', egressRouteMap: null });
    assert.deepEqual(texts(summarizeChange('edge1', before, after, [], [])), [
      'edge1: change outside interface GigabitEthernet1 → GigabitEthernet3',
      'edge1: change egress route-map TRANSLATOR-EGRESS → none',
    ]);
  });

  it('reports new and cleared rejections with their reasons', () => {
    const bad: Rejection = { kind: 'container', object: 'web', router: 'edge1', code: 'badGlobalIp', reason: 'label global_ip is not a plain IPv4 address' };
    const dup: Rejection = { kind: 'network', object: 'other', code: 'vlanTaken', reason: 'VLAN 10 is already used by mytenant' };
    const intent = routerIntent([], []);
    assert.deepEqual(texts(summarizeChange('edge1', intent, intent, [dup], [bad])), [
      'edge1: reject container web: label global_ip is not a plain IPv4 address',
      'edge1: clear rejection of network other (was: VLAN 10 is already used by mytenant)',
    ]);
    assert.deepEqual(summarizeChange('edge1', intent, intent, [bad], [{ ...bad }]), []);
  });

  it('escapes control characters from hostile names and reasons instead of breaking lines', () => {
    const hostile: Rejection = {
      kind: 'container',
      object: 'evil',
      code: 'badGlobalIp',
      reason: 'label global_ip "10.0.1.1\nSigned-off-by: mallory" is not a plain IPv4 address',
    };
    const [change] = summarizeChange('edge1', null, routerIntent([], []), [], [hostile]);
    assert.ok(change);
    assert.ok(!change.text.includes('\n'));
    assert.match(change.text, /10\.0\.1\.1\\nSigned-off-by: mallory/);
    assert.equal(printable('a\u0000b\u001b[31m\r\u2028'), 'a\\u0000b\\u001b[31m\\r\\u2028');
  });
});

describe('formatCommitMessage', () => {
  const add = (ip: string, container: string): Change => ({
    router: 'edge1',
    kind: 'floating-ip-added',
    text: `edge1: add floating IP ${ip} → 192.168.1.1 (mytenant/${container})`,
  });

  it('returns null when there is nothing to say', () => {
    assert.equal(formatCommitMessage([]), null);
  });

  it('uses a single change as the subject, then a bullet body', () => {
    assert.equal(
      formatCommitMessage([add('10.0.1.1', 'web')]),
      'edge1: add floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)\n\n' +
        '- edge1: add floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)\n',
    );
  });

  it('counts several changes by kind in the subject', () => {
    const removed: Change = { router: 'edge1', kind: 'tenant-removed', text: 'edge1: remove tenant old (VLAN 3, 10.3.0.0/24 via Gi2.3)' };
    const message = formatCommitMessage([add('10.0.1.1', 'web'), add('10.0.1.2', 'db'), removed])!;
    const [subject, blank, ...body] = message.trimEnd().split('\n');
    assert.equal(subject, 'edge1: 3 changes (1 tenant removed, 2 floating IPs added)');
    assert.equal(blank, '');
    assert.equal(body.length, 3);
    assert.ok(body.every((line) => line.startsWith('- edge1: ')));
  });

  it('shortens a long single change for the subject, keeping the full line in the body', () => {
    const reason = `label global_ip ${'x'.repeat(80)} is not a plain IPv4 address`;
    const [long] = summarizeChange('edge1', null, routerIntent([], []), [], [{ kind: 'container', object: 'web', reason }]);
    const [subject, , bullet] = formatCommitMessage([long!])!.split('\n');
    assert.equal(subject, 'edge1: reject container web');
    assert.equal(bullet, `- edge1: reject container web: ${reason}`);
    const bare: Change = { router: 'edge1', kind: 'object-rejected', text: `edge1: ${'y'.repeat(80)}` };
    assert.equal(formatCommitMessage([bare])!.split('\n')[0], 'edge1: 1 change (1 object rejected)');
  });

  it('combines routers in one subject, shortening it to fit', () => {
    const edge2: Change = { ...add('10.0.2.1', 'api'), router: 'edge2', text: 'edge2: add floating IP 10.0.2.1 → 192.168.2.1 (t2/api)' };
    assert.equal(formatCommitMessage([add('10.0.1.1', 'web'), edge2])!.split('\n')[0], 'edge1, edge2: 2 changes (2 floating IPs added)');
    const many = ['alpha-router', 'bravo-router', 'charlie-router', 'delta-router'].map((r) => fileOnlyChange(r, 'config-updated'));
    const subject = formatCommitMessage([...many, add('10.0.1.1', 'web')])!.split('\n')[0]!;
    assert.ok(subject.length <= SUBJECT_MAX, subject);
    assert.equal(subject, '5 changes on 5 routers');
  });

  it('caps the body of a huge first render and says how many more there are', () => {
    const changes = Array.from({ length: BODY_MAX_LINES + 5 }, (_, i) => add(`10.0.${i >> 8}.${i & 255}`, `c${i}`));
    const lines = formatCommitMessage(changes)!.trimEnd().split('\n');
    assert.equal(lines.length, 2 + BODY_MAX_LINES + 1);
    assert.equal(lines.at(-1), '- … and 5 more changes (see the diff of state.json)');
  });
});
