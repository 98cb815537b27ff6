/**
 * The Docker Engine as a StateSource: a thin dockerode adapter around the pure mapping in
 * engine-json.ts. A read costs two requests (networks, running containers) plus one inspect
 * per container whose creation second is shared, at most INSPECT_CONCURRENCY at a time.
 */
import type Docker from 'dockerode';
import { dockerClient, defaultDockerHost } from './docker-host.js';
import {
  containersNeedingPreciseCreation,
  toDockerState,
  type ContainerJson,
  type NetworkJson,
} from './engine-json.js';
import type { DockerState, StateSource } from './types.js';

/** The engine could not be reached at all (no socket, refused, timed out, …). */
export class DockerUnavailableError extends Error {
  constructor(
    readonly dockerHost: string,
    readonly reason: string,
    options?: ErrorOptions,
  ) {
    super(`cannot reach Docker at ${dockerHost}: ${reason}`, options);
    this.name = 'DockerUnavailableError';
  }
}

export interface DockerEngineSourceOptions {
  /** Upper bound for one whole read, in milliseconds (default 30 s). */
  timeoutMs?: number;
}

const INSPECT_CONCURRENCY = 8;

export class DockerEngineSource implements StateSource {
  private readonly docker: Docker;
  private readonly timeoutMs: number;

  constructor(
    readonly dockerHost: string = defaultDockerHost(),
    options: DockerEngineSourceOptions = {},
  ) {
    this.docker = dockerClient(dockerHost);
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  async read(): Promise<DockerState> {
    const deadline = Date.now() + this.timeoutMs;
    // One signal per request, each with what is left of the read's time: docker-modem adds an
    // abort listener per request and another per response, so a signal shared by the inspects
    // running side by side passed Node's 10-listener warning under container churn.
    const signals: AbortSignal[] = [];
    const abortSignal = () => {
      const signal = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
      signals.push(signal);
      return signal;
    };
    const timedOut = () => signals.some((signal) => signal.aborted);
    const ask = <T>(request: Promise<T>) =>
      request.catch((error: unknown) => Promise.reject(explainDockerError(this.dockerHost, this.timeoutMs, error, timedOut())));
    // Networks first: a container on a network created in between is simply not seen yet.
    const networks = (await ask(this.docker.listNetworks({ abortSignal: abortSignal() }))) as NetworkJson[];
    const containers = (await ask(this.docker.listContainers({ filters: { status: ['running'] }, abortSignal: abortSignal() }))) as ContainerJson[];
    const ambiguous = containersNeedingPreciseCreation(networks, containers);
    const precise = await ask(inspectCreated(this.docker, ambiguous, abortSignal));
    return toDockerState(networks, containers, precise);
  }
}

/** Connection-level failures become DockerUnavailableError; API errors keep their message. `timedOut`: the request's time ran out. */
export function explainDockerError(dockerHost: string, timeoutMs: number, error: unknown, timedOut: boolean): Error {
  if (timedOut) {
    return new DockerUnavailableError(dockerHost, `no answer within ${timeoutMs / 1000} s`, { cause: error });
  }
  if (!(error instanceof Error)) return new Error(`reading Docker at ${dockerHost} failed: ${String(error)}`);
  if ((error as { statusCode?: number }).statusCode !== undefined) {
    return new Error(`Docker at ${dockerHost} refused a read: ${error.message.trim()}`, { cause: error });
  }
  return new DockerUnavailableError(dockerHost, error.message, { cause: error });
}

/**
 * Creation times (nanoseconds) of the given containers, by id. A container removed between
 * the list and its inspect (404) keeps its list time: it will be gone on the next read.
 */
async function inspectCreated(docker: Docker, ids: readonly string[], abortSignal: () => AbortSignal): Promise<Map<string, string>> {
  const created = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      try {
        const info = await docker.getContainer(id).inspect({ abortSignal: abortSignal() });
        created.set(id, info.Created);
      } catch (error) {
        if ((error as { statusCode?: number }).statusCode !== 404) throw error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(INSPECT_CONCURRENCY, ids.length) }, worker));
  return created;
}
