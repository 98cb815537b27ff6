import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectionOptions, defaultDockerHost } from '../../../src/observe/docker-host.js';

test('DOCKER_HOST or the local socket by default', () => {
  assert.equal(defaultDockerHost({}), 'unix:///var/run/docker.sock');
  assert.equal(defaultDockerHost({ DOCKER_HOST: 'tcp://10.0.0.5:2375' }), 'tcp://10.0.0.5:2375');
});

test('a unix socket, with nothing from the environment mixed in', () => {
  const options = connectionOptions('unix:///run/user/docker.sock', {
    DOCKER_TLS_VERIFY: '1',
    DOCKER_CERT_PATH: '/nonexistent',
  });
  assert.equal(options.socketPath, '/run/user/docker.sock');
  // docker-modem would otherwise fill host/TLS from process.env and ignore the socket
  for (const key of ['host', 'port', 'protocol', 'ca', 'cert', 'key'] as const) {
    assert.ok(key in options && options[key] === undefined, `${key} is explicitly unset`);
  }
});

test('tcp://host:port is plain HTTP unless DOCKER_TLS_VERIFY=1', () => {
  const options = connectionOptions('tcp://10.0.0.5:2375', {});
  assert.deepEqual([options.host, options.port, options.protocol, options.socketPath], ['10.0.0.5', 2375, 'http', undefined]);
  assert.deepEqual(
    [connectionOptions('tcp://[fd00::5]:2375', {}).host, connectionOptions('tcp://docker.lan:2375', {}).host],
    ['fd00::5', 'docker.lan'],
  );
});

test('TLS reads ca/cert/key from DOCKER_CERT_PATH', (t) => {
  const certs = mkdtempSync(join(tmpdir(), 'observe-certs-'));
  t.after(() => rmSync(certs, { recursive: true, force: true }));
  for (const name of ['ca', 'cert', 'key']) writeFileSync(join(certs, `${name}.pem`), `${name}-pem`);
  const options = connectionOptions('tcp://10.0.0.5:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
  assert.equal(options.protocol, 'https');
  assert.deepEqual([String(options.ca), String(options.cert), String(options.key)], ['ca-pem', 'cert-pem', 'key-pem']);
});

test('anything else is refused with the expected forms', () => {
  for (const bad of ['ssh://me@host', '/var/run/docker.sock', 'unix://relative.sock', 'tcp://host', 'tcp://host:2375/path', '']) {
    assert.throws(() => connectionOptions(bad, {}), /expected (unix|tcp)/, bad);
  }
});
