/**
 * A Docker Swarm as a Source: the cluster from a manager (nodes, swarm networks, services, their
 * tasks), the node-local facts the manager does not have (each node's config-only networks, its
 * task containers' addresses) from the nodes' own engines; pure mapping in swarm-json.ts.
 *
 * A read costs six requests to the manager (info, nodes, networks, services, tasks meant to
 * run, its own task containers) and three per node engine (info, networks, task containers),
 * node engines in parallel. The manager that answered last is asked first; one that does not
 * answer, or is no longer a manager, is left for the next in the list.
 */
import { WATCHED_EVENTS } from './docker-events.js';
import { DockerUnavailableError } from './docker.js';
import { Engine } from './engine-client.js';
import { whyUnreachable, type SourceLabels } from './merge.js';
import { combine, watchEngines, type Source, type SourceHandlers, type Subscription, type WatchContext } from './source.js';
import { pollTasks, watchManagers } from './swarm-events.js';
import {
  isManager,
  toSwarmState,
  type InfoJson,
  type NodeFacts,
  type NodeJson,
  type ServiceJson,
  type TaskJson,
} from './swarm-json.js';
import type { DockerState } from './types.js';
import { errorText } from '../errors.js';

export interface SwarmSourceOptions {
  /** Manager engines, in the order they are tried. */
  managers: readonly string[];
  /** Engines of the nodes (a manager's own is read anyway): where node-local facts come from. */
  nodes: readonly string[];
  labels: SourceLabels;
  /** Recorded objects (last-known.ts), for tasks on nodes whose engine does not answer. */
  lastKnown?: () => Promise<DockerState>;
  /** Upper bound for one whole read, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** How often `watch` lists the tasks (0 = never; default 10 s). */
  pollMs?: number;
}

export class SwarmSource implements Source {
  private readonly managers: Engine[];
  private readonly nodes: Engine[];
  private readonly timeoutMs: number;
  /** The manager that answered last. */
  private current = 0;
  /** Node ids of node engines, once they answered: their node is named even while they are silent. */
  private readonly nodeIds = new Map<string, string>();
  private nodeNames = new Map<string, string>();
  private answers = new Map<string, boolean>();

  constructor(private readonly options: SwarmSourceOptions) {
    if (options.managers.length === 0) throw new Error('a Swarm source needs at least one manager');
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.managers = options.managers.map((host) => new Engine(host, this.timeoutMs));
    this.nodes = options.nodes.map((host) => new Engine(host, this.timeoutMs));
  }

  describe(): string {
    const nodes = this.nodes.length === 0 ? '' : ` and ${this.nodes.length} node engine${this.nodes.length === 1 ? '' : 's'}`;
    return `Docker Swarm via manager ${this.options.managers.join(', ')}${nodes}`;
  }

  async read(): Promise<DockerState> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    this.answers = new Map();
    const { manager, info } = await this.manager(signal);
    const [nodes, networks, services, tasks, containers] = await Promise.all([
      manager.ask<NodeJson[]>((d, abortSignal) => d.listNodes({ abortSignal }), signal),
      manager.networks(signal),
      manager.ask<ServiceJson[]>((d, abortSignal) => d.listServices({ abortSignal }), signal),
      this.runningTasks(manager, signal),
      manager.taskContainers(signal),
    ]);
    this.nodeNames = new Map(nodes.map((node) => [node.ID, node.Description?.Hostname || node.ID]));
    // The manager is a node too: its own networks and task containers are its facts.
    const facts = new Map<string, NodeFacts>([[info.Swarm!.NodeID!, { networks, containers }]]);
    const unreachable: string[] = [];
    const reasons: Array<[string, string]> = [];
    await Promise.all(
      this.nodes.filter((node) => node.host !== manager.host).map(async (node) => {
        try {
          const answer = await node.facts(signal);
          const id = answer.info.Swarm?.NodeID;
          if (!id) throw new DockerUnavailableError(node.host, 'the engine is not a Swarm node');
          this.nodeIds.set(node.host, id);
          this.answers.set(node.host, true);
          if (!facts.has(id)) facts.set(id, answer);
        } catch (error) {
          this.answers.set(node.host, false);
          const id = this.nodeIds.get(node.host);
          const name = id === undefined ? node.host : (this.nodeNames.get(id) ?? node.host);
          unreachable.push(name);
          reasons.push([name, errorText(error)]);
        }
      }),
    );
    const lastKnown = (await this.options.lastKnown?.()) ?? { networks: [], containers: [] };
    return { ...toSwarmState({ nodes, networks, services, tasks, facts }, { labels: this.options.labels, lastKnown, unreachable }), ...whyUnreachable(reasons) };
  }

  answered(): ReadonlyMap<string, boolean> {
    return this.answers;
  }

  watch(handlers: SourceHandlers, context: WatchContext): Subscription {
    return combine([
      watchManagers(this.options.managers, handlers, context),
      watchEngines(this.options.nodes, WATCHED_EVENTS, handlers, context),
      pollTasks(() => this.listTasks(), this.options.pollMs ?? 10_000, handlers, context),
    ]);
  }

  /** The running tasks, from whichever manager answers (for the periodic listing). */
  async listTasks(): Promise<TaskJson[]> {
    const signal = AbortSignal.timeout(this.timeoutMs);
    const { manager } = await this.manager(signal);
    return this.runningTasks(manager, signal);
  }

  private runningTasks(manager: Engine, signal: AbortSignal): Promise<TaskJson[]> {
    return manager.ask<TaskJson[]>((d, abortSignal) => {
      const options = { filters: { 'desired-state': ['running'] }, abortSignal };
      return d.listTasks(options);
    }, signal);
  }

  /** The first manager that answers as one, starting with the one that did last. */
  private async manager(signal: AbortSignal): Promise<{ manager: Engine; info: InfoJson }> {
    const failures: string[] = [];
    for (let step = 0; step < this.managers.length; step++) {
      const index = (this.current + step) % this.managers.length;
      const manager = this.managers[index]!;
      try {
        this.answers.set(manager.host, false);
        const info = await manager.info(signal);
        this.answers.set(manager.host, true);
        if (isManager(info)) {
          this.current = index;
          return { manager, info };
        }
        failures.push(`${manager.host}: not a Swarm manager (node state ${info.Swarm?.LocalNodeState || 'inactive'})`);
      } catch (error) {
        failures.push(errorText(error));
      }
    }
    throw new DockerUnavailableError(this.options.managers.join(', '), `no Swarm manager answered (${failures.join('; ')})`);
  }
}
