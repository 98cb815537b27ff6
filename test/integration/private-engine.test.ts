// The private Docker engine's restart (test/helpers/docker-engine.ts): the remedy a file's reset
// falls back on when dockerd keeps a stale endpoint. It must bring the same engine back: image,
// containers, macvlan parents and networks kept, so the files after it run as if nothing happened;
// and an engine a file left stopped is started again by the next hand-over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateEngine, restartDockerd, stopDockerd } from '../helpers/docker-engine.js';

test('the private engine restarted on its data-root keeps its image, containers, parents and networks', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  // Created, not started: a running `sleep` ignores SIGTERM and would hold dockerd's stop for 10 s.
  await engine.docker('create', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', engine.image, 'sleep', '600');
  const daemonId = await engine.docker('info', '--format', '{{.ID}}');

  await restartDockerd(engine);

  assert.equal(await engine.docker('info', '--format', '{{.ID}}'), daemonId, 'the same engine (its data-root) answers');
  assert.equal(await engine.docker('network', 'ls', '--filter', 'name=^mytenant$', '--format', '{{.Driver}}'), 'macvlan');
  assert.equal(await engine.docker('ps', '-a', '--filter', 'name=^web$', '--format', '{{.Status}}'), 'Created', 'the container kept');
  assert.match(await engine.inNetns('ip', 'link', 'show', 'eth1.10'), /eth1\.10/, 'the parent lives in the netns, not in dockerd');
  await engine.docker('rm', '-f', 'web');
  assert.equal(await engine.docker('run', '--rm', '--net=mytenant', '--ip=192.168.1.2', engine.image, 'true'), '', 'the image runs on the network again');

  // Left stopped, as by a file that died while restarting it: the next hand-over starts it again.
  await stopDockerd(engine);
});

test('an engine found stopped is started again when handed over, with its image', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  assert.equal(await engine.docker('info', '--format', '{{.ContainersRunning}}'), '0');
  assert.equal(await engine.docker('run', '--rm', '--net=none', engine.image, 'true'), '');
});
