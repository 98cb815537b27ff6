import { test } from 'node:test';
import assert from 'node:assert/strict';
import { floatingIpRows, poolUse, searchFloatingIps, walkHistory, type FloatingIpRow, type RecordedState } from '../../../src/web/model.js';

const fip = (global: string, containerId: string, local = '192.168.1.1') => ({ vrf: 't', local, global, container: `c-${containerId}`, containerId });
const state = (fips: ReturnType<typeof fip>[], rejections: RecordedState['rejections'] = []): RecordedState => ({ tenants: [], floatingIps: fips, rejections, containers: [], outside: 'Gi1' });

test('history: since when each floating IP has been there without a gap; the oldest entry read is "older than that"', () => {
  const { points, fipSince, rejectionSince } = walkHistory([
    { commit: 'c1', at: 't1', state: state([fip('10.0.1.1', 'a')]) },
    { commit: 'c2', at: 't2', state: state([fip('10.0.1.1', 'a'), fip('10.0.1.2', 'b')]) },
    { commit: 'c3', at: 't3', state: state([fip('10.0.1.1', 'a')], [{ kind: 'container', object: 'x', reason: 'r' }]) },
    { commit: 'c4', at: 't4', state: null },
    { commit: 'c5', at: 't5', state: state([fip('10.0.1.1', 'a'), fip('10.0.1.2', 'b')], [{ kind: 'container', object: 'x', reason: 'r' }]) },
  ]);
  assert.deepEqual(points.map((p) => [p.commit, p.floatingIps]), [['c1', 1], ['c2', 2], ['c3', 1], ['c5', 2]]);
  // c4 had no readable state: a gap, so 10.0.1.1 starts again at c5 as well.
  assert.equal(fipSince.get('10.0.1.1 a'), 't5');
  assert.equal(fipSince.get('10.0.1.2 b'), 't5', 'gone at c3: since its return');
  assert.equal(rejectionSince.get('container x r'), 't5');
  const steady = walkHistory([
    { commit: 'c1', at: 't1', state: state([fip('10.0.1.1', 'a')]) },
    { commit: 'c2', at: 't2', state: state([fip('10.0.1.1', 'a'), fip('10.0.1.2', 'b')]) },
  ]);
  assert.equal(steady.fipSince.get('10.0.1.1 a'), '', 'there since before the history read');
  assert.equal(steady.fipSince.get('10.0.1.2 b'), 't2');
});

test('floating-IP rows: host, service, since and whether the live commit holds it', () => {
  const current: RecordedState = {
    ...state([fip('10.0.1.1', 'a'), fip('10.0.1.2', 'b', '192.168.1.2')]),
    containers: [{ id: 'b', name: 'c-b', created: '', running: true, labels: {}, addresses: {}, host: 'node2', service: 'api' }],
  };
  const rows = floatingIpRows('edge1', current, new Map([['10.0.1.2 b', 't9']]), state([fip('10.0.1.1', 'a')]));
  assert.deepEqual(rows.map((r) => [r.global, r.host, r.service, r.since, r.live]), [['10.0.1.1', null, null, null, true], ['10.0.1.2', 'node2', 'api', 't9', false]]);
});

test('pool use: floating IPs of every router, rejected asks in the pool, the rest free', () => {
  const pools = poolUse(['10.0.1.0/24', '10.0.2.0/30', 'nonsense'], [{ global: '10.0.1.1' }, { global: '10.0.1.2' }, { global: '10.0.2.1' }, { global: '172.16.0.1' }], ['10.0.1.1', '10.0.1.77', '10.0.1.77', '10.0.2.300', '9.9.9.9']);
  assert.deepEqual(pools, [
    { pool: '10.0.1.0/24', size: 256, used: 2, rejected: 1, free: 253 },
    { pool: '10.0.2.0/30', size: 4, used: 1, rejected: 0, free: 3 },
  ]);
});

test('search: an exact address first, else any field containing the text', () => {
  const row = (over: Partial<FloatingIpRow>): FloatingIpRow => ({ router: 'edge1', vrf: 'mytenant', global: '10.0.1.1', local: '192.168.1.1', container: 'web', service: null, host: null, since: null, live: true, ...over });
  const rows = [row({}), row({ global: '10.0.1.17', local: '192.168.1.7', container: 'api', service: 'shop_api', host: 'node2' }), row({ global: '10.0.1.170', container: 'db', router: 'edge2' })];
  assert.deepEqual(searchFloatingIps(rows, '10.0.1.17').map((r) => r.container), ['api'], 'exact global address');
  assert.deepEqual(searchFloatingIps(rows, '192.168.1.7').map((r) => r.container), ['api'], 'exact local address');
  assert.deepEqual(searchFloatingIps(rows, '10.0.1.1').map((r) => r.container), ['web']);
  assert.deepEqual(searchFloatingIps(rows, '10.0.1.').map((r) => r.container), ['web', 'api', 'db']);
  assert.deepEqual(searchFloatingIps(rows, 'SHOP').map((r) => r.container), ['api'], 'service, case-insensitive');
  assert.deepEqual(searchFloatingIps(rows, 'node2').map((r) => r.container), ['api'], 'host');
  assert.deepEqual(searchFloatingIps(rows, 'edge2').map((r) => r.container), ['db'], 'router');
  assert.deepEqual(searchFloatingIps(rows, 'mytenant').length, 3, 'tenant');
  assert.deepEqual(searchFloatingIps(rows, '  '), []);
});
