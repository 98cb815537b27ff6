/**
 * Docker's event stream as "something changed" signals, kept open for as long as the daemon runs.
 * Events only say *when* to look (DESIGN.md: state is always re-read in full), so the payload is
 * reduced to type and action, for the log and the metrics.
 *
 * When the stream breaks (dockerd restarts, the socket goes away) it is re-opened with exponential
 * backoff, logging each failure, for ever; every (re)connection is reported so the caller does a
 * full re-read: whatever changed while the stream was down is found that way.
 */
import type Docker from 'dockerode';
import type { Logger } from 'pino';
import { dockerClient } from '../observe/docker-host.js';
import { backoffDelay } from '../ops/backoff.js';
import type { Clock } from '../ops/clock.js';
import { errorText } from '../errors.js';

/** The object types the Engine API reports events for (its `type` filter). */
type EventType = NonNullable<Exclude<Docker.GetEventsOptions['filters'], string | undefined>['type']>[number];

/** Event types and the actions of each that a stream follows (the Engine API's `type` and `event` filters). */
export type EventTable = Readonly<Partial<Record<EventType, readonly string[]>>>;

/** The events that can change what is rendered: networks appearing or going, containers starting or stopping. */
export const WATCHED_EVENTS = {
  network: ['create', 'destroy', 'connect', 'disconnect'],
  container: ['start', 'die', 'destroy'],
} as const;

/**
 * Events that announce a change another event completes at once: `docker run` attaches the
 * container's networks (`connect`) just before its `start`. Acting on the prelude alone would
 * read the container before it runs; the debouncer lets the completing event lead instead.
 */
const PRELUDE_EVENTS: { readonly [T in keyof typeof WATCHED_EVENTS]?: readonly string[] } = {
  network: ['connect'],
};

export function isPrelude(event: DockerEvent): boolean {
  return (PRELUDE_EVENTS as Readonly<Record<string, readonly string[]>>)[event.type]?.includes(event.action) ?? false;
}

export interface DockerEvent {
  /** One of the watched table's types (WATCHED_EVENTS unless the stream was given another). */
  type: string;
  action: string;
  id: string;
}

export interface EventStreamOptions {
  dockerHost: string;
  retryInitialMs: number;
  retryMaxMs: number;
  clock: Clock;
  log: Logger;
  onEvent(event: DockerEvent): void;
  /** The stream is open (again): everything before now must be re-read. */
  onConnected(): void;
  onDisconnected(reason: string): void;
  /** The events to follow (default WATCHED_EVENTS): a Swarm manager also tells of services and nodes. */
  watched?: EventTable;
}

/** One event-stream line → an event we watch, or null. */
export function parseEvent(line: string, watched: EventTable = WATCHED_EVENTS): DockerEvent | null {
  let raw: { Type?: unknown; Action?: unknown; Actor?: { ID?: unknown } };
  try {
    raw = JSON.parse(line) as typeof raw;
  } catch {
    return null;
  }
  const type = typeof raw.Type === 'string' ? raw.Type : '';
  const action = typeof raw.Action === 'string' ? raw.Action : '';
  if (!Object.hasOwn(watched, type) || !watched[type as EventType]!.includes(action)) return null;
  return { type, action, id: typeof raw.Actor?.ID === 'string' ? raw.Actor.ID : '' };
}

export class DockerEventStream {
  private readonly docker: Docker;
  private stream: NodeJS.ReadableStream | null = null;
  private abort: AbortController | null = null;
  private failures = 0;
  private retryTimer: unknown = null;
  private stopped = false;
  private up = false;
  private readonly watched: EventTable;

  constructor(private readonly options: EventStreamOptions) {
    this.docker = dockerClient(options.dockerHost);
    this.watched = options.watched ?? WATCHED_EVENTS;
  }

  get connected(): boolean {
    return this.up;
  }

  start(): void {
    this.stopped = false;
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    if (this.retryTimer !== null) this.options.clock.clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.abort?.abort();
    (this.stream as { destroy?: () => void } | null)?.destroy?.();
    this.stream = null;
    this.up = false;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    this.abort = new AbortController();
    let stream: NodeJS.ReadableStream;
    try {
      stream = await this.docker.getEvents({
        filters: { type: Object.keys(this.watched) as EventType[], event: [...new Set(Object.values(this.watched).flat())] },
        abortSignal: this.abort.signal,
      });
    } catch (error) {
      this.broken(`cannot open the event stream: ${errorText(error)}`);
      return;
    }
    if (this.stopped) {
      (stream as { destroy?: () => void }).destroy?.();
      return;
    }
    this.stream = stream;
    this.up = true;
    if (this.failures > 0) this.options.log.info({ dockerHost: this.options.dockerHost, failures: this.failures }, 'Docker event stream re-opened');
    this.failures = 0;
    let buffered = '';
    let ended = false;
    const end = (reason: string) => {
      if (ended) return;
      ended = true;
      this.stream = null;
      this.broken(reason);
    };
    stream.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffered.indexOf('\n')) >= 0) {
        const line = buffered.slice(0, newline).trim();
        buffered = buffered.slice(newline + 1);
        const event = line === '' ? null : parseEvent(line, this.watched);
        if (event) this.options.onEvent(event);
      }
    });
    stream.on('error', (error: Error) => end(`event stream error: ${error.message}`));
    stream.on('end', () => end('event stream ended (dockerd stopped or restarted?)'));
    stream.on('close', () => end('event stream closed'));
    this.options.onConnected();
  }

  private broken(reason: string): void {
    this.up = false;
    if (this.stopped) return;
    this.failures += 1;
    const delay = backoffDelay(this.failures, this.options.retryInitialMs, this.options.retryMaxMs);
    this.options.log.warn({ dockerHost: this.options.dockerHost, reason, failures: this.failures, retryInMs: delay }, 'Docker event stream down; retrying');
    this.options.onDisconnected(reason);
    this.retryTimer = this.options.clock.setTimeout(() => {
      this.retryTimer = null;
      void this.connect();
    }, delay);
  }
}
