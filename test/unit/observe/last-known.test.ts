// Last known objects of silent hosts, read back from the routers' state.json files (the format
// gitops writes), forgotten on request, and described for status and commit messages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { routerStateFile, serializeState } from '../../../src/gitops/state-file.js';
import { buildIntent } from '../../../src/intent/build.js';
import { lastKnownOf, recordedState, staleNotes, withoutHost } from '../../../src/observe/last-known.js';
import { mergeHosts } from '../../../src/observe/merge.js';
import type { DockerState } from '../../../src/observe/types.js';
import { settingsSchemas } from '../../../src/settings/schema.js';

const LABELS = { globalIp: 'global_ip', vlan: 'translator.vlan', router: 'translator.router' };
const [A, B] = ['unix:///run/a.sock', 'unix:///run/b.sock'];
const settings = settingsSchemas().settingsSchema.parse({
  routers: [
    { name: 'edge1', inside: 'Gi2', outside: 'Gi1' },
    { name: 'edge2', inside: 'Gi2', outside: 'Gi1' },
  ],
});
const created = '2026-01-01T00:00:01.000000000Z';

/** Host A serves edge1's tenant, host B edge2's, and both one shared tenant of edge1. */
const merged = mergeHosts(
  [
    {
      host: A,
      stale: false,
      state: {
        networks: [
          { id: 'n1', name: 'shared', driver: 'macvlan', subnet: '192.168.1.0/24', gateway: '192.168.1.254', parent: 'eth1.10', labels: { 'translator.router': 'edge1' }, created },
        ],
        containers: [{ id: 'c1', name: 'web', created, running: true, labels: { global_ip: '10.0.1.1' }, addresses: { shared: '192.168.1.1' } }],
      },
    },
    {
      host: B,
      stale: false,
      state: {
        networks: [
          { id: 'n2', name: 'shared', driver: 'macvlan', subnet: '192.168.1.0/24', gateway: '192.168.1.254', parent: 'eth1.10', labels: { 'translator.router': 'edge1' }, created },
          { id: 'n3', name: 'bonly', driver: 'macvlan', subnet: '192.168.2.0/24', gateway: '192.168.2.254', parent: 'eth1.20', labels: { 'translator.router': 'edge2' }, created },
        ],
        containers: [
          { id: 'c2', name: 'api', created, running: true, labels: { global_ip: '10.0.2.1' }, addresses: { bonly: '192.168.2.1' } },
          { id: 'c3', name: 'db', created, running: true, labels: { global_ip: '10.0.1.3' }, addresses: { shared: '192.168.1.3' } },
        ],
      },
    },
  ],
  LABELS,
);

/** The state.json texts gitops writes for each router after rendering `state`. */
function stateFiles(state: DockerState): string[] {
  const intent = buildIntent(state, settings);
  return settings.routers.map((router) => serializeState(routerStateFile(router.name, intent, state)));
}

test('the routers\' state.json files give back what each host held', () => {
  const recorded = recordedState(stateFiles(merged));
  assert.deepEqual(lastKnownOf(recorded, B), {
    networks: merged.networks.filter((n) => n.hosts!.includes(B)),
    containers: merged.containers.filter((c) => c.host === B),
  });
  assert.deepEqual(lastKnownOf(recorded, A).containers.map((c) => c.name), ['web']);
  assert.deepEqual(lastKnownOf(recorded, 'tcp://never:2376'), { networks: [], containers: [] });
});

test('a host that does not answer keeps its objects through a render, a commit and a read back', () => {
  const recorded = recordedState(stateFiles(merged));
  const again = mergeHosts(
    [
      { host: A, stale: false, state: lastKnownOf(recorded, A) },
      { host: B, stale: true, state: lastKnownOf(recorded, B) },
    ],
    LABELS,
  );
  assert.deepEqual(buildIntent(again, settings).routers, buildIntent(merged, settings).routers);
  assert.deepEqual(again.containers.filter((c) => c.stale).map((c) => c.name), ['api', 'db']);
  assert.deepEqual(staleNotes(again), [
    `Docker host ${B} did not answer: its last known 1 network and 2 containers are kept (stale); \`translator forget-host ${B}\` removes them`,
  ]);
  // With the reason the source heard (one line), the note says it.
  const told = mergeHosts([{ host: A, stale: false, state: lastKnownOf(recorded, A) }, { host: B, stale: true, state: lastKnownOf(recorded, B), why: 'connect\n  ECONNREFUSED 192.0.2.2:22' }], LABELS);
  assert.deepEqual(told.whyUnreachable, { [B]: 'connect ECONNREFUSED 192.0.2.2:22' });
  assert.deepEqual(staleNotes(told), [
    `Docker host ${B} did not answer (connect ECONNREFUSED 192.0.2.2:22): its last known 1 network and 2 containers are kept (stale); \`translator forget-host ${B}\` removes them`,
  ]);
});

test('forgetting a host removes what only it held and leaves shared networks to the others', () => {
  const forgotten = withoutHost(recordedState(stateFiles(merged)), B);
  assert.deepEqual(forgotten.networks.map((n) => [n.name, n.hosts]), [['shared', [A]]]);
  assert.deepEqual(forgotten.containers.map((c) => c.name), ['web']);
  assert.deepEqual(lastKnownOf(forgotten, B), { networks: [], containers: [] });
});

test('a state.json without a readable Docker state is an error, not an empty past', () => {
  assert.throws(() => recordedState(['{"format":1}']), /a state.json holds no readable Docker state/);
});
