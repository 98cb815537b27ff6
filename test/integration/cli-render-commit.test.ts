import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import type { DockerState } from '../../src/observe/types.js';
import { runCli } from '../helpers/cli.js';
import { git, initBare, initRepo, tempDir } from '../helpers/git.js';
import { validDocument } from '../helpers/schemas.js';

const SEED_ENV = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };
const golden = readFileSync(new URL('../fixtures/render/seed.cfg', import.meta.url), 'utf8');

function stateFile(dir: string, state: DockerState = EXAMPLE_STATE, name = 'state.json'): string {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(state));
  return path;
}

test('render --stdout prints the intended config of the seed example', async (t) => {
  const tmp = tempDir('cli');
  t.after(tmp.remove);
  const result = await runCli(['render', '--stdout', '--state', stateFile(tmp.dir)], { env: SEED_ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.equal(result.stdout, golden);
});

test('render writes routers/<r>/intended.cfg and state.json; --format json (alias --json) prints intent and rejections', async (t) => {
  const tmp = tempDir('cli');
  t.after(tmp.remove);
  const hostile: DockerState = {
    networks: EXAMPLE_STATE.networks,
    containers: [
      ...EXAMPLE_STATE.containers,
      { ...EXAMPLE_STATE.containers[0]!, id: 'evil', name: 'evil', labels: { global_ip: '10.0.1.2\nno ip nat outside' }, addresses: { mytenant: '192.168.1.66' } },
    ],
  };
  const state = stateFile(tmp.dir, hostile);
  const written = await runCli(['render', '--repo', tmp.dir, '--state', state], { env: SEED_ENV });
  assert.equal(written.code, 0, written.stderr);
  assert.equal(readFileSync(join(tmp.dir, 'routers/edge1/intended.cfg'), 'utf8'), golden, 'the hostile container changes nothing');
  const recorded = JSON.parse(readFileSync(join(tmp.dir, 'routers/edge1/state.json'), 'utf8'));
  assert.equal(recorded.rejections[0].object, 'evil');
  assert.equal(recorded.rejections[0].code, 'badGlobalIp', 'state.json keeps the stable code next to the words');
  assert.match(written.stderr, /rejected container "evil" \(router edge1\): label global_ip="10\.0\.1\.2\\nno ip nat outside" is not a plain dotted-quad IPv4 address/);

  const json = await runCli(['render', '--format', 'json', '--state', state], { env: SEED_ENV });
  const document = validDocument(json.stdout, 'render') as { routers: [{ config: string; intent: { floatingIps: unknown[] } }]; rejections: [{ code: string }] };
  const alias = await runCli(['render', '--json', '--state', state], { env: SEED_ENV });
  assert.deepEqual(JSON.parse(alias.stdout), document, '--json is --format json');
  const both = await runCli(['render', '--stdout', '--format', 'json', '--state', state], { env: SEED_ENV });
  assert.equal(both.code, 64, 'a usage error');
  assert.match(both.stderr, /--stdout and --format json exclude each other/);
  assert.equal(document.routers[0].config, golden);
  assert.equal(document.routers[0].intent.floatingIps.length, 1);
  assert.equal(document.rejections.length, 1);
  assert.equal(document.rejections[0].code, 'badGlobalIp');
});

test('render --state keeps what a source of several hosts said: its rejections and the hosts that did not answer', async (t) => {
  const tmp = tempDir('cli');
  t.after(tmp.remove);
  const B = 'ssh://ops@10.0.0.3';
  const saved: DockerState = {
    ...EXAMPLE_STATE,
    containers: [{ ...EXAMPLE_STATE.containers[0]!, host: B, stale: true }],
    sourceRejections: [{ kind: 'container', object: 'dup', code: 'globalTakenElsewhere', reason: `global IP 10.0.1.1 is already claimed by container "web" on ${B}` }],
    unreachable: [B],
  };
  const result = await runCli(['render', '--json', '--state', stateFile(tmp.dir, saved)], { env: SEED_ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.deepEqual((JSON.parse(result.stdout) as { rejections: { object: string; code: string }[] }).rejections.map((r) => [r.object, r.code]), [['dup', 'globalTakenElsewhere']]);
  assert.match(result.stderr, new RegExp(`WARNING: Docker host ${B} did not answer: its last known 0 networks and 1 container are kept \\(stale\\)`));
});

test('commit: first commit says what was added; nothing changed makes no commit; a removal is named', async (t) => {
  const tmp = tempDir('cli');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const env = { ...SEED_ENV };
  const first = await runCli(['commit', '--repo', repo, '--state', stateFile(tmp.dir)], { env });
  assert.equal(first.code, 0, first.stderr);
  assert.equal(git(repo, 'log', '-1', '--format=%s').trim(), 'edge1: 2 changes (1 tenant added, 1 floating IP added)');
  assert.match(git(repo, 'log', '-1', '--format=%b'), /- edge1: add floating IP 10\.0\.1\.1 → 192\.168\.1\.1 \(mytenant\/web\)/);
  assert.equal(git(repo, 'log', '-1', '--format=%an <%ae> / %cn <%ce>').trim(), 'translator <translator@localhost> / translator <translator@localhost>');

  writeFileSync(join(repo, 'translator.yaml'), 'git:\n  author: {name: Docker Hosts, email: hosts@example.net}\n  committer: {name: ci-bot, email: bot@example.net}\n');
  const again = await runCli(['commit', '--repo', repo, '--state', stateFile(tmp.dir)], { env });
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /nothing changed: no commit/);
  assert.equal(git(repo, 'rev-list', '--count', 'HEAD').trim(), '1');

  const stopped = stateFile(tmp.dir, { ...EXAMPLE_STATE, containers: [] }, 'stopped.json');
  const removal = await runCli(['commit', '--repo', repo, '--state', stopped], { env });
  assert.equal(removal.code, 0, removal.stderr);
  assert.equal(git(repo, 'log', '-1', '--format=%s').trim(), 'edge1: remove floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)');
  assert.equal(git(repo, 'log', '-1', '--format=%an <%ae> / %cn <%ce>').trim(), 'Docker Hosts <hosts@example.net> / ci-bot <bot@example.net>');
  assert.doesNotMatch(readFileSync(join(repo, 'routers/edge1/intended.cfg'), 'utf8'), /static/);
});

test("commit leaves someone else's uncommitted work alone and pushes to a bare remote", async (t) => {
  const tmp = tempDir('cli');
  t.after(tmp.remove);
  const remoteDir = join(tmp.dir, 'remote.git');
  const remote = initBare(remoteDir);
  const repo = initRepo(join(tmp.dir, 'repo'));
  git(repo, 'remote', 'add', 'origin', remote);
  writeFileSync(join(repo, 'notes.txt'), 'work in progress\n');
  const result = await runCli(['commit', '--push', '--repo', repo, '--state', stateFile(tmp.dir)], { env: SEED_ENV });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /pushed [0-9a-f]{12} to origin\/main/);
  assert.equal(readFileSync(join(repo, 'notes.txt'), 'utf8'), 'work in progress\n');
  assert.deepEqual(git(repo, 'status', '--porcelain').trim().split('\n'), ['?? notes.txt']);
  assert.equal(git(remoteDir, 'rev-parse', 'main'), git(repo, 'rev-parse', 'HEAD'));

  // A remote or branch that git would read as an option is a usage error before anything runs.
  const head = git(repo, 'rev-parse', 'HEAD');
  for (const [flag, value] of [['--remote', '--receive-pack=touch pwned'], ['--branch', '-f'], ['--branch', 'main..x']] as const) {
    const refused = await runCli(['commit', '--push', `${flag}=${value}`, '--repo', repo, '--state', stateFile(tmp.dir)], { env: SEED_ENV });
    assert.equal(refused.code, 64, refused.stderr); // usage
    assert.equal(refused.stdout, '', 'stopped before rendering or committing');
    assert.match(refused.stderr, new RegExp(`${flag}: the (remote|branch) name ${JSON.stringify(value).replace(/[.*]/g, '\\$&')} `));
  }
  assert.equal(git(repo, 'rev-parse', 'HEAD'), head, 'nothing committed');
  assert.equal(git(remoteDir, 'rev-parse', 'main'), head, 'nothing pushed');
  assert.ok(!existsSync(join(repo, 'pwned')));

  // A remote given as a path (or a URL), as git push takes it, is no name to check as a ref.
  const byPath = await runCli(['commit', '--push', `--remote=${remoteDir}`, '--branch=by-path', '--repo', repo, '--state', stateFile(tmp.dir)], { env: SEED_ENV });
  assert.equal(byPath.code, 0, byPath.stderr);
  assert.equal(git(remoteDir, 'rev-parse', 'by-path'), head);
});

test('errors: no router configured, bad settings, bad state file, unknown option', async (t) => {
  const tmp = tempDir('cli');
  t.after(tmp.remove);
  const noRouter = await runCli(['render', '--stdout', '--state', stateFile(tmp.dir)]);
  assert.equal(noRouter.code, 1);
  assert.match(noRouter.stderr, /no router is configured: declare routers in translator\.yaml, or set INSIDE_INTERFACE and OUTSIDE_INTERFACE/);

  writeFileSync(join(tmp.dir, 'translator.yaml'), 'routers:\n  - {name: edge1, inside: GigabitEthernet2, outside: GigabitEthernet1, colour: red}\n');
  const badSettings = await runCli(['render', '--repo', tmp.dir, '--stdout', '--state', stateFile(tmp.dir)]);
  assert.equal(badSettings.code, 1);
  assert.match(badSettings.stderr, /routers\[0\]: Unrecognized key: "colour"/);

  writeFileSync(join(tmp.dir, 'broken.json'), '{"networks": [{"name": 1}], "containers": []}');
  const badState = await runCli(['render', '--stdout', '--state', join(tmp.dir, 'broken.json')], { env: SEED_ENV });
  assert.equal(badState.code, 1);
  assert.match(badState.stderr, /broken\.json: not a Docker state: networks\.0\./);

  const usage = await runCli(['render', '--no-such-flag']);
  assert.equal(usage.code, 64);
  assert.match(usage.stderr, /unknown option '--no-such-flag'/);
});

test('Docker unreachable: a clear error naming the engine', async () => {
  const result = await runCli(['render', '--stdout', '--docker-host', 'unix:///nonexistent/docker.sock'], { env: SEED_ENV });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /cannot reach Docker at unix:\/\/\/nonexistent\/docker\.sock/);
});

test('--help explains every command', async () => {
  const top = await runCli(['--help']);
  assert.equal(top.code, 0);
  for (const command of ['render', 'commit', 'demo']) assert.match(top.stdout, new RegExp(`\\n  ${command}\\b`));
  const commit = await runCli(['commit', '--help']);
  assert.match(commit.stdout, /--push/);
  assert.match(commit.stdout, /never\s+forced/);
});

test('demo: with nothing configured and no Docker, the seed example goes from Git to the lab router, then it ends', async (t) => {
  const tmp = tempDir('demo');
  t.after(tmp.remove);
  const repo = join(tmp.dir, 'gitops');
  const result = await runCli(['demo', '--repo', repo], { env: { DOCKER_HOST: 'unix:///nonexistent/docker.sock' } });
  assert.equal(result.code, 0, result.stderr);
  assert.match(result.stdout, /the built-in seed example \(no Docker engine at unix:\/\/\/nonexistent\/docker\.sock\)/);
  assert.equal(readFileSync(join(repo, 'routers/edge1/intended.cfg'), 'utf8'), golden);
  assert.equal(git(repo, 'rev-list', '--count', 'main').trim(), '1');
  assert.match(result.stdout, /^   edge1 +success +new +[0-9a-f]{12} +24 /m, 'the deploy table reports success');
  const after = result.stdout.slice(result.stdout.indexOf("6. The router's running-config now"));
  assert.match(after, /^   ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m, 'the floating IP is on the router');
  assert.match(after, /^   ip nat inside source static 172\.16\.20\.5 198\.51\.100\.5$/m, 'the hand-made NAT is still there');
  assert.match(git(repo, 'log', '-1', '--format=%s', 'translator/records'), /edge1/, 'the deploy is recorded in Git');
  assert.match(result.stdout.trimEnd().split('\n').at(-1)!, /translator demo --serve/, 'it ends naming --serve');
});

test('render then commit of a newer state: the files render wrote are ours, not a foreign edit', async (t) => {
  const tmp = tempDir('cli');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const rendered = await runCli(['render', '--repo', repo, '--state', stateFile(tmp.dir, { ...EXAMPLE_STATE, containers: [] }, 'old.json')], { env: SEED_ENV });
  assert.equal(rendered.code, 0, rendered.stderr);
  const committed = await runCli(['commit', '--repo', repo, '--state', stateFile(tmp.dir)], { env: SEED_ENV });
  assert.equal(committed.code, 0, committed.stderr);
  assert.equal(readFileSync(join(repo, 'routers/edge1/intended.cfg'), 'utf8'), golden);

  writeFileSync(join(repo, 'routers/edge1/intended.cfg'), '! a hand edit\n');
  const refused = await runCli(['commit', '--repo', repo, '--state', stateFile(tmp.dir, { ...EXAMPLE_STATE, containers: [] }, 'old.json')], { env: SEED_ENV });
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /refusing to overwrite uncommitted changes that translator did not make in routers\/edge1\/intended\.cfg/);
  assert.equal(readFileSync(join(repo, 'routers/edge1/intended.cfg'), 'utf8'), '! a hand edit\n', 'the hand edit is kept');
});
