/**
 * Several standalone Docker engines as one Source: each read as the one-engine source reads it,
 * in parallel, then merged (merge.ts). An engine that does not answer contributes its last
 * known objects (last-known.ts), marked stale; when none answers the read fails, as for one
 * engine, and the daemon retries with backoff.
 */
import { WATCHED_EVENTS } from './docker-events.js';
import { DockerEngineSource, DockerUnavailableError } from './docker.js';
import { lastKnownOf } from './last-known.js';
import { mergeHosts, type HostState, type SourceLabels } from './merge.js';
import { watchEngines, type Source, type SourceHandlers, type Subscription, type WatchContext } from './source.js';
import type { DockerState } from './types.js';
import { errorText } from '../errors.js';

export interface MultiEngineSourceOptions {
  hosts: readonly string[];
  labels: SourceLabels;
  /** Recorded objects (last-known.ts): what an engine that does not answer held. */
  lastKnown?: () => Promise<DockerState>;
  /** Upper bound for one engine's read, in milliseconds (default 30 s). */
  timeoutMs?: number;
}

export class MultiEngineSource implements Source {
  private readonly engines: DockerEngineSource[];
  private answers = new Map<string, boolean>();

  constructor(private readonly options: MultiEngineSourceOptions) {
    if (options.hosts.length === 0) throw new Error('a multi-engine source needs at least one host');
    this.engines = options.hosts.map((host) => new DockerEngineSource(host, options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }));
  }

  describe(): string {
    return `${this.engines.length} Docker engines: ${this.options.hosts.join(', ')}`;
  }

  async read(): Promise<DockerState> {
    const answers = await Promise.allSettled(this.engines.map((engine) => engine.read()));
    this.answers = new Map(answers.map((answer, index) => [this.options.hosts[index]!, answer.status === 'fulfilled']));
    const failures = answers.flatMap((answer) => (answer.status === 'rejected' ? [answer.reason as unknown] : []));
    if (failures.length === answers.length) {
      // One engine's error already names its host.
      if (failures.length === 1) throw failures[0];
      throw new DockerUnavailableError(this.options.hosts.join(', '), failures.map(errorText).join('; '));
    }
    const recorded = failures.length > 0 ? ((await this.options.lastKnown?.()) ?? { networks: [], containers: [] }) : null;
    const hosts: HostState[] = answers.map((answer, index) => {
      const host = this.options.hosts[index]!;
      return answer.status === 'fulfilled'
        ? { host, state: answer.value, stale: false }
        : { host, state: lastKnownOf(recorded!, host), stale: true, why: errorText(answer.reason) };
    });
    return mergeHosts(hosts, this.options.labels);
  }

  answered(): ReadonlyMap<string, boolean> {
    return this.answers;
  }

  watch(handlers: SourceHandlers, context: WatchContext): Subscription {
    return watchEngines(this.options.hosts, WATCHED_EVENTS, handlers, context);
  }
}
