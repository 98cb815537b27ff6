// Several standalone engines merged into one state, against two real private dockerds: one over
// its unix socket, one over ssh:// (a real SSH session to a server that runs the real
// `docker system dial-stdio`, as the docker CLI's own ssh:// does). A conflict between them is
// rejected naming both hosts; an engine that stops answering keeps its objects, stale, through
// a render and its state.json, until it is forgotten. The same through the real CLI (docker.hosts
// in translator.yaml): commit, the stale host in the commit message and in status, forget-host.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { timingSafeEqual } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { createServer as createTlsServer } from 'node:tls';
import { join } from 'node:path';
import pino from 'pino';
import ssh2 from 'ssh2';
import { renderState } from '../../src/pipeline.js';
import { buildIntent } from '../../src/intent/build.js';
import { recordedState, staleNotes, withoutHost } from '../../src/observe/last-known.js';
import { MultiEngineSource } from '../../src/observe/multi-engine-source.js';
import type { SourceEvent } from '../../src/observe/source.js';
import type { DockerState } from '../../src/observe/types.js';
import { settingsSchemas } from '../../src/settings/schema.js';
import { systemClock } from '../../src/ops/clock.js';
import { generateReadableKey } from '../../src/lab/hostkey.js';
import { runCli } from '../helpers/cli.js';
import { engineAt, privateEngine, startEngine, stopDockerd, tool, type PrivateEngine } from '../helpers/docker-engine.js';
import { git, initRepo } from '../helpers/git.js';

const settings = settingsSchemas().settingsSchema.parse({ routers: [{ name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' }] });
const WATCH = { retryInitialMs: 200, retryMaxMs: 2000, clock: systemClock, log: pino({ level: 'silent' }) };

/**
 * An SSH server on 127.0.0.1 that lets one key in and runs `docker system dial-stdio` against
 * `engine` for it, with the client side (HOME with the key and known_hosts) to match.
 * Returns the ssh:// address; process.env.HOME points at that client side until `t` ends.
 */
async function sshToEngine(t: TestContext, engine: PrivateEngine): Promise<string> {
  // Not ssh2's generator directly: about 1 key in 400 comes out unreadable, and then every read of B failed.
  const host = generateReadableKey();
  const client = generateReadableKey();
  const allowed = ssh2.utils.parseKey(client) as ssh2.ParsedKey;
  const hostPublic = ssh2.utils.parseKey(host) as ssh2.ParsedKey;
  const server = new ssh2.Server({ hostKeys: [host] }, (connection) => {
    connection.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey' || ctx.key.algo !== allowed.type || !timingSafeEqual(ctx.key.data, allowed.getPublicSSH())) return ctx.reject(['publickey']);
      if (ctx.signature && allowed.verify(ctx.blob!, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
      ctx.accept();
    });
    connection.on('session', (accept) => {
      accept().on('exec', (acceptExec, _reject, info) => {
        const channel = acceptExec();
        if (info.command !== 'docker system dial-stdio') {
          channel.stderr.write(`refused: ${info.command}\n`);
          channel.exit(127);
          channel.end();
          return;
        }
        const dial = spawn('docker', ['system', 'dial-stdio'], { env: engine.env, stdio: ['pipe', 'pipe', 'pipe'] });
        channel.pipe(dial.stdin);
        dial.stdout.pipe(channel);
        dial.stderr.pipe(channel.stderr);
        dial.on('exit', (code) => {
          channel.exit(code ?? 1);
          channel.end();
        });
        channel.on('close', () => dial.kill());
      });
    });
    connection.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const home = mkdtempSync(join(tmpdir(), 'multi-engine-ssh-'));
  mkdirSync(join(home, '.ssh'), { mode: 0o700 });
  writeFileSync(join(home, '.ssh', 'id_ed25519'), client, { mode: 0o600 });
  writeFileSync(join(home, '.ssh', 'known_hosts'), `[127.0.0.1]:${port} ${hostPublic.type} ${hostPublic.getPublicSSH().toString('base64')}\n`);
  const saved = { HOME: process.env.HOME, SSH_AUTH_SOCK: process.env.SSH_AUTH_SOCK };
  process.env.HOME = home;
  delete process.env.SSH_AUTH_SOCK;
  t.after(() => {
    for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key]; else process.env[key] = value;
    server.close();
    rmSync(home, { recursive: true, force: true });
  });
  return `ssh://root@127.0.0.1:${port}`;
}

/**
 * `engine` behind TLS on 127.0.0.1, as dockerd's `--tlsverify` listener is met: the server's
 * certificate signed by a CA, a client certificate required. (dockerd's own listener would be
 * inside its network namespace; a TLS terminator in front of its socket is what the client
 * meets all the same.) Certificates made with openssl: `certs` is a DOCKER_CERT_PATH with
 * ca.pem, cert.pem and key.pem; `rogue` the same from another CA.
 */
async function tlsToEngine(t: TestContext, engine: PrivateEngine): Promise<{ host: string; certs: string; rogue: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'multi-engine-tls-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const openssl = (...args: string[]) => execFileSync(tool('openssl'), args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const signed = (name: string, ca: string, extension: string) => {
    writeFileSync(join(dir, `${name}.ext`), `${extension}\n`);
    openssl('req', ...key, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', `/CN=${name}`);
    openssl('x509', '-req', '-in', `${name}.csr`, '-CA', `${ca}.pem`, '-CAkey', `${ca}-key.pem`, '-CAcreateserial', '-days', '1', '-out', `${name}.pem`, '-extfile', `${name}.ext`);
  };
  for (const ca of ['ca', 'rogue-ca']) openssl('req', '-x509', ...key, '-keyout', `${ca}-key.pem`, '-out', `${ca}.pem`, '-days', '1', '-subj', `/CN=${ca}`);
  signed('server', 'ca', 'subjectAltName=IP:127.0.0.1');
  signed('client', 'ca', 'extendedKeyUsage=clientAuth');
  const certPath = (name: string, ca: string) => {
    mkdirSync(join(dir, name));
    copyFileSync(join(dir, `${ca}.pem`), join(dir, name, 'ca.pem'));
    copyFileSync(join(dir, 'client.pem'), join(dir, name, 'cert.pem'));
    copyFileSync(join(dir, 'client-key.pem'), join(dir, name, 'key.pem'));
    return join(dir, name);
  };
  const read = (name: string) => readFileSync(join(dir, name));
  const server = createTlsServer({ key: read('server-key.pem'), cert: read('server.pem'), ca: read('ca.pem'), requestCert: true, rejectUnauthorized: true }, (client) => {
    const socket = connect(engine.host.slice('unix://'.length));
    client.pipe(socket).pipe(client);
    socket.on('error', () => client.destroy());
    client.on('error', () => socket.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => server.close());
  return { host: `tcp://127.0.0.1:${(server.address() as AddressInfo).port}`, certs: certPath('certs', 'ca'), rogue: certPath('rogue', 'rogue-ca') };
}

/** A stale note's parts: the reason the source heard sits in the middle, in whatever words the failure had. */
function staleNote(text: string | undefined): { host: string; why: string; rest: string } | null {
  const parts = /^Docker host (\S+) did not answer \((.+)\): (.*)$/.exec(text ?? '');
  return parts ? { host: parts[1]!, why: parts[2]!, rest: parts[3]! } : null;
}

const container = (state: DockerState, name: string) => state.containers.find((c) => c.name === name);
const rejection = (state: DockerState, object: string) => state.sourceRejections?.find((r) => r.object === object)?.reason;

test('several standalone engines, one over ssh://, merged into one state', { timeout: 300_000 }, async (t) => {
  const a = await privateEngine(t);
  if (!a) return;
  const own = await startEngine({ name: 'multib' });
  t.after(() => own.stop());
  const b = engineAt(own);
  const [A, B] = [a.host, await sshToEngine(t, b)];
  let recorded: DockerState = { networks: [], containers: [] };
  const source = new MultiEngineSource({ hosts: [A, B], labels: settings.labels, lastKnown: async () => recorded });

  // One tenant on both hosts (each IPAM with its own range), and a name each host gives another VLAN.
  for (const [engine, range] of [[a, '192.168.1.0/25'], [b, '192.168.1.128/25']] as const) {
    await engine.addParent('eth1.10');
    await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', `--ip-range=${range}`, '-o', 'parent=eth1.10', 'mytenant');
  }
  await a.addParent('eth1.30');
  await a.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.3.0/24', '--gateway=192.168.3.254', '-o', 'parent=eth1.30', 'clash');
  await b.addParent('eth1.31');
  await b.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.3.0/24', '--gateway=192.168.3.254', '-o', 'parent=eth1.31', 'clash');
  await a.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.10', '-l', 'global_ip=10.0.1.1', a.image, 'sleep', '600');
  await b.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.130', '-l', 'global_ip=10.0.1.2', b.image, 'sleep', '600');
  await b.docker('run', '-d', '--name', 'dup', '--net=mytenant', '--ip=192.168.1.131', '-l', 'global_ip=10.0.1.1', b.image, 'sleep', '600');

  await t.test('one tenant on both hosts; conflicts between them rejected naming both hosts', async () => {
    const state = await source.read();
    assert.deepEqual(state.unreachable, [], `every engine answers: ${JSON.stringify(state.whyUnreachable)}`);
    assert.deepEqual(state.networks.map((n) => [n.name, n.hosts, n.stale]), [['clash', [A], undefined], ['mytenant', [A, B].sort(), undefined]]);
    assert.deepEqual(state.containers.map((c) => [c.name, c.host, c.addresses]), [
      ['api', B, { mytenant: '192.168.1.130' }],
      ['web', A, { mytenant: '192.168.1.10' }],
    ]);
    assert.match(rejection(state, 'clash')!, new RegExp(`^on ${B} the network has VLAN 31, .* but on ${A} \\(seen first\\) VLAN 30, .*: one network name is one tenant$`));
    assert.equal(rejection(state, 'dup'), `global IP 10.0.1.1 is already claimed by container "web" on ${A} (created earlier)`);
    const intent = buildIntent(state, settings);
    assert.deepEqual(intent.routers[0]!.tenants.map((tenant) => [tenant.vrf, tenant.vlan]), [['clash', 30], ['mytenant', 10]]);
    assert.deepEqual(intent.routers[0]!.floatingIps.map((f) => [f.container, f.local, f.global]), [
      ['web', '192.168.1.10', '10.0.1.1'],
      ['api', '192.168.1.130', '10.0.1.2'],
    ]);
    assert.deepEqual(intent.rejections.map((r) => [r.kind, r.object]), [['container', 'dup'], ['network', 'clash']]);
  });

  await t.test('an engine over tcp:// with TLS (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH) reads as over its socket; a certificate another CA signed is refused', async (st) => {
    if (!tool('openssl').startsWith('/')) {
      if (process.env.CI) throw new Error('openssl missing (apt-get install openssl): it makes the certificates');
      st.skip('openssl missing (apt-get install openssl): it makes the certificates');
      return;
    }
    const tls = await tlsToEngine(t, a);
    const overSocket = await new MultiEngineSource({ hosts: [A], labels: settings.labels }).read();
    const saved = { DOCKER_TLS_VERIFY: process.env.DOCKER_TLS_VERIFY, DOCKER_CERT_PATH: process.env.DOCKER_CERT_PATH };
    try {
      Object.assign(process.env, { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tls.certs });
      const overTls = await new MultiEngineSource({ hosts: [tls.host], labels: settings.labels }).read();
      const placeless = (state: DockerState) => ({
        networks: state.networks.map(({ hosts: _hosts, ...network }) => network),
        containers: state.containers.map(({ host: _host, ...rest }) => rest),
      });
      assert.deepEqual(placeless(overTls), placeless(overSocket));
      assert.deepEqual(overTls.containers.map((c) => [c.name, c.host]), [['web', tls.host]]);
      process.env.DOCKER_CERT_PATH = tls.rogue;
      await assert.rejects(new MultiEngineSource({ hosts: [tls.host], labels: settings.labels }).read(), { message: `cannot reach Docker at ${tls.host}: self-signed certificate in certificate chain` });
    } finally {
      for (const [key, value] of Object.entries(saved)) if (value === undefined) delete process.env[key]; else process.env[key] = value;
    }
  });

  await t.test('events come from every engine, each saying which', async () => {
    const events: SourceEvent[] = [];
    const subscription = source.watch({ onEvent: (e) => events.push(e), onConnected: () => undefined, onDisconnected: () => undefined }, WATCH);
    t.after(() => subscription.stop());
    const open = Date.now() + 30_000;
    while (!subscription.connected && Date.now() < open) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(subscription.connected, 'both streams open');
    await a.docker('run', '-d', '--name', 'ea', '--net=mytenant', a.image, 'sleep', '600');
    await b.docker('run', '-d', '--name', 'eb', '--net=mytenant', b.image, 'sleep', '600');
    const heard = Date.now() + 30_000;
    const started = () => new Set(events.filter((e) => e.type === 'container' && e.action === 'start').map((e) => e.host));
    while (started().size < 2 && Date.now() < heard) await new Promise((resolve) => setTimeout(resolve, 100));
    assert.deepEqual([...started()].sort(), [A, B].sort());
    assert.equal(events.some((e) => e.type === 'network' && e.action === 'connect' && e.prelude), true);
    subscription.stop();
    await a.docker('rm', '-f', 'ea');
    await b.docker('rm', '-f', 'eb');
  });

  // A GitOps repository reading both engines, driven through the CLI.
  const repo = initRepo(join(mkdtempSync(join(tmpdir(), 'multi-engine-repo-')), 'repo'));
  t.after(() => rmSync(join(repo, '..'), { recursive: true, force: true }));
  writeFileSync(join(repo, 'translator.yaml'), `routers: [{name: edge1, inside: GigabitEthernet2, outside: GigabitEthernet1}]\ndocker:\n  hosts: [${JSON.stringify(A)}, ${JSON.stringify(B)}]\n`);
  git(repo, 'add', 'translator.yaml');
  git(repo, 'commit', '-q', '-m', 'settings');
  const cli = (...args: string[]) => runCli([...args, '--repo', repo]);
  const commits = () => Number(git(repo, 'rev-list', '--count', 'HEAD').trim());
  const committedState = () => JSON.parse(git(repo, 'show', 'HEAD:routers/edge1/state.json')) as { docker: DockerState };

  await t.test('through the CLI: one commit of both hosts; forget-host refuses a host that answers, and one it does not read', async () => {
    const committed = await cli('commit');
    assert.equal(committed.code, 0, committed.stderr);
    assert.deepEqual(committedState().docker.containers.map((c) => [c.name, c.host]), [['api', B], ['web', A]]);
    const count = commits();
    const answers = await cli('forget-host', B);
    assert.equal(answers.code, 1);
    assert.match(answers.stderr, /answers: its objects are read as they are, none is kept for it; nothing was changed/);
    const unknown = await cli('forget-host', 'tcp://192.0.2.9:2376');
    assert.equal(unknown.code, 1);
    assert.match(unknown.stderr, /tcp:\/\/192\.0\.2\.9:2376 is not a Docker host translator reads \(docker\.hosts or docker\.swarm: /);
    assert.equal(commits(), count, 'a refusal commits nothing');
  });

  await t.test('an engine that stops answering keeps its last known objects (stale) through state.json, until forgotten', async () => {
    const before = await source.read();
    // What the GitOps repository holds after this render: the routers' state.json files.
    const rendered = renderState(before, settings, process.cwd(), ['edge1']);
    recorded = recordedState(rendered.routers.map((r) => r.stateJson));
    // What asks for a floating IP and was not refused: dup's refusal is in the file's rejections, not its Docker state.
    assert.deepEqual(recorded.containers.map((c) => [c.name, c.host]), [['api', B], ['web', A]]);

    await stopDockerd(own);
    const blip = await source.read();
    assert.deepEqual(blip.unreachable, [B]);
    assert.deepEqual(container(blip, 'api'), { ...container(before, 'api'), stale: true });
    assert.deepEqual(blip.networks.map((n) => [n.name, n.hosts, n.stale]), [['clash', [A], undefined], ['mytenant', [A, B].sort(), undefined]]);
    assert.deepEqual(buildIntent(blip, settings).routers, buildIntent(before, settings).routers, 'a blip withdraws nothing');
    const notes = staleNotes(blip);
    assert.equal(notes.length, 1, notes.join('\n'));
    const note = staleNote(notes[0]);
    assert.ok(note, notes[0]);
    assert.equal(note.host, B);
    assert.equal(note.rest, `its last known 0 networks and 1 container are kept (stale); \`translator forget-host ${B}\` removes them`);
    assert.equal(note.why, blip.whyUnreachable![B], 'the reason is the engine\'s failure');
    const staleJson = renderState(blip, settings, process.cwd(), ['edge1']).routers[0]!.stateJson;
    assert.match(staleJson, /"stale": true/);

    recorded = withoutHost(recorded, B);
    const forgotten = await source.read();
    assert.equal(container(forgotten, 'api'), undefined);
    assert.deepEqual(buildIntent(forgotten, settings).routers[0]!.floatingIps.map((f) => f.container), ['web']);
  });

  await t.test('through the CLI: the silent host is named in the commit message and in status; forget-host removes its objects in a commit', async () => {
    const stale = await cli('commit');
    assert.equal(stale.code, 0, stale.stderr);
    const note = stale.stderr.split('\n').find((line) => line.startsWith(`translator: WARNING: Docker host ${B} `))?.slice('translator: WARNING: '.length);
    assert.equal(staleNote(note)?.rest, `its last known 0 networks and 1 container are kept (stale); \`translator forget-host ${B}\` removes them`, stale.stderr);
    assert.deepEqual(committedState().docker.containers.map((c) => [c.name, c.stale]), [['api', true], ['web', undefined]]);
    const message = git(repo, 'log', '-1', '--format=%B').trimEnd();
    assert.ok(message.endsWith(`\n\n${note}`), message);
    assert.equal(git(repo, 'log', '-1', '--format=%(trailers)').trim(), '', 'the note is not read as a trailer');
    assert.match(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), /static 192\.168\.1\.130 10\.0\.1\.2 vrf mytenant/, 'a blip withdraws nothing');

    const status = await cli('status', '--offline');
    assert.equal(status.code, 0, status.stderr);
    // status reads the committed state.json, which keeps objects, not the reason of one read.
    assert.ok(status.stdout.includes(`  STALE:       Docker host ${B} did not answer: ${staleNote(note)!.rest}`), status.stdout);

    const forgot = await cli('forget-host', B);
    assert.equal(forgot.code, 0, forgot.stderr);
    assert.match(forgot.stdout, /^committed [0-9a-f]{12} edge1: remove floating IP 10\.0\.1\.2/);
    const forgotMessage = git(repo, 'log', '-1', '--format=%B');
    assert.ok(forgotMessage.includes(`Docker host ${B} forgotten (translator forget-host): its last known objects are no longer kept`), forgotMessage);
    assert.ok(!forgotMessage.includes('did not answer'), forgotMessage);
    assert.deepEqual(committedState().docker.containers.map((c) => c.name), ['web']);
    assert.doesNotMatch(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg'), /10\.0\.1\.2/);
    const after = await cli('status', '--offline');
    assert.ok(!after.stdout.includes('STALE'), after.stdout);
  });
});
