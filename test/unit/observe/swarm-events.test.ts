// What a Swarm's event streams carry (the recorded streams of a manager and a worker) and the
// periodic task listing that covers what the manager does not hear (src/observe/swarm-events.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import pino from 'pino';
import { pollTasks, runningTasks, SWARM_EVENTS } from '../../../src/observe/swarm-events.js';
import type { SourceEvent } from '../../../src/observe/source.js';
import type { TaskJson } from '../../../src/observe/swarm-json.js';
import { parseEvent, WATCHED_EVENTS } from '../../../src/observe/docker-events.js';
import { FakeClock } from '../watch/fake-clock.js';

const recorded = (name: string) => readFileSync(new URL(`../../fixtures/swarm/${name}`, import.meta.url), 'utf8').split('\n').filter(Boolean);
const tasks = (scenario: string) =>
  JSON.parse(readFileSync(new URL(`../../fixtures/swarm/${scenario}/tasks.json`, import.meta.url), 'utf8')) as TaskJson[];
const kinds = (lines: string[], table = SWARM_EVENTS) =>
  [...new Set(lines.map((line) => parseEvent(line, table)).filter((e) => e !== null).map((e) => `${e.type} ${e.action}`))].sort();

test('a manager tells of services, nodes and swarm networks; a task\'s containers only on their own node', () => {
  const manager = recorded('events-manager.jsonl');
  assert.deepEqual(kinds(manager).filter((kind) => !kind.startsWith('container')), [
    'network connect',
    'network create',
    'network remove',
    'network update',
    'node update',
    'service create',
    'service remove',
    'service update',
  ]);
  // The worker sw2 ran tasks: their container events are in its stream and in none of the manager's.
  const onWorker = (line: string) => (JSON.parse(line) as { Actor: { ID: string } }).Actor.ID;
  const workerContainers = new Set(recorded('events-worker-sw2.jsonl').filter((line) => parseEvent(line)?.type === 'container').map(onWorker));
  assert.ok(workerContainers.size > 0);
  assert.equal(manager.filter((line) => parseEvent(line)?.type === 'container' && workerContainers.has(onWorker(line))).length, 0);
  // The one-engine table ignores the swarm's own objects.
  assert.deepEqual(kinds(manager, WATCHED_EVENTS).filter((kind) => /^(service|node)/.test(kind)), []);
});

test('the running tasks compare as one text: what runs where, whatever the order', () => {
  const steady = tasks('steady');
  assert.equal(runningTasks([...steady].reverse()), runningTasks(steady));
  assert.notEqual(runningTasks(tasks('drain')), runningTasks(steady));
  assert.equal(runningTasks(steady.map((t) => ({ ...t, Status: { State: 'ready' } }))), '');
});

test('the periodic listing tells when the running tasks change, and nothing else', async () => {
  const clock = new FakeClock();
  const answers: (TaskJson[] | Error)[] = [tasks('steady'), tasks('steady'), new Error('manager away'), tasks('replacing'), tasks('replacing')];
  const events: SourceEvent[] = [];
  let listed = 0;
  const subscription = pollTasks(
    async () => {
      const answer = answers[Math.min(listed++, answers.length - 1)]!;
      if (answer instanceof Error) throw answer;
      return answer;
    },
    10_000,
    { onEvent: (event) => events.push(event), onConnected: () => assert.fail('no stream here'), onDisconnected: () => assert.fail('no stream here') },
    { clock, log: pino({ level: 'silent' }), retryInitialMs: 500, retryMaxMs: 30_000 },
  );
  await clock.advance(0);
  assert.deepEqual(events, [], 'the first listing is the baseline: the connection itself asked for a full read');
  await clock.advance(20_000);
  assert.deepEqual(events, [], 'unchanged, then a failed listing: nothing to say');
  await clock.advance(10_000);
  assert.deepEqual(events, [{ type: 'task', action: 'change', id: '', prelude: false, host: 'swarm' }]);
  await clock.advance(10_000);
  assert.equal(events.length, 1);
  assert.equal(listed, 5);
  subscription.stop();
  assert.equal(clock.pendingTimers, 0);
  await clock.advance(60_000);
  assert.equal(listed, 5);
});
