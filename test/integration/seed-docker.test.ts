// The seed's scenario from a real Docker engine to a Git commit: the private dockerd of
// test/helpers/docker-engine.ts, the real CLI, a real repository with a bare remote.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../helpers/cli.js';
import { privateEngine } from '../helpers/docker-engine.js';
import { git, initBare, initRepo, tempDir } from '../helpers/git.js';

const golden = readFileSync(new URL('../fixtures/render/seed.cfg', import.meta.url), 'utf8');

test("the seed's commands become a commit of the intended config, and undoing them undoes it", async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const tmp = tempDir('seed');
  t.after(tmp.remove);
  const remoteDir = join(tmp.dir, 'remote.git');
  const repo = initRepo(join(tmp.dir, 'repo'));
  git(repo, 'remote', 'add', 'origin', initBare(remoteDir));
  const env = { DOCKER_HOST: engine.host, INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };
  const commit = async () => {
    const result = await runCli(['commit', '--push', '--repo', repo], { env });
    assert.equal(result.code, 0, result.stderr);
    return result;
  };
  const intended = () => readFileSync(join(repo, 'routers/edge1/intended.cfg'), 'utf8');
  const subject = () => git(repo, 'log', '-1', '--format=%s').trim();

  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  const web = await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');

  await t.test('the seed becomes the expected intended config, committed and pushed', async () => {
    await commit();
    assert.equal(intended(), golden);
    assert.equal(subject(), 'edge1: 2 changes (1 tenant added, 1 floating IP added)');
    assert.equal(git(remoteDir, 'rev-parse', 'main'), git(repo, 'rev-parse', 'HEAD'));
  });

  await t.test('nothing changed: no commit', async () => {
    const before = git(repo, 'rev-parse', 'HEAD');
    const result = await commit();
    assert.match(result.stdout, /nothing changed: no commit/);
    assert.equal(git(repo, 'rev-parse', 'HEAD'), before);
  });

  await t.test('a container without the label is not ours: no commit when it starts', async () => {
    const before = git(repo, 'rev-parse', 'HEAD');
    const plain = await engine.docker('run', '-d', '--net=mytenant', '--ip=192.168.1.77', engine.image, 'sleep', '600');
    const result = await commit();
    assert.match(result.stdout, /nothing changed: no commit/);
    assert.equal(git(repo, 'rev-parse', 'HEAD'), before);
    await engine.docker('rm', '-f', plain);
  });

  await t.test('a hostile label is rejected and reported while the other containers still render', async () => {
    await engine.docker('run', '-d', '--name', 'evil', '--net=mytenant', '--ip=192.168.1.66', '-l', 'global_ip=10.0.1.2 vrf other', engine.image, 'sleep', '600');
    await engine.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
    const result = await commit();
    assert.match(result.stderr, /rejected container "evil" \(router edge1\): label global_ip="10\.0\.1\.2 vrf other" is not a plain dotted-quad IPv4 address/);
    assert.match(intended(), /^ip nat inside source static 192\.168\.1\.2 10\.0\.1\.2 vrf mytenant$/m);
    assert.doesNotMatch(intended(), /192\.168\.1\.66|vrf other/);
    const body = git(repo, 'log', '-1', '--format=%B');
    assert.match(body, /add floating IP 10\.0\.1\.2 → 192\.168\.1\.2 \(mytenant\/api\)/);
    assert.match(body, /reject container evil: label global_ip=/);
    const recorded = JSON.parse(readFileSync(join(repo, 'routers/edge1/state.json'), 'utf8'));
    assert.equal(recorded.rejections.find((r: { object: string }) => r.object === 'evil').kind, 'container');
    await engine.docker('rm', '-f', 'evil', 'api');
  });

  await t.test('stopping the container removes its static NAT in the next render', async () => {
    await engine.docker('stop', '-t', '0', web);
    await commit();
    assert.doesNotMatch(intended(), /ip nat inside source static/);
    assert.match(intended(), /^vrf definition mytenant$/m, 'the tenant stays');
    assert.match(git(repo, 'log', '-1', '--format=%B'), /remove floating IP 10\.0\.1\.1 → 192\.168\.1\.1 \(mytenant\/web\)/);
  });

  await t.test('removing the network removes the tenant', async () => {
    await engine.docker('rm', '-f', web);
    await engine.docker('network', 'rm', 'mytenant');
    await commit();
    assert.equal(intended(), 'end\n');
    assert.match(subject(), /edge1: remove tenant mytenant/);
  });
});
