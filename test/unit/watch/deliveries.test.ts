import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lstatSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeliveryStore } from '../../../src/watch/deliveries.js';
import { tempDir } from '../../helpers/git.js';

const DAY = 24 * 3600 * 1000;

function clock(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

test('a delivery is taken once; within the window it is seen again, after it it is new', async (t) => {
  const tmp = tempDir('deliveries');
  t.after(tmp.remove);
  const time = clock();
  const { store } = await DeliveryStore.open(join(tmp.dir, 'd.json'), { windowMs: 7 * DAY, now: time.now });
  assert.equal(store.take('github:a'), 'new');
  const first = time.now();
  time.advance(7 * DAY - 1);
  assert.deepEqual(store.take('github:a'), { takenAt: first }, 'one millisecond before the window ends: still known');
  assert.equal(store.take('github:b'), 'new');
  time.advance(1);
  assert.equal(store.take('github:a'), 'new', 'once the window has passed, the delivery is forgotten');
  assert.notEqual(store.take('github:b'), 'new', 'a later delivery is still inside its own window');
});

test('bounded: at most `max` deliveries, the oldest forgotten first', async (t) => {
  const tmp = tempDir('deliveries');
  t.after(tmp.remove);
  const time = clock();
  const { store } = await DeliveryStore.open(join(tmp.dir, 'd.json'), { max: 3, now: time.now });
  for (const key of ['k1', 'k2', 'k3', 'k4']) {
    assert.equal(store.take(key), 'new');
    time.advance(1000);
  }
  assert.equal(store.size, 3);
  assert.notEqual(store.take('k4'), 'new');
  assert.notEqual(store.take('k2'), 'new');
  assert.equal(store.take('k1'), 'new', 'the oldest was dropped to make room');
  assert.equal(store.size, 3);
});

test('forget: a delivery whose deploy did not happen is taken again when it comes back', async (t) => {
  const tmp = tempDir('deliveries');
  t.after(tmp.remove);
  const { store } = await DeliveryStore.open(join(tmp.dir, 'd.json'));
  assert.equal(store.take('gitlab:x'), 'new');
  store.forget('gitlab:x');
  assert.equal(store.take('gitlab:x'), 'new');
});

test('persistence: a restarted store knows what the previous one took, within the window and the bound', async (t) => {
  const tmp = tempDir('deliveries');
  t.after(tmp.remove);
  const file = join(tmp.dir, 'git', 'translator', 'webhook-deliveries.json');
  const time = clock();
  const first = await DeliveryStore.open(file, { windowMs: 2 * DAY, now: time.now });
  assert.deepEqual(first.load, { kept: 0, problem: null }, 'no file yet: empty, no problem');
  first.store.take('github:old');
  time.advance(DAY);
  first.store.take('github:recent');
  await Promise.all([first.store.flush(), first.store.flush()]);
  assert.equal(statSync(file).mode & 0o777, 0o600, 'the file is private');
  assert.equal(statSync(join(tmp.dir, 'git', 'translator')).mode & 0o777, 0o700);

  time.advance(DAY); // github:old is now two days old: outside the window after the restart
  const second = await DeliveryStore.open(file, { windowMs: 2 * DAY, now: time.now });
  assert.equal(second.load.kept, 1);
  assert.notEqual(second.store.take('github:recent'), 'new', 'known across the restart');
  assert.equal(second.store.take('github:old'), 'new', 'expired while the daemon was down');

  const bounded = await DeliveryStore.open(file, { windowMs: 2 * DAY, max: 1, now: time.now });
  assert.equal(bounded.load.kept, 1, 'a smaller bound applies to what is read too');
});

test('a damaged file or a planted link starts empty with a reason; the next write replaces it, never writing through the link', async (t) => {
  const tmp = tempDir('deliveries');
  t.after(tmp.remove);
  const file = join(tmp.dir, 'd.json');
  writeFileSync(file, '{not json');
  const damaged = await DeliveryStore.open(file);
  assert.match(damaged.load.problem ?? '', /not valid JSON/);
  damaged.store.take('github:a');
  await damaged.store.flush();
  assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')).deliveries.map((e: [string, number]) => e[0]), ['github:a']);

  const victim = join(tmp.dir, 'victim');
  writeFileSync(victim, 'precious\n');
  const linked = join(tmp.dir, 'linked.json');
  symlinkSync(victim, linked);
  const viaLink = await DeliveryStore.open(linked);
  assert.match(viaLink.load.problem ?? '', /symbolic link/);
  viaLink.store.take('github:b');
  await viaLink.store.flush();
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n', 'the link target is untouched');
  assert.ok(lstatSync(linked).isFile(), 'the link itself was replaced by the store file');

  writeFileSync(file, JSON.stringify({ version: 1, deliveries: [['github:ok', Date.now()], ['bad'], 7] }));
  const partly = await DeliveryStore.open(file);
  assert.equal(partly.load.kept, 1);
  assert.match(partly.load.problem ?? '', /2 entries that are not \[key, time\] were dropped/);
});
