// translator watch against a real private dockerd and a real repository: events become commits,
// bursts become few commits, a Docker engine that goes away and comes back is followed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { privateEngine } from '../helpers/docker-engine.js';
import { git, initRepo, tempDir } from '../helpers/git.js';
import { eventually, ready, startWatch } from '../unit/watch/harness.js';

const golden = readFileSync(new URL('../fixtures/render/seed.cfg', import.meta.url), 'utf8');

test('watch follows a real Docker engine into Git', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const tmp = tempDir('watch');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const intended = () => readFileSync(join(repo, 'routers/edge1/intended.cfg'), 'utf8');
  const subject = () => git(repo, 'log', '-1', '--format=%s').trim();
  await engine.addParent('eth1.10');

  // A socket in front of the engine's, which the test can take away and bring back.
  const proxy = await startSocketProxy(join(tmp.dir, 'docker.sock'), engine.host.slice('unix://'.length));
  t.after(() => proxy.close());
  const watch = await startWatch({ repo, dockerHost: `unix://${proxy.path}`, tune: (s) => {
    // Quiet period above any gap between two starts of the burst, so only the ceiling cuts it.
    s.watch.quietMs = 2000;
    s.watch.maxDelayMs = 5000;
  } });
  t.after(() => watch.stop());

  await t.test('at start: a full read, render and commit; then ready', async () => {
    await eventually('first commit and /readyz 200', async () => watch.commits() === 1 && (await ready(watch.url)));
    assert.equal(intended(), 'end\n');
  });

  await t.test("the seed's commands become a commit of the seed's config", async () => {
    await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
    await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');
    await eventually('the floating IP committed', () => /static 192\.168\.1\.1 10\.0\.1\.1/.test(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg')));
    assert.equal(intended(), golden);
    assert.match(git(repo, 'log', '-3', '--format=%s'), /1 tenant added|add tenant mytenant/);
  });

  await t.test('a burst of 100 container starts makes a handful of commits', async (t) => {
    const names = Array.from({ length: 100 }, (_, i) => `burst${i}`);
    // Created first (not a watched event), then started 10 commands at a time: 100 start + 100 connect events in a burst.
    for (let i = 0; i < names.length; i += 20) {
      await Promise.all(names.slice(i, i + 20).map((name, j) =>
        engine.docker('create', '--name', name, '--net=mytenant', `--ip=192.168.1.${10 + i + j}`, '-l', `global_ip=10.0.2.${10 + i + j}`, engine.image, 'sleep', '600')));
    }
    const before = watch.commits();
    const started = Date.now();
    await Promise.all(Array.from({ length: 10 }, (_, k) => engine.docker('start', ...names.slice(k * 10, k * 10 + 10))));
    const burstMs = Date.now() - started;
    await eventually('all 100 floating IPs committed', () => (intended().match(/^ip nat inside source static 192\.168\.1\.\d+ 10\.0\.2\./gm) ?? []).length === 100);
    const commits = watch.commits() - before;
    // The ceiling (5 s) bounds the commits by the burst's length: one per ceiling, plus the first
    // event's (leading edge) and the last.
    const bound = Math.ceil(burstMs / 5000) + 3;
    t.diagnostic(`${commits} commits for 100 starts over ${burstMs} ms`);
    assert.ok(commits >= 1 && commits <= bound, `${commits} commits for a ${burstMs} ms burst (bound ${bound})`);
    const metrics = await (await fetch(`${watch.url}/metrics`)).text();
    const starts = Number(/^translator_docker_events_total\{type="container",action="start"\} (\d+)$/m.exec(metrics)?.[1]);
    assert.ok(starts >= 101, `container start events counted: ${starts}`);
    assert.match(metrics, /^translator_commits_total \d+$/m);
    await engine.docker('rm', '-f', ...names);
    await eventually('the burst removed again', () => !/10\.0\.2\./.test(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg')));
  });

  await t.test('Docker goes away (socket gone) and comes back: logged, retried, resynced with what changed meanwhile', async () => {
    const logsBefore = watch.logs.length;
    await proxy.down();
    await eventually('the break logged', () => watch.logs.slice(logsBefore).some((l) => l.msg === 'Docker event stream down; retrying'));
    await eventually('/readyz says not ready', async () => !(await ready(watch.url)));
    // Changes made while translator cannot see Docker: only a full re-read finds them.
    await engine.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
    await engine.docker('rm', '-f', 'web');
    await new Promise((resolve) => setTimeout(resolve, 1500)); // let a few reconnect attempts fail
    const failures = watch.logs.slice(logsBefore).filter((l) => l.msg === 'Docker event stream down; retrying').length;
    assert.ok(failures >= 2, `retried ${failures} times while down`);
    await proxy.up();
    await eventually('the changes made while down committed', () => {
      const cfg = git(repo, 'show', 'HEAD:routers/edge1/intended.cfg');
      return /static 192\.168\.1\.2 10\.0\.1\.2/.test(cfg) && !/10\.0\.1\.1/.test(cfg);
    });
    // A read retry may find the changes before the event stream's own retry re-opens it.
    await eventually('the event stream re-opened', () => watch.logs.some((l) => l.msg === 'Docker event stream re-opened'));
    await eventually('ready again', () => ready(watch.url));
    // And events flow again after the reconnection.
    await engine.addParent('eth1.20');
    await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.2.0/24', '--gateway=192.168.2.254', '-o', 'parent=eth1.20', 'second');
    await eventually('the new tenant committed', () => /vrf definition second/.test(git(repo, 'show', 'HEAD:routers/edge1/intended.cfg')));
    assert.match(subject(), /second/);
  });

  await t.test('stop: clean, and nothing runs afterwards', async () => {
    await watch.stop();
    const head = git(repo, 'rev-parse', 'HEAD');
    await engine.docker('rm', '-f', 'api');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(git(repo, 'rev-parse', 'HEAD'), head);
    assert.equal(watch.logs.at(-1)?.msg, 'stopped');
  });
});

/** A unix socket forwarding to `target`; down() closes it and every connection through it, up() reopens it. */
async function startSocketProxy(path: string, target: string) {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const up = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(target);
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('close', () => sockets.delete(s));
          s.on('error', () => s.destroy());
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(path, resolve);
    });
  const down = () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      if (!server) return resolve();
      server.close(() => resolve()); // also removes the socket file
      server = null;
    });
  await up();
  return { path, up, down, close: down };
}
