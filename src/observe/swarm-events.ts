/**
 * A Swarm's events, as the manager really emits them (recorded in test/fixtures/swarm/events-*.jsonl,
 * dockerd 20.10, API 1.41):
 *
 * - swarm scope, on every manager: `service create|update|remove` (a scale is an `update` with
 *   replicas.old/new; a rolling update sends `update` with updatestate.*), `node update` (with
 *   availability.* on drain/active, state.* when a node goes down or comes back), `network
 *   create|update|remove` for swarm-scoped networks (`remove`, where a local one says `destroy`);
 * - local scope only, on the node that runs them: a task's `container start|die|destroy` and
 *   `network connect|disconnect`. A manager hears nothing when a task starts on a worker, e.g. the
 *   successor of a task on a node that went down: so the tasks are also listed periodically.
 *
 * A manager that goes away is left for the next one in the settings (failover), with backoff.
 */
import { backoffDelay } from '../ops/backoff.js';
import { WATCHED_EVENTS, type EventTable } from './docker-events.js';
import { watchEngine, type SourceHandlers, type Subscription, type WatchContext } from './source.js';
import type { TaskJson } from './swarm-json.js';
import { loggedError } from '../ops/logger.js';

/** What a manager's stream follows: the swarm's objects, plus the manager's own containers as any engine's. */
export const SWARM_EVENTS: EventTable = {
  ...WATCHED_EVENTS,
  service: ['create', 'update', 'remove'],
  node: ['update', 'remove'],
  network: [...WATCHED_EVENTS.network, 'update', 'remove'],
};

/**
 * The event stream of the first manager that answers; when it breaks, the next manager's, and so
 * on round the list, waiting longer after each failure in a row. One manager: its stream retries
 * by itself (docker-events.ts), as for one engine.
 */
export function watchManagers(managers: readonly string[], handlers: SourceHandlers, context: WatchContext): Subscription {
  if (managers.length === 1) return watchEngine(managers[0]!, SWARM_EVENTS, handlers, context);
  let index = 0;
  let failures = 0;
  let stopped = false;
  let current: Subscription | null = null;
  let timer: unknown = null;
  const open = () => {
    if (stopped) return;
    let left = false;
    const stream: Subscription = watchEngine(
      managers[index]!,
      SWARM_EVENTS,
      {
        onEvent: (event) => handlers.onEvent(event),
        onConnected: () => {
          failures = 0;
          handlers.onConnected();
        },
        onDisconnected: (reason) => {
          handlers.onDisconnected(reason);
          if (left) return;
          left = true;
          // After the stream has armed its own retry, which stop() clears: the next manager takes over.
          queueMicrotask(() => stream.stop());
          failures += 1;
          index = (index + 1) % managers.length;
          context.log.warn({ next: managers[index], failures }, 'Swarm manager event stream lost; trying the next manager');
          timer = context.clock.setTimeout(() => {
            timer = null;
            open();
          }, backoffDelay(failures, context.retryInitialMs, context.retryMaxMs));
        },
      },
      context,
    );
    current = stream;
  };
  open();
  return {
    get connected() {
      return current?.connected ?? false;
    },
    get open() {
      return current?.open ?? [];
    },
    get down() {
      return current?.down ?? [`${managers[index]!}: not open yet`];
    },
    stop() {
      stopped = true;
      if (timer !== null) context.clock.clearTimeout(timer);
      current?.stop();
    },
  };
}

/**
 * Lists the tasks every `everyMs` and tells when the running ones changed (a task started or
 * stopped on a node whose events the manager does not hear). Listing failures say nothing: the
 * event stream reports an unreachable manager, and the next read finds out the rest.
 */
export function pollTasks(
  list: () => Promise<readonly TaskJson[]>,
  everyMs: number,
  handlers: SourceHandlers,
  context: WatchContext,
): Subscription {
  let last: string | null = null;
  let stopped = false;
  let timer: unknown = null;
  const tick = async () => {
    try {
      const now = runningTasks(await list());
      if (!stopped && last !== null && now !== last) handlers.onEvent({ type: 'task', action: 'change', id: '', prelude: false, host: 'swarm' });
      last = now;
    } catch (error) {
      context.log.debug({ err: loggedError(error) }, 'listing Swarm tasks failed');
    }
    if (!stopped) timer = context.clock.setTimeout(() => void tick(), everyMs);
  };
  if (everyMs > 0) void tick();
  // A listing, not a stream: nothing to be open or down (its failures are the manager stream's).
  return {
    connected: true,
    open: [],
    down: [],
    stop() {
      stopped = true;
      if (timer !== null) context.clock.clearTimeout(timer);
    },
  };
}

/** The running tasks' identity and place, as one comparable text. */
export function runningTasks(tasks: readonly TaskJson[]): string {
  return tasks
    .filter((task) => task.DesiredState === 'running' && task.Status.State === 'running')
    .map((task) => `${task.ID}@${task.NodeID ?? ''}`)
    .sort()
    .join(',');
}
