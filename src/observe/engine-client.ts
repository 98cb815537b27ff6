/** One engine asked with a deadline, failures explained as the one-engine source does (docker.ts). */
import type Docker from 'dockerode';
import { explainDockerError } from './docker.js';
import { dockerClient } from './docker-host.js';
import type { ContainerJson } from './engine-json.js';
import { TASK_ID_LABEL, type InfoJson, type NodeFacts, type SwarmNetworkJson } from './swarm-json.js';

export class Engine {
  readonly docker: Docker;

  constructor(
    readonly host: string,
    private readonly timeoutMs: number,
  ) {
    this.docker = dockerClient(host);
  }

  ask<T>(call: (docker: Docker, abortSignal: AbortSignal) => Promise<unknown>, signal: AbortSignal): Promise<T> {
    return call(this.docker, signal).then(
      (answer) => answer as T,
      (error: unknown) => Promise.reject(explainDockerError(this.host, this.timeoutMs, error, signal.aborted)),
    );
  }

  /** `GET /info`: dockerode 5 takes the abort signal here too, its type declarations do not say so. */
  info(signal: AbortSignal): Promise<InfoJson> {
    const info = this.docker.info as unknown as (this: Docker, options: { abortSignal: AbortSignal }) => Promise<unknown>;
    return this.ask<InfoJson>((d, abortSignal) => info.call(d, { abortSignal }), signal);
  }

  networks(signal: AbortSignal): Promise<SwarmNetworkJson[]> {
    return this.ask<SwarmNetworkJson[]>((d, abortSignal) => d.listNetworks({ abortSignal }), signal);
  }

  /** The running containers of Swarm tasks on this engine's node. */
  taskContainers(signal: AbortSignal): Promise<ContainerJson[]> {
    return this.ask<ContainerJson[]>((d, abortSignal) => d.listContainers({ filters: { label: [TASK_ID_LABEL], status: ['running'] }, abortSignal }), signal);
  }

  /** What a Swarm node's own engine knows: which node it is, its networks, its running task containers. */
  facts(signal: AbortSignal): Promise<NodeFacts & { info: InfoJson }> {
    return Promise.all([this.info(signal), this.networks(signal), this.taskContainers(signal)]).then(([info, networks, containers]) => ({ info, networks, containers }));
  }
}

