import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Intent } from '../../../src/intent/types.js';
import type { DockerContainer, DockerNetwork, DockerState } from '../../../src/observe/types.js';
import { parseState, rejectionsFor, routerStateFile, serializeState } from '../../../src/gitops/state-file.js';
import { fip, routerIntent, tenant } from './fixtures.js';

function network(name: string, labels: Record<string, string> = {}): DockerNetwork {
  return { id: `id-${name}`, name, created: '2026-01-01T00:00:00Z', driver: 'macvlan', subnet: '10.0.0.0/24', gateway: '10.0.0.254', parent: 'eth1.10', labels };
}
function container(name: string, addresses: Record<string, string>, labels: Record<string, string> = {}): DockerContainer {
  return { id: `id-${name}`, name, created: '2026-01-01T00:00:00Z', running: true, labels, addresses };
}

// Two routers; "loose" is a network refused before any router could be chosen.
const docker: DockerState = {
  networks: [network('blue'), network('red', { 'translator.router': 'edge2' }), network('loose'), network('bad-vlan')],
  containers: [
    container('web', { blue: '10.0.0.1' }, { global_ip: '1.1.1.1' }),
    container('db', { red: '10.0.0.2' }, { global_ip: '1.1.1.2' }),
    container('evil', { blue: '10.0.0.3' }, { global_ip: '1.1.1.1\nx' }),
  ],
};
const intent: Intent = {
  routers: [
    routerIntent([tenant('blue', 10, '10.0.0')], [fip('1.1.1.1', '10.0.0.1', 'blue', 'web')]),
    routerIntent([tenant('red', 10, '10.0.0')], [fip('1.1.1.2', '10.0.0.2', 'red', 'db')], { router: 'edge2' }),
  ],
  rejections: [
    { kind: 'container', object: 'evil', router: 'edge1', code: 'badGlobalIp', reason: 'not a plain IPv4 address' },
    { kind: 'network', object: 'bad-vlan', router: 'edge2', code: 'vlanTaken', reason: 'VLAN 10 is already used by red' },
    { kind: 'network', object: 'loose', code: 'routerAmbiguous', reason: 'no router chosen: label translator.router is missing' },
  ],
};

describe('routerStateFile', () => {
  it("keeps only the router's networks, containers and rejections (plus router-less rejections)", () => {
    const file = routerStateFile('edge1', intent, docker);
    assert.equal(file.intent.router, 'edge1');
    assert.deepEqual(file.docker.networks.map((n) => n.name), ['blue', 'loose']);
    assert.deepEqual(file.docker.containers.map((c) => c.name), ['evil', 'web']);
    assert.deepEqual(file.rejections.map((r) => r.object), ['evil', 'loose']);
    const edge2 = routerStateFile('edge2', intent, docker);
    assert.deepEqual(edge2.docker.networks.map((n) => n.name), ['bad-vlan', 'loose', 'red']);
    assert.deepEqual(edge2.docker.containers.map((c) => c.name), ['db']);
  });

  it('throws for a router the intent does not have', () => {
    assert.throws(() => routerStateFile('edge9', intent, docker), /edge9/);
  });

  it('sorts rejections deterministically', () => {
    assert.deepEqual(rejectionsFor('edge2', [...intent.rejections].reverse()).map((r) => r.object), ['bad-vlan', 'loose']);
  });
});

describe('serializeState / parseState', () => {
  it('gives the same bytes whatever the order Docker listed things in', () => {
    const shuffled: DockerState = {
      networks: [...docker.networks].reverse(),
      containers: [...docker.containers].reverse().map((c) => ({ ...c, labels: Object.fromEntries(Object.entries(c.labels).reverse()) })),
    };
    const a = serializeState(routerStateFile('edge1', intent, docker));
    const b = serializeState(routerStateFile('edge1', intent, shuffled));
    assert.equal(a, b);
    assert.ok(a.endsWith('}\n'));
  });

  it('reads back the intent and rejections it wrote', () => {
    const file = routerStateFile('edge1', intent, docker);
    const back = parseState(serializeState(file));
    assert.deepEqual(back.intent, JSON.parse(JSON.stringify(file.intent)));
    assert.deepEqual(back.rejections, file.rejections);
    assert.deepEqual(back.rejections.map((r) => r.code), ['badGlobalIp', 'routerAmbiguous'], 'each rejection keeps its code next to its words');
  });

  it('reads a file written before rejections carried a code (they are in users\' repositories)', () => {
    const file = JSON.parse(serializeState(routerStateFile('edge1', intent, docker)));
    for (const rejection of file.rejections) delete rejection.code;
    const back = parseState(JSON.stringify(file));
    assert.deepEqual(back.rejections.map((r) => [r.object, r.code, r.reason]), [
      ['evil', undefined, 'not a plain IPv4 address'],
      ['loose', undefined, 'no router chosen: label translator.router is missing'],
    ]);
  });

  it('names what is wrong in a file it cannot use', () => {
    const file = JSON.parse(serializeState(routerStateFile('edge1', intent, docker)));
    file.intent.floatingIps[0].global = 7;
    assert.throws(() => parseState(JSON.stringify(file)), /intent\.floatingIps\.0\.global/);
    assert.throws(() => parseState(JSON.stringify({ ...file, format: 2 })), /format/);
    assert.throws(() => parseState('{not json'), SyntaxError);
  });
});
