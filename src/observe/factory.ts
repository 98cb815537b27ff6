/**
 * The one place a Source is chosen (docs/several-hosts.md); the daemon and the commands only
 * read and watch what it returns. The address scheme (unix://, tcp:// with TLS, ssh://) is read
 * by docker-host.ts for every engine alike.
 *
 * - an explicit host (--docker-host) → that engine, read as its swarm when it is a manager;
 * - docker.hosts → several standalone engines, merged;
 * - docker.swarm → one swarm: its managers (default: docker.host) and its nodes' engines;
 * - else docker.host, DOCKER_HOST or the local socket → as an explicit host.
 */
import type { Settings } from '../settings/load.js';
import { DetectingSource } from './detecting-source.js';
import { defaultDockerHost } from './docker-host.js';
import { MultiEngineSource } from './multi-engine-source.js';
import type { Source } from './source.js';
import { SwarmSource } from './swarm-source.js';
import type { DockerState } from './types.js';

export interface OpenSourceOptions {
  /** An explicit engine (--docker-host): overrides the settings' choice. */
  host?: string;
  /** Recorded objects (last-known.ts: the routers' state.json files) for engines and nodes that do not answer. */
  lastKnown?: () => Promise<DockerState>;
  /** Upper bound for one read, in milliseconds. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

export function openSource(settings: Settings, options: OpenSourceOptions = {}): Source {
  const { docker, labels } = settings;
  const common = {
    labels,
    pollMs: docker.taskPollSeconds * 1000,
    ...(options.lastKnown ? { lastKnown: options.lastKnown } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  };
  if (options.host !== undefined) return new DetectingSource(options.host, common);
  if (docker.hosts) return new MultiEngineSource({ ...common, hosts: docker.hosts });
  const host = docker.host ?? defaultDockerHost(options.env);
  if (docker.swarm) {
    const managers = docker.swarm.managers.length > 0 ? docker.swarm.managers : [host];
    return new SwarmSource({ ...common, managers, nodes: docker.swarm.nodes });
  }
  return new DetectingSource(host, common);
}
