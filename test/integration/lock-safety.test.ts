// Lock directory safety through the real CLI (issue 10, item 6): a directory another user made, or
// one anyone may write to, is refused with a clear message and nothing is sent; a planted link is
// never followed (the file it points to stays as it was); another host's stale lock is shown by
// `status` and removed only by `translator unlock`, on the record.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, mkdirSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { assertNoOwnedConfig, deployWorld, SEED_INTENDED, SEED_LINES } from './deploy-helpers.js';

const NOBODY = 65534;
const PLANTED = JSON.stringify({ pid: 4242, host: 'other-host', started: '2026-01-01T00:00:00Z', purpose: 'deploy edge1 planted' });

function needsRoot(t: { skip: (why: string) => void }): boolean {
  if (process.getuid?.() === 0) return true;
  const why = 'making a directory owned by another user needs root';
  if (process.env.CI) assert.fail(`${why} (CI runs the suite as root)`);
  t.skip(why);
  return false;
}

test('a lock directory made by another user, or writable by anyone, is refused: nothing sent, no file written through it', async (t) => {
  if (!needsRoot(t)) return;
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  const locks = join(w.dir, 'locks');
  const victim = join(w.dir, 'victim.txt');
  writeFileSync(victim, 'precious\n');
  // Another user pre-creates the default-looking directory, plants a lock naming another host and links to a victim file.
  mkdirSync(locks, { mode: 0o777 });
  chmodSync(locks, 0o777);
  writeFileSync(join(locks, 'edge1.lock.1'), PLANTED);
  symlinkSync(victim, join(locks, 'edge1.lock.2'));
  chownSync(locks, NOBODY, NOBODY);

  const theirs = await w.cli('deploy', '--yes');
  assert.equal(theirs.code, 1);
  assert.match(theirs.stderr, /edge1: refused: lock directory .*locks belongs to uid 65534, not to this user \(uid 0\): anyone owning it can plant or remove locks; remove it, or set deploy\.lockDir to a directory of your own \(mode 0700\)\. Nothing was sent to the router/);

  chownSync(locks, 0, 0);
  const open = await w.cli('deploy', '--yes');
  assert.equal(open.code, 1);
  assert.match(open.stderr, /lock directory .*locks is writable by everyone \(mode 777\): others could plant locks or links there; `chmod 700 /);

  assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'the linked file is untouched');
  assertNoOwnedConfig(await w.running());
  assert.deepEqual(w.lastRecord().result, 'refused');
});

test('a link planted in the lock directory is never followed; another host\'s stale lock: shown by status, removed by unlock', async (t) => {
  const w = await deployWorld(t);
  w.commitIntended(SEED_INTENDED);
  const locks = join(w.dir, 'locks');
  const victim = join(w.dir, 'victim.txt');
  writeFileSync(victim, PLANTED);
  mkdirSync(locks, { mode: 0o700 });
  symlinkSync(victim, join(locks, 'edge1.lock.1'));
  const linked = await w.cli('deploy', '--yes');
  assert.equal(linked.code, 1);
  assert.match(linked.stderr, /edge1\.lock\.1 is a symbolic link, not a lock translator wrote: remove it/);
  assert.equal(readFileSync(victim, 'utf8'), PLANTED, 'the linked file is untouched');

  // Replace the link by a lock of another host, as a crashed run there would leave it.
  unlinkSync(join(locks, 'edge1.lock.1'));
  writeFileSync(join(locks, 'edge1.lock.1'), PLANTED);
  const blocked = await w.cli('deploy', '--yes');
  assert.equal(blocked.code, 1);
  assert.match(blocked.stderr, /holds the deploy lock \(pid 4242 on other-host, .*deploy edge1 planted\).*`translator unlock --router edge1` removes it \(recorded\)/);

  const status = await w.cli('status', '--offline');
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /lock: +pid 4242 on other-host since 2026-01-01T00:00:00Z \(deploy edge1 planted\): another host: translator cannot tell whether it still runs/);

  const unlocked = await w.cli('unlock', '--router', 'edge1');
  assert.equal(unlocked.code, 0, unlocked.stderr);
  assert.match(unlocked.stdout, /edge1: removed the lock .*edge1\.lock\.1: pid 4242 on other-host/);
  assert.match(w.recordFile('routers/edge1/unlocks.log')!, /the lock .*edge1\.lock\.1: pid 4242 on other-host/);

  const nothing = await w.cli('unlock', '--router', 'edge1');
  assert.match(nothing.stdout, /edge1: no lock or lease to remove/);
  const deployed = await w.cli('deploy', '--yes');
  assert.equal(deployed.code, 0, deployed.stderr);
  for (const line of SEED_LINES) assert.match(await w.running(), line);
});
