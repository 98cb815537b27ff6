// A real dockerd restart under translator watch: an engine of this test's own (so no other test
// file sees it go), stopped with SIGTERM like `systemctl restart docker` and started again with
// the same command line. Containers do not survive it (no live-restore), so the router's intent
// must lose their NATs; watch must log the break, retry, reconnect, resync and follow new events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { missingPrerequisites, startDockerd, startEngine, stopDockerd, TEST_IMAGE } from '../helpers/docker-engine.js';
import { git, initRepo, tempDir } from '../helpers/git.js';
import { eventually, ready, startWatch } from '../unit/watch/harness.js';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const exec = promisify(execFile);

test('watch survives a dockerd restart', async (t) => {
  const missing = missingPrerequisites();
  if (missing) {
    if (process.env.CI) throw new Error(`private Docker engine unavailable: ${missing}`);
    t.skip(`private Docker engine unavailable: ${missing}`);
    return;
  }
  const engine = await startEngine();
  t.after(() => engine.stop());
  const tmp = tempDir('watch-restart');
  t.after(tmp.remove);
  const env = { ...process.env, DOCKER_HOST: engine.host, DOCKER_CONFIG: join(engine.dir, 'cli') };
  const docker = async (...args: string[]) => (await exec('docker', args, { env })).stdout.trim();
  const netns = (...args: string[]) => exec('nsenter', [`--net=/run/netns/${engine.netns}`, ...args]);
  await netns('ip', 'link', 'add', 'eth1.10', 'type', 'veth', 'peer', 'name', 'trprestart10');
  await netns('ip', 'link', 'set', 'eth1.10', 'up');
  await docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  await docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', TEST_IMAGE, 'sleep', '600');

  const repo = initRepo(join(tmp.dir, 'repo'));
  const watch = await startWatch({ repo, dockerHost: engine.host });
  t.after(() => watch.stop());
  const head = () => {
    try {
      return git(repo, 'show', 'HEAD:routers/edge1/intended.cfg');
    } catch {
      return ''; // nothing committed yet
    }
  };
  await eventually('the container committed', () => /static 192\.168\.1\.1 10\.0\.1\.1/.test(head()));

  // Restart: SIGTERM and wait until gone, then the same command line in the same netns.
  const logsBefore = watch.logs.length;
  await stopDockerd(engine);
  await eventually('the break logged', () => watch.logs.slice(logsBefore).some((l) => l.msg === 'Docker event stream down; retrying'));
  assert.equal(await ready(watch.url), false, 'not ready while Docker is down');
  await eventually('retried at least twice while down', () => watch.logs.slice(logsBefore).filter((l) => l.msg === 'Docker event stream down; retrying').length >= 2);

  await startDockerd(engine); // resolves once it answers

  await t.test('after the restart: reconnected, resynced (the container did not survive), ready', async () => {
    await eventually('the re-open logged', () => watch.logs.slice(logsBefore).some((l) => l.msg === 'Docker event stream re-opened'));
    await eventually('the dead container removed from the intent', () => !/10\.0\.1\.1/.test(head()));
    assert.match(head(), /^vrf definition mytenant$/m, 'the network survives');
    await eventually('ready again', () => ready(watch.url));
  });

  await t.test('events flow again after the restart', async () => {
    await docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', TEST_IMAGE, 'sleep', '600');
    await eventually('the new container committed', () => /static 192\.168\.1\.2 10\.0\.1\.2/.test(head()));
  });
});
