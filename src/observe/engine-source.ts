/** One Docker engine as a Source: today's DockerEngineSource with its event stream inside. */
import { WATCHED_EVENTS } from './docker-events.js';
import { DockerEngineSource, type DockerEngineSourceOptions } from './docker.js';
import { watchEngine, type Source, type SourceHandlers, type Subscription, type WatchContext } from './source.js';
import type { DockerState } from './types.js';

export class EngineSource implements Source {
  private readonly engine: DockerEngineSource;
  private answers = new Map<string, boolean>();

  constructor(
    readonly host: string,
    options: DockerEngineSourceOptions = {},
  ) {
    this.engine = new DockerEngineSource(host, options);
  }

  describe(): string {
    return `Docker engine ${this.host}`;
  }

  async read(): Promise<DockerState> {
    this.answers = new Map([[this.host, false]]);
    const state = await this.engine.read();
    this.answers.set(this.host, true);
    return state;
  }

  answered(): ReadonlyMap<string, boolean> {
    return this.answers;
  }

  watch(handlers: SourceHandlers, context: WatchContext): Subscription {
    return watchEngine(this.host, WATCHED_EVENTS, handlers, context);
  }
}
