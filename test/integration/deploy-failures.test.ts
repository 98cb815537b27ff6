// Every failure of the deploy contract against the lab router, through the real CLI: each ends
// with the router in the old (or new) state, a message saying what happened and what to do,
// and a record in Git.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { connectDevice } from '../../src/device/index.js';
import { acquireLock } from '../../src/deploy/lock.js';
import { Secret } from '../../src/settings/secret.js';
import {
  assertLookalikesUntouched,
  assertNoOwnedConfig,
  deployWorld,
  ENABLE,
  PASSWORD,
  SEED_INTENDED,
  SEED_LINES,
  type DeployWorld,
} from './deploy-helpers.js';

const STATIC_LINE = /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m;
const WITHOUT_STATIC = SEED_INTENDED.replace(/^ip nat inside source static .*\n/m, '');

async function assertOldState(w: DeployWorld): Promise<void> {
  const running = await w.running();
  assertNoOwnedConfig(running);
  assertLookalikesUntouched(running);
}

function assertNoSecrets(w: DeployWorld): void {
  for (const text of w.outputs) {
    assert.ok(!text.includes(PASSWORD), 'the password never appears in output');
    assert.ok(!text.includes(ENABLE), 'the enable secret never appears in output');
  }
}

test('a rejected line stops the push, reverts, and names the line and the device message', async (t) => {
  const w = await deployWorld(t, { faults: { reject: [{ pattern: '^ip nat inside source static', message: '% similar static entry (192.168.1.9 -> 10.0.1.1) already exists' }] } });
  w.commitIntended(SEED_INTENDED);
  const result = await w.cli('deploy', '--yes');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /rejected line \d+ "ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant": % similar static entry \(192\.168\.1\.9 -> 10\.0\.1\.1\) already exists/);
  assert.match(result.stderr, /configure revert now.*back in its old state/s);
  await assertOldState(w);
  const record = w.lastRecord();
  assert.equal(record.result, 'reverted');
  assert.equal(record.state, 'old');
  assert.equal(record.failedLines[0].line.trim(), 'ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant');
  assert.deepEqual(record.failedLines[0].messages, ['% similar static entry (192.168.1.9 -> 10.0.1.1) already exists']);
  assert.equal(w.recordFile('routers/edge1/live.json'), null, 'a reverted deploy is not live');
  assertNoSecrets(w);
});

test('a session dropped in the middle of the push: reconnect, revert, report', async (t) => {
  const w = await deployWorld(t, { faults: { dropAfterConfigLines: 6 } });
  w.commitIntended(SEED_INTENDED);
  const result = await w.cli('deploy', '--yes');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /session lost|closed/i);
  assert.match(result.stderr, /reconnected; the revert timer was still pending: sent `configure revert now`/);
  await assertOldState(w);
  assert.equal(w.lastRecord().result, 'reverted');
  assert.equal(w.lastRecord().state, 'old');
});

test('a session dropped after the push, before confirm: reconnect, revert, report', async (t) => {
  // The seed is 24 config lines; the 25th config-mode line is `end`.
  const w = await deployWorld(t, { faults: { dropAfterConfigLines: 24 } });
  w.commitIntended(SEED_INTENDED);
  const result = await w.cli('deploy', '--yes');
  assert.equal(result.code, 1, result.stderr);
  assert.match(result.stderr, /configure revert now/);
  await assertOldState(w);
  const record = w.lastRecord();
  assert.equal(record.result, 'reverted');
  assert.equal(record.commands.length, 24);
});

test('a difference found by verification (a line silently ignored) is reverted', async (t) => {
  const w = await deployWorld(t, { faults: { ignore: ['^ip nat inside source static'] } });
  w.commitIntended(SEED_INTENDED);
  const result = await w.cli('deploy', '--yes');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /verification failed: .*1 line\(s\): "ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant"/);
  await assertOldState(w);
  assert.equal(w.lastRecord().result, 'reverted');
});

test('an in-use NAT mapping: fail by default (old state), yes removes it, clear clears the table first', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  w.commitIntended(WITHOUT_STATIC, 'remove the floating IP');
  w.lab.markInUse('static', '10.0.1.1');

  const refused = await w.cli('deploy', '--yes');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /Static entry in use/);
  assert.match(refused.stderr, /--in-use=fail \(the default\)/);
  assert.match(await w.running(), STATIC_LINE, 'the mapping is still there: old state');
  const record = w.lastRecord();
  assert.equal(record.result, 'reverted');
  assert.match(record.failedLines[0].question.text, /Static entry in use/);
  assert.equal(record.failedLines[0].question.answer, 'decline');

  const yes = await w.cli('deploy', '--yes', '--in-use=yes');
  assert.equal(yes.code, 0, yes.stderr);
  const running = await w.running();
  assert.doesNotMatch(running, STATIC_LINE);
  assert.match(running, /^vrf definition mytenant$/m, 'only the mapping went');
  assertLookalikesUntouched(running);

  // clear: the whole tenant goes while its PAT mapping is in use.
  w.commitIntended('end\n', 'remove the tenant');
  w.lab.markInUse('dynamic', 'mytenant');
  const cleared = await w.cli('deploy', '--yes', '--in-use=clear');
  assert.equal(cleared.code, 0, cleared.stderr);
  assert.equal(w.lastRecord().commands[0], 'do clear ip nat translation forced');
  await assertOldState(w);
});

test('wrong password, wrong enable secret, changed or unknown host key, unreachable, timeout: exit 1 before any change', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  const before = await w.running();
  const wrongPass = join(w.dir, 'secrets', 'wrong');
  writeFileSync(wrongPass, 'not-the-password\n');
  const cases: { name: string; env: NodeJS.ProcessEnv; args?: string[]; expect: RegExp }[] = [
    { name: 'wrong password', env: { IOS_PASS_FILE: wrongPass }, expect: /login refused for user admin.*check the username and password/s },
    { name: 'wrong enable secret', env: { IOS_ENABLE_PASS: 'nope' }, expect: /enable secret refused.*% Bad secrets|enable secret refused/s },
    { name: 'changed host key', env: { IOS_HOST_KEY_FINGERPRINT: 'SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' }, expect: /HOST KEY MISMATCH/ },
    { name: 'unknown host key', env: { IOS_HOST_KEY_FINGERPRINT: '', IOS_KNOWN_HOSTS: join(w.dir, 'known_hosts') }, expect: /unknown host key .* is not in/ },
    { name: 'unreachable', env: { IOS_MGMT_PORT: '1' }, expect: /cannot connect to 127\.0\.0\.1:1/ },
  ];
  for (const c of cases) {
    await t.test(c.name, async () => {
      const result = await runWith(w, c.env, c.args);
      assert.equal(result.code, 1, result.stderr);
      assert.match(result.stderr, c.expect);
      assert.match(result.stderr, /Nothing was changed on the router/);
      assert.equal(await w.running(), before);
      const record = w.lastRecord();
      assert.equal(record.result, 'failed');
      assert.deepEqual(record.commands, []);
    });
  }
  await t.test('timeout', async () => {
    w.lab.setFaults({ loginDelayMs: 6000 });
    const result = await runWith(w, {});
    w.lab.setFaults({});
    assert.equal(result.code, 1);
    assert.match(result.stderr, /no SSH login within 4000 ms/);
    assert.equal(w.lastRecord().result, 'failed');
  });
  await t.test('--accept-new-host-key records an unknown key and deploys', async () => {
    const knownHosts = join(w.dir, 'known_hosts');
    const result = await runWith(w, { IOS_HOST_KEY_FINGERPRINT: '', IOS_KNOWN_HOSTS: knownHosts }, ['--accept-new-host-key']);
    assert.equal(result.code, 0, result.stderr);
    for (const line of SEED_LINES) assert.match(await w.running(), line);
  });
  assertNoSecrets(w);
});

async function runWith(w: DeployWorld, env: NodeJS.ProcessEnv, args: string[] = []) {
  const saved = { ...w.env };
  for (const [k, v] of Object.entries(env)) {
    if (v === '') delete w.env[k];
    else w.env[k] = v;
  }
  try {
    return await w.cli('deploy', '--yes', ...args);
  } finally {
    for (const k of Object.keys(w.env)) delete w.env[k];
    Object.assign(w.env, saved);
  }
}

test('a pending rollback-confirmed change on the router: refuse, send nothing', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  const other = await connectDevice({
    name: 'edge1', host: w.lab.host, port: w.lab.port, username: 'admin', password: new Secret(PASSWORD),
    enablePassword: new Secret(ENABLE), hostKey: { fingerprint: w.lab.hostKeyFingerprint },
  });
  t.after(() => other.close());
  await other.apply(['vrf definition pendingtest'], { revertTimerMinutes: 10 });
  const result = await w.cli('deploy', '--yes');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /rollback-confirmed change is pending on the router \(revert timer 10 min\)/);
  await assertOldState(w);
  assert.equal(w.lastRecord().result, 'refused');
  await other.revertNow();
});

test('no archive feature: refused unless allowed; allowed, a failure is undone by translator itself', async (t) => {
  const w = await deployWorld(t, { archive: false });
  w.commitIntended(SEED_INTENDED);
  const refused = await w.cli('deploy', '--yes');
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, /no archive feature.*--allow-no-archive/s);
  await assertOldState(w);
  assert.equal(w.lastRecord().result, 'refused');

  w.lab.setFaults({ reject: [{ pattern: '^route-map TRANSLATOR-EGRESS', message: '% Command rejected: test' }] });
  const failed = await w.cli('deploy', '--yes', '--allow-no-archive');
  w.lab.setFaults({});
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /sent \d+ line\(s\) planned from the router's current config back to the backup/);
  await assertOldState(w);
  const record = w.lastRecord();
  assert.equal(record.result, 'reverted');
  assert.equal(record.revertTimerMinutes, null);
  assert.ok(record.rollback.length > 0, 'the rollback commands were prepared');

  const ok = await w.cli('deploy', '--yes', '--allow-no-archive');
  assert.equal(ok.code, 0, ok.stderr);
  for (const line of SEED_LINES) assert.match(await w.running(), line);
});

test('the per-router lock: a live holder refuses the deploy; a dead holder\'s lock is broken', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  const lockDir = join(w.dir, 'locks');
  const held = acquireLock(lockDir, 'edge1', 'test holder');
  const busy = await w.cli('deploy', '--yes');
  held.release();
  assert.equal(busy.code, 1);
  assert.match(busy.stderr, new RegExp(`holds the deploy lock \\(pid ${process.pid} on `));
  await assertOldState(w);
  assert.equal(w.lastRecord().result, 'refused');

  // A lock left by a process that no longer exists.
  writeFileSync(join(lockDir, 'edge1.lock.7'), JSON.stringify({ pid: 2 ** 22 + 1, host: (await import('node:os')).hostname(), started: new Date().toISOString(), purpose: 'crashed' }));
  const ok = await w.cli('deploy', '--yes');
  assert.equal(ok.code, 0, ok.stderr);
  assert.equal(w.lastRecord().result, 'success');
});

test('the revert timer fires in the middle of the push: the rest is undone, the router ends in the old state', async (t) => {
  // One lab "minute" is 60 ms and each line takes the device 15 ms: `revert timer 1` fires while the
  // 24 lines are still arriving, so the later lines land outside the rollback-confirmed change.
  const w = await deployWorld(t, { minuteMs: 60, faults: { perLineMs: 15 } });
  w.commitIntended(SEED_INTENDED);
  const result = await w.cli('deploy', '--yes', '--revert-timer', '1');
  assert.equal(result.code, 1);
  assert.match(result.stderr, /no rollback was pending, yet \d+ owned line\(s\) differed from the backup \(the revert timer had fired before the end\); sent \d+ line\(s\) planned from the router's current config back to the backup/);
  await assertOldState(w);
  const record = w.lastRecord();
  assert.equal(record.result, 'reverted');
  assert.equal(record.revertTimerMinutes, 1);
});
