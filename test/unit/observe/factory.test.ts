// The one place a source is chosen from the settings (src/observe/factory.ts) and the settings
// keys that choose it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openSource } from '../../../src/observe/factory.js';
import { settingsSchemas } from '../../../src/settings/schema.js';

const settings = (docker: unknown) => settingsSchemas().settingsSchema.parse({ docker });

test('one host (docker.host, DOCKER_HOST, the local socket) is read as its swarm when it is a manager', () => {
  assert.equal(openSource(settings({ host: 'tcp://m1:2375' })).describe(), 'Docker engine tcp://m1:2375 (read as its swarm when it is a manager)');
  assert.equal(openSource(settings({}), { env: { DOCKER_HOST: 'ssh://ops@m1' } }).describe(), 'Docker engine ssh://ops@m1 (read as its swarm when it is a manager)');
  assert.equal(openSource(settings({}), { env: {} }).describe(), 'Docker engine unix:///var/run/docker.sock (read as its swarm when it is a manager)');
});

test('docker.hosts: several standalone engines; docker.swarm: managers (default docker.host) and node engines', () => {
  assert.equal(openSource(settings({ hosts: ['unix:///a.sock', 'tcp://b:2376'] })).describe(), '2 Docker engines: unix:///a.sock, tcp://b:2376');
  assert.equal(openSource(settings({ host: 'tcp://m1:2375', swarm: {} })).describe(), 'Docker Swarm via manager tcp://m1:2375');
  assert.equal(
    openSource(settings({ swarm: { managers: ['tcp://m1:2375', 'tcp://m2:2375'], nodes: ['ssh://w1', 'ssh://w2'] } })).describe(),
    'Docker Swarm via manager tcp://m1:2375, tcp://m2:2375 and 2 node engines',
  );
});

test('an explicit host (--docker-host) wins over the settings', () => {
  assert.equal(openSource(settings({ hosts: ['unix:///a.sock'] }), { host: 'unix:///x.sock' }).describe(), 'Docker engine unix:///x.sock (read as its swarm when it is a manager)');
});

test('the settings refuse what cannot be meant', () => {
  const issues = (docker: unknown) => settingsSchemas().settingsSchema.safeParse({ docker }).error?.issues.map((i) => i.message) ?? [];
  assert.deepEqual(issues({ hosts: ['unix:///a.sock'], swarm: {} }), ['choose docker.hosts (several standalone engines) or docker.swarm (one cluster), not both']);
  assert.deepEqual(issues({ hosts: ['unix:///a.sock', 'unix:///a.sock'] }), ['a host is listed twice']);
  assert.deepEqual(issues({ hosts: ['docker.lan:2375'] }), ['expected unix:///path, tcp://host:port or ssh://[user@]host']);
  assert.match(issues({ hosts: [] }).join(), />=1/);
  assert.deepEqual(issues({ swarm: { managers: [], nodes: [] }, taskPollSeconds: 0 }), []);
  assert.equal(settingsSchemas().settingsSchema.parse({}).docker.taskPollSeconds, 10);
});
