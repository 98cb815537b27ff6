import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { connectionOptions, defaultDockerHost } from '../../../src/observe/docker-host.js';
import { generateReadableKey } from '../../../src/lab/hostkey.js';

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

test('tcp://host[:port] is plain HTTP unless DOCKER_TLS_VERIFY is set; the port is 2375 when omitted, as for the docker CLI', () => {
  const options = connectionOptions('tcp://10.0.0.5:2375', {});
  assert.deepEqual([options.host, options.port, options.protocol, options.socketPath], ['10.0.0.5', 2375, 'http', undefined]);
  assert.deepEqual(
    [connectionOptions('tcp://[fd00::5]:2375', {}).host, connectionOptions('tcp://docker.lan:2375', {}).host],
    ['fd00::5', 'docker.lan'],
  );
  assert.deepEqual([connectionOptions('tcp://docker.lan', {}).port, connectionOptions('tcp://[fd00::5]', {}).port], [2375, 2375]);
  assert.throws(() => connectionOptions('tcp://docker.lan:2376', { DOCKER_TLS: '1' }), /DOCKER_TLS without DOCKER_TLS_VERIFY would not check the engine's certificate/);
});

test('TLS reads ca/cert/key from DOCKER_CERT_PATH', (t) => {
  const certs = mkdtempSync(join(tmpdir(), 'observe-certs-'));
  t.after(() => rmSync(certs, { recursive: true, force: true }));
  for (const name of ['ca', 'cert', 'key']) writeFileSync(join(certs, `${name}.pem`), `${name}-pem`);
  const options = connectionOptions('tcp://10.0.0.5:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs });
  assert.equal(options.protocol, 'https');
  assert.deepEqual([String(options.ca), String(options.cert), String(options.key)], ['ca-pem', 'cert-pem', 'key-pem']);
});

test('TLS as the docker CLI reads it: any DOCKER_TLS_VERIFY value, certificates from DOCKER_CONFIG else ~/.docker, a client certificate only when present, a missing CA named', (t) => {
  const home = mkdtempSync(join(tmpdir(), 'observe-tls-home-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  mkdirSync(join(home, '.docker'));
  writeFileSync(join(home, '.docker', 'ca.pem'), 'home-ca');
  const plain = connectionOptions('tcp://docker.lan:2376', { DOCKER_TLS_VERIFY: 'yes', HOME: home });
  assert.deepEqual([plain.protocol, String(plain.ca), plain.cert, plain.key], ['https', 'home-ca', undefined, undefined], 'server-only TLS: no client certificate');
  const config = join(home, 'config');
  mkdirSync(config);
  for (const name of ['ca', 'cert', 'key']) writeFileSync(join(config, `${name}.pem`), `config-${name}`);
  const fromConfig = connectionOptions('tcp://docker.lan:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CONFIG: config, HOME: home });
  assert.deepEqual([String(fromConfig.ca), String(fromConfig.cert), String(fromConfig.key)], ['config-ca', 'config-cert', 'config-key']);
  assert.throws(() => connectionOptions('tcp://docker.lan:2376', { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: join(home, 'none') }),
    /DOCKER_TLS_VERIFY is set but .*none\/ca\.pem cannot be read \(ENOENT\): set DOCKER_CERT_PATH/);
});

test('anything else is refused with the expected forms', () => {
  for (const bad of ['/var/run/docker.sock', 'unix://relative.sock', 'tcp://', 'tcp://host:2375/path', 'ssh://host/path', 'npipe:////./pipe/docker', '']) {
    assert.throws(() => connectionOptions(bad, {}), /expected (unix|tcp|ssh)/, bad);
  }
  assert.throws(() => connectionOptions('ssh://me:secret@host', {}), /no password in the address/);
});

/** An SSH host key blob (the wire format ssh2 hands a host verifier); ssh2's own generator writes an unreadable one now and then. */
function hostKey(): Buffer {
  return (ssh2.utils.parseKey(generateReadableKey()) as ssh2.ParsedKey).getPublicSSH();
}

test('ssh://[user@]host[:port] goes over SSH to `docker system dial-stdio`, keys from the agent, host keys from known_hosts', (t) => {
  const home = mkdtempSync(join(tmpdir(), 'observe-ssh-'));
  t.after(() => rmSync(home, { recursive: true, force: true }));
  const known = hostKey();
  mkdirSync(join(home, '.ssh'));
  writeFileSync(join(home, '.ssh', 'known_hosts'), `[docker.lan]:2222 ssh-ed25519 ${known.toString('base64')}\n`);
  const options = connectionOptions('ssh://ops@docker.lan:2222', { HOME: home, SSH_AUTH_SOCK: '/run/agent.sock', DOCKER_TLS_VERIFY: '1' });
  assert.deepEqual(
    [options.protocol, options.host, options.port, options.username, options.socketPath, options.ca],
    ['ssh', 'docker.lan', 2222, 'ops', undefined, undefined],
  );
  const ssh = (options as { sshOptions: { agent?: string; privateKey?: Buffer; hostVerifier(key: Buffer): boolean } }).sshOptions;
  assert.equal(ssh.agent, '/run/agent.sock');
  assert.equal(ssh.hostVerifier(known), true);
  assert.equal(ssh.hostVerifier(hostKey()), false, 'a changed key is refused');
  // Port 22, the user from the environment, the first default identity when there is no agent; an unknown host is refused.
  writeFileSync(join(home, '.ssh', 'id_rsa'), 'rsa-key');
  writeFileSync(join(home, '.ssh', 'id_ed25519'), 'ed25519-key');
  const plain = connectionOptions('ssh://docker.lan', { HOME: home, USER: 'deploy' });
  const plainSsh = (plain as { sshOptions: { agent?: string; privateKey?: Buffer; hostVerifier(key: Buffer): boolean } }).sshOptions;
  assert.deepEqual([plain.port, plain.username, plainSsh.agent, String(plainSsh.privateKey)], [22, 'deploy', undefined, 'ed25519-key']);
  assert.equal(plainSsh.hostVerifier(known), false, 'known for port 2222 only');
});
