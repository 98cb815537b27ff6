// The private Docker engine's restart (test/helpers/docker-engine.ts): the remedy a file's reset
// falls back on when dockerd keeps a stale endpoint. It must bring the same engine back: image,
// containers, macvlan parents and networks kept, so the files after it run as if nothing happened;
// and the hand-over (resetEngine) starts again an engine a file left stopped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateEngine, resetEngine, restartDockerd, stopDockerd } from '../helpers/docker-engine.js';

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
});

test('the hand-over starts a dockerd it finds stopped (a file died while restarting it), and says so', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  await stopDockerd(engine);
  assert.equal(await resetEngine(engine), 'private dockerd was not running (it crashed, or a file stopped while restarting it): started again');
  assert.equal(await engine.docker('run', '--rm', '--net=none', engine.image, 'true'), '', 'the same engine, image and all');
  assert.equal(await resetEngine(engine), null, 'a running, clean engine: nothing to say');
});
