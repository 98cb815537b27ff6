// observe against a real dockerd (private, in its own network namespace: test/helpers/docker-engine.ts),
// driven with the docker CLI exactly as a user would, starting with the seed's two commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateEngine } from '../helpers/docker-engine.js';
import { DockerEngineSource } from '../../src/observe/docker.js';
import type { DockerState } from '../../src/observe/types.js';

/** Docker's RFC 3339 time with trailing zeros trimmed → fixed nine fraction digits. */
function fixedWidth(rfc3339: string): string {
  const [, base, fraction = ''] = /^(.+T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(rfc3339)!;
  return `${base}.${fraction.padEnd(9, '0')}Z`;
}

test('observe reads a real Docker engine', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const source = new DockerEngineSource(engine.host);
  const network = (state: DockerState, name: string) => state.networks.find((n) => n.name === name);
  const container = (state: DockerState, id: string) => state.containers.find((c) => c.id === id);

  await engine.addParent('eth1.10');
  // The seed's commands, word for word (the image is the local busybox; no registry here).
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  const seedId = await engine.docker('run', '-d', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');
  const mytenantId = await engine.docker('network', 'inspect', '-f', '{{.Id}}', 'mytenant');

  await t.test('the seed network and container', async () => {
    const state = await source.read();
    assert.deepEqual(state.networks.map((n) => n.name), ['mytenant']);
    const { created, ...mytenant } = network(state, 'mytenant')!;
    assert.deepEqual(mytenant, {
      id: mytenantId,
      name: 'mytenant',
      driver: 'macvlan',
      subnet: '192.168.1.0/24',
      gateway: '192.168.1.254',
      parent: 'eth1.10',
      labels: {},
    });
    assert.match(created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$/);

    const seed = container(state, seedId)!;
    const name = (await engine.docker('inspect', '-f', '{{.Name}}', seedId)).replace(/^\//, '');
    assert.deepEqual(
      { ...seed, created: undefined },
      { id: seedId, name, created: undefined, running: true, labels: { global_ip: '10.0.1.1' }, addresses: { mytenant: '192.168.1.1' } },
    );
    assert.equal(Date.parse(seed.created) <= Date.now(), true);
    assert.deepEqual(JSON.parse(JSON.stringify(state)), state, 'plain serialisable data');
  });

  await t.test('non-macvlan networks and their containers are ignored', async () => {
    await engine.docker('network', 'create', '-d', 'bridge', 'plainbridge');
    const bridged = await engine.docker('run', '-d', '--net=plainbridge', '-l', 'global_ip=10.0.1.9', engine.image, 'sleep', '600');
    const state = await source.read();
    assert.deepEqual(state.networks.map((n) => n.name), ['mytenant']);
    assert.equal(container(state, bridged), undefined);
    await engine.docker('rm', '-f', bridged);
    await engine.docker('network', 'rm', 'plainbridge');
  });

  await t.test('a labelled network, and a container on two macvlan networks has both addresses', async () => {
    await engine.addParent('eth2');
    await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=10.20.0.0/16', '--gateway=10.20.0.1', '-o', 'parent=eth2', '--label', 'translator.vlan=20', '--label', 'translator.router=edge1', 'labelled');
    const both = await engine.docker('run', '-d', '--name', 'both', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
    await engine.docker('network', 'connect', '--ip', '10.20.0.5', 'labelled', 'both');
    const state = await source.read();
    assert.deepEqual(state.networks.map((n) => n.name), ['labelled', 'mytenant']);
    const labelled = network(state, 'labelled')!;
    assert.deepEqual(labelled.labels, { 'translator.vlan': '20', 'translator.router': 'edge1' });
    assert.deepEqual([labelled.subnet, labelled.gateway, labelled.parent], ['10.20.0.0/16', '10.20.0.1', 'eth2']);
    assert.deepEqual(container(state, both)!.addresses, { labelled: '10.20.0.5', mytenant: '192.168.1.2' });
    assert.deepEqual(state.containers.map((c) => c.name), [...state.containers.map((c) => c.name)].sort(), 'sorted by name');
  });

  await t.test('containers created in the same second are ordered to the nanosecond', async () => {
    // Created together, these very likely share a second, which the container list cannot split.
    const burst = await Promise.all(
      [1, 2, 3, 4].map((i) => engine.docker('run', '-d', '--name', `burst${i}`, '--net=mytenant', engine.image, 'sleep', '600')),
    );
    const state = await source.read();
    const second = (created: string) => created.slice(0, 19);
    for (const observed of state.containers) {
      const inspected = fixedWidth(await engine.docker('inspect', '-f', '{{.Created}}', observed.id));
      const shared = state.containers.filter((c) => second(c.created) === second(observed.created)).length > 1;
      // Alone in its second, the list's whole second orders it; sharing it, it was inspected.
      assert.equal(observed.created, shared ? inspected : `${second(inspected)}.000000000Z`, observed.name);
    }
    await engine.docker('rm', '-f', ...burst);
  });

  await t.test('a stopped container is absent', async () => {
    await engine.docker('stop', '-t', '0', seedId);
    const state = await source.read();
    assert.equal(container(state, seedId), undefined);
    assert.ok(network(state, 'mytenant'), 'its network stays');
  });

  await t.test('a removed network is absent', async () => {
    await engine.docker('rm', '-f', 'both');
    await engine.docker('network', 'rm', 'labelled');
    const state = await source.read();
    assert.deepEqual(state.networks.map((n) => n.name), ['mytenant']);
    assert.deepEqual(state.containers, []);
  });

  await t.test('an unreachable engine is a clear error', async () => {
    const gone = `${engine.host}.missing`;
    await assert.rejects(new DockerEngineSource(gone).read(), {
      name: 'DockerUnavailableError',
      message: new RegExp(`^cannot reach Docker at ${gone.replace(/[.]/g, '\\.')}: `),
    });
  });
});
