/**
 * One Docker host that may be a Swarm manager: each read asks `/info` first and reads the whole
 * swarm when the engine is a manager (only its manager API knows the cluster), else the engine
 * alone. A host joining or leaving a swarm is noticed on the next read, without a restart.
 */
import { EngineSource } from './engine-source.js';
import { Engine } from './engine-client.js';
import { combine, watchEngine, type Source, type SourceHandlers, type Subscription, type WatchContext } from './source.js';
import { pollTasks, SWARM_EVENTS } from './swarm-events.js';
import { isManager, isWorker } from './swarm-json.js';
import { SwarmSource, type SwarmSourceOptions } from './swarm-source.js';
import type { DockerState } from './types.js';

export class DetectingSource implements Source {
  private readonly probe: Engine;
  private readonly engine: EngineSource;
  private readonly swarm: SwarmSource;
  private readonly timeoutMs: number;
  private readonly pollMs: number;
  /** What the last read found; the periodic task listing runs only for a manager. */
  private isSwarm = false;
  private probed = new Map<string, boolean>();

  constructor(
    readonly host: string,
    options: Omit<SwarmSourceOptions, 'managers' | 'nodes'>,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.pollMs = options.pollMs ?? 10_000;
    this.probe = new Engine(host, this.timeoutMs);
    this.engine = new EngineSource(host, { timeoutMs: this.timeoutMs });
    this.swarm = new SwarmSource({ ...options, managers: [host], nodes: [] });
  }

  describe(): string {
    return `Docker engine ${this.host} (read as its swarm when it is a manager)`;
  }

  async read(): Promise<DockerState> {
    this.probed = new Map([[this.host, false]]);
    const info = await this.probe.info(AbortSignal.timeout(this.timeoutMs));
    this.probed.set(this.host, true);
    this.isSwarm = isManager(info);
    if (!this.isSwarm && isWorker(info)) {
      // Its engine shows only its own share of the swarm's networks and tasks: rendering that would withdraw the rest.
      throw new Error(`${this.host} is a Swarm worker: only a manager knows the whole swarm (point docker.host or docker.swarm.managers at one)`);
    }
    return this.isSwarm ? this.swarm.read() : this.engine.read();
  }

  /** The engine after its probe; a manager, with whatever its swarm read asked. */
  answered(): ReadonlyMap<string, boolean> {
    return this.isSwarm && this.probed.get(this.host) === true ? this.swarm.answered() : this.probed;
  }

  watch(handlers: SourceHandlers, context: WatchContext): Subscription {
    // A manager's stream carries the swarm's events and its own containers'; an engine's, only the latter.
    const list = () => (this.isSwarm ? this.swarm.listTasks() : Promise.resolve([]));
    return combine([watchEngine(this.host, SWARM_EVENTS, handlers, context), pollTasks(list, this.pollMs, handlers, context)]);
  }
}
