// Container churn on the private dockerd (issue 10, item 7): `translator watch` printed non-JSON
// `MaxListenersExceededWarning` lines. The cause: one AbortSignal shared by every request of a
// Docker read, which gets an abort listener per request and per response of the inspects running
// side by side. Checked here twice: no signal of a read ever carries more than one request's
// listeners (deterministic), and `translator watch` under churn writes nothing but JSON lines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DockerEngineSource } from '../../src/observe/docker.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { privateEngine, type PrivateEngine } from '../helpers/docker-engine.js';
import { git, initRepo, tempDir } from '../helpers/git.js';

/** Starts `count` containers at once (most share a creation second, so a read inspects them); returns their names. */
async function startMany(engine: PrivateEngine, prefix: string, count: number): Promise<string[]> {
  const names = Array.from({ length: count }, (_, i) => `${prefix}${i}`);
  await Promise.all(names.map((name, i) =>
    engine.docker('run', '-d', '--name', name, '--net=mytenant', `--ip=192.168.1.${10 + i}`, '-l', `global_ip=10.0.2.${10 + i}`, engine.image, 'sleep', '600')));
  return names;
}

/** Counts the abort listeners each AbortSignal holds at once; returns the highest count seen and an undo. */
function countAbortListeners(): { max: () => number; restore: () => void } {
  const live = new WeakMap<AbortSignal, number>();
  let max = 0;
  const { addEventListener, removeEventListener } = EventTarget.prototype;
  const counted = (target: EventTarget, type: string, delta: number) => {
    if (!(target instanceof AbortSignal) || type !== 'abort') return;
    const n = (live.get(target) ?? 0) + delta;
    live.set(target, n);
    max = Math.max(max, n);
  };
  EventTarget.prototype.addEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    counted(this, type, 1);
    return (addEventListener as (...args: unknown[]) => void).call(this, type, ...rest);
  };
  EventTarget.prototype.removeEventListener = function (this: EventTarget, type: string, ...rest: unknown[]) {
    counted(this, type, -1);
    return (removeEventListener as (...args: unknown[]) => void).call(this, type, ...rest);
  };
  return { max: () => max, restore: () => Object.assign(EventTarget.prototype, { addEventListener, removeEventListener }) };
}

test('container churn: no listener pile-up on a Docker read, and `translator watch` prints only JSON', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');

  await t.test('a read that inspects many containers side by side: each signal holds one request\'s listeners', async () => {
    const names = await startMany(engine, 'same', 20);
    const counter = countAbortListeners();
    try {
      const state = await new DockerEngineSource(engine.host).read();
      assert.equal(state.containers.length, 20);
    } finally {
      counter.restore();
    }
    // A request's own listener and its response's: two at most, whatever the number of inspects.
    assert.ok(counter.max() > 0, 'the reads were watched');
    assert.ok(counter.max() <= 2, `an AbortSignal held ${counter.max()} abort listeners at once`);
    await engine.docker('rm', '-f', ...names);
  });

  await t.test('translator watch under churn writes nothing but JSON lines', async (st) => {
    const tmp = tempDir('watch-churn');
    t.after(tmp.remove);
    const repo = initRepo(join(tmp.dir, 'repo'));
    const watch = spawn(
      process.execPath,
      ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'watch', '--repo', repo, '--docker-host', engine.host, '--http-port', '0', '--log-format', 'json'],
      { env: { PATH: process.env.PATH, HOME: process.env.HOME, INSIDE_INTERFACE: 'Gi2', OUTSIDE_INTERFACE: 'Gi1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    watch.stdout.on('data', (d: Buffer) => (stdout += d));
    watch.stderr.on('data', (d: Buffer) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => watch.on('exit', resolve));
    st.after(() => watch.kill('SIGKILL')); // a failed assertion must not leave it running (the file would never end)
    const commits = () => Number(git(repo, 'rev-list', '--count', '--all').trim() || 0);
    for (let i = 0; i < 600 && commits() === 0; i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(commits() > 0, `watch committed at start:\n${stderr}`);

    for (let round = 0; round < 3; round++) {
      const names = await startMany(engine, `churn${round}-`, 20);
      await engine.docker('rm', '-f', ...names);
    }
    const before = commits();
    await startMany(engine, 'last', 3);
    // Exactly the last three (10.0.2.10–12): a commit still holding a churn round has more.
    const globals = () => [...git(repo, 'show', 'HEAD:routers/edge1/intended.cfg').matchAll(/10\.0\.2\.\d+/g)].map(([ip]) => ip);
    const followed = () => [...new Set(globals())].sort().join(' ') === '10.0.2.10 10.0.2.11 10.0.2.12';
    for (let i = 0; i < 600 && !followed(); i++) await new Promise((r) => setTimeout(r, 100));
    assert.ok(followed(), `the churn was followed: ${[...new Set(globals())].join(' ')}`);
    assert.ok(commits() > before, 'the last containers were committed');
    watch.kill('SIGTERM');
    const stopped = await Promise.race([exited, new Promise<'hung'>((resolve) => setTimeout(resolve, 30_000, 'hung').unref())]);
    assert.equal(stopped, 0, `watch stopped on SIGTERM (within 30 s): ${stderr}`);
    assert.equal(stderr, '', 'nothing on stderr (no warning)');
    for (const line of stdout.split('\n').filter(Boolean)) assert.doesNotThrow(() => JSON.parse(line), `not a JSON line: ${line}`);
    assert.doesNotMatch(stdout, /MaxListenersExceededWarning/);
  });
});
