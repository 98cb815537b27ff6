/**
 * A source of Docker state with its event stream inside (registrator's shape: a bridge and a
 * small adapter interface): one engine, a Swarm, several engines. `factory.ts` chooses one from
 * the settings; the daemon only reads and watches, whichever it is.
 *
 * Events only say *when* to look (DESIGN.md: state is always re-read in full), so an event is
 * reduced to its type and action, for the log and the metrics.
 */
import type { Logger } from 'pino';
import type { Clock } from '../ops/clock.js';
import { DockerEventStream, isPrelude, type EventTable } from './docker-events.js';
import type { StateSource } from './types.js';

export interface SourceEvent {
  /** network, container, service, node; `task` when the periodic task listing saw a change. */
  type: string;
  action: string;
  id: string;
  /** Another event completes this one at once (`connect` before `start`): the debouncer lets that one lead. */
  prelude: boolean;
  /** The engine that told. */
  host: string;
}

export interface SourceHandlers {
  onEvent(event: SourceEvent): void;
  /** A stream is open (again): everything before now must be re-read. */
  onConnected(): void;
  onDisconnected(reason: string): void;
}

/** How a watch behaves (the daemon's settings and clock). */
export interface WatchContext {
  retryInitialMs: number;
  retryMaxMs: number;
  clock: Clock;
  log: Logger;
}

export interface Subscription {
  /** Every stream of the source is open. */
  readonly connected: boolean;
  /** The streams open now, by host. */
  readonly open: readonly string[];
  /** The streams not open now, each as "<host>: <why>". */
  readonly down: readonly string[];
  stop(): void;
}

export interface Source extends StateSource {
  /** One line for the log and `status`: what is read, where. */
  describe(): string;
  /**
   * The engines the last read asked, by address, and whether each answered (a swarm's managers
   * after the first that answered are not asked). Empty before the first read.
   */
  answered(): ReadonlyMap<string, boolean>;
  watch(handlers: SourceHandlers, context: WatchContext): Subscription;
}

/** One event stream per engine, each re-opened with backoff on its own; connected = all open. */
export function watchEngines(hosts: readonly string[], watched: EventTable, handlers: SourceHandlers, context: WatchContext): Subscription {
  return combine(hosts.map((host) => watchEngine(host, watched, handlers, context)));
}

export function watchEngine(host: string, watched: EventTable, handlers: SourceHandlers, context: WatchContext): Subscription {
  let why = 'not open yet';
  const stream = new DockerEventStream({
    dockerHost: host,
    watched,
    retryInitialMs: context.retryInitialMs,
    retryMaxMs: context.retryMaxMs,
    clock: context.clock,
    log: context.log,
    onEvent: (event) => handlers.onEvent({ ...event, prelude: isPrelude(event), host }),
    onConnected: () => handlers.onConnected(),
    onDisconnected: (reason) => {
      why = reason;
      handlers.onDisconnected(`${host}: ${reason}`);
    },
  });
  stream.start();
  return {
    get connected() {
      return stream.connected;
    },
    get open() {
      return stream.connected ? [host] : [];
    },
    get down() {
      return stream.connected ? [] : [`${host}: ${why}`];
    },
    stop: () => stream.stop(),
  };
}

export function combine(parts: readonly Subscription[]): Subscription {
  return {
    get connected() {
      return parts.every((part) => part.connected);
    },
    get open() {
      return parts.flatMap((part) => part.open);
    },
    get down() {
      return parts.flatMap((part) => part.down);
    },
    stop() {
      for (const part of parts) part.stop();
    },
  };
}
