// The seed's scenario from Docker to the router, all real parts: a private dockerd, the real CLI
// committing into a repository with a bare remote, translator deploy to the lab router, and the
// router read back through a second SSH session. Then a search for the password everywhere.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateEngine } from '../helpers/docker-engine.js';
import { git } from '../helpers/git.js';
import { assertLookalikesUntouched, deployWorld, ENABLE, PASSWORD, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

const STATIC = /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m;

/** Process titles (argv) of every process on this machine that mention `secret`. */
function titlesWith(secret: string): string[] {
  const found: string[] = [];
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const title = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      if (title.includes(secret)) found.push(`${pid}: ${title}`);
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

test("the seed's scenario from a private dockerd to the lab router, and no secret anywhere", async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const w = await deployWorld(t);
  w.env.DOCKER_HOST = engine.host;
  // Both router secrets from files, as in production.
  writeFileSync(join(w.dir, 'secrets', 'enable'), ENABLE, { mode: 0o600 });
  delete w.env.IOS_ENABLE_PASS;
  w.env.IOS_ENABLE_PASS_FILE = join(w.dir, 'secrets', 'enable');

  const commit = async () => {
    const result = await w.cli('commit', '--push');
    assert.equal(result.code, 0, result.stderr);
  };
  const deploy = async () => {
    const titles: string[] = [];
    let sawDeploy = false;
    const watching = setInterval(() => {
      titles.push(...titlesWith(PASSWORD), ...titlesWith(ENABLE));
      sawDeploy ||= titlesWith('deploy --yes').length > 0;
    }, 20);
    const result = await w.cli('deploy', '--yes');
    clearInterval(watching);
    assert.ok(sawDeploy, 'the watch saw the deploy process (so it was looking at the right titles)');
    assert.deepEqual(titles, [], 'no process title carries a secret');
    assert.equal(result.code, 0, result.stderr);
    return w.lastRecord();
  };

  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  const web = await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');

  await t.test('commit, deploy: the router holds the tenant and the floating IP', async () => {
    await commit();
    assert.equal(readFileSync(join(w.repo, 'routers/edge1/intended.cfg'), 'utf8'), SEED_INTENDED);
    const record = await deploy();
    assert.equal(record.result, 'success');
    assert.equal(record.commit, git(w.repo, 'rev-parse', 'HEAD').trim());
    const running = await w.running();
    for (const line of SEED_LINES) assert.match(running, line);
    assertLookalikesUntouched(running);
  });

  await t.test('a second deploy sends nothing', async () => {
    const before = w.lab.runningConfig();
    const record = await deploy();
    assert.equal(record.result, 'unchanged');
    assert.deepEqual(record.commands, []);
    assert.equal(w.lab.runningConfig(), before);
  });

  await t.test('stopping the container removes exactly its static NAT', async () => {
    const before = await w.running();
    await engine.docker('stop', '-t', '0', web);
    await commit();
    const record = await deploy();
    assert.deepEqual(record.commands, ['no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant']);
    const after = await w.running();
    assert.doesNotMatch(after, STATIC);
    const withoutStatic = (text: string) => text.split('\n').filter((l) => !STATIC.test(l) && !/^(! |Current configuration)/.test(l));
    assert.deepEqual(withoutStatic(after), withoutStatic(before), 'nothing else changed');
    assertLookalikesUntouched(after);
  });

  await t.test('removing the network removes the tenant', async () => {
    await engine.docker('rm', '-f', web);
    await engine.docker('network', 'rm', 'mytenant');
    await commit();
    const record = await deploy();
    assert.equal(record.result, 'success');
    const running = await w.running();
    assert.doesNotMatch(running, /mytenant|TRANSLATOR-|GigabitEthernet2\.10/);
    assertLookalikesUntouched(running);
  });

  await t.test('the password is nowhere: Git (all refs, all objects, both repositories), output, plans, records, errors', async () => {
    // An error message too: a failed login must not echo what was tried.
    w.env.IOS_USER = 'nobody';
    const failed = await w.cli('deploy', '--yes');
    w.env.IOS_USER = 'admin';
    assert.equal(failed.code, 1);
    w.outputs.push((await w.cli('plan', '--format', 'json')).stdout, (await w.cli('status')).stdout);
    const history = git(w.repo, 'log', '--all', '-p', '--format=%H %an %ae%n%B');
    assert.match(history, /edge1: deploy [0-9a-f]{12} success/, 'the records branch is part of the search');
    const everything = [
      ...w.outputs,
      history,
      git(w.remote, 'log', '--all', '-p', '--format=%H %an %ae%n%B'),
      git(w.repo, 'cat-file', '--batch-all-objects', '--batch'),
      readFileSync(join(w.repo, 'translator.yaml'), 'utf8'),
    ];
    for (const text of everything) {
      assert.ok(!text.includes(PASSWORD), 'no password');
      assert.ok(!text.includes(ENABLE), 'no enable secret');
    }
  });
});
