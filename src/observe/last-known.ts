/**
 * Last known objects of hosts that do not answer. Pure.
 *
 * They are kept where the last state already is: the `docker` slice of each router's
 * routers/<router>/state.json in the GitOps repository. That survives a restart of translator
 * (an engine down while translator restarts still withdraws nothing), is versioned and reviewed
 * like every other fact, and makes forgetting a host an ordinary commit. It holds exactly what
 * intent needs: the networks that became (or were refused as) tenants and the containers that
 * ask for a floating IP.
 */
import { byPlace } from './order.js';
import { dockerStateSchema } from './schema.js';
import type { DockerContainer, DockerNetwork, DockerState } from './types.js';

/** The union of the `docker` slices of the routers' state.json texts (objects are deduplicated). */
export function recordedState(stateJsonTexts: readonly string[]): DockerState {
  const networks = new Map<string, DockerNetwork>();
  const containers = new Map<string, DockerContainer>();
  for (const text of stateJsonTexts) {
    const parsed = dockerStateSchema().safeParse((JSON.parse(text) as { docker?: unknown }).docker);
    if (!parsed.success) throw new Error(`a state.json holds no readable Docker state: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
    for (const network of parsed.data.networks) networks.set(`${network.id}\u0000${network.name}`, network);
    for (const container of parsed.data.containers) containers.set(`${container.id}\u0000${container.host ?? ''}`, container);
  }
  return { networks: [...networks.values()].sort(byPlace), containers: [...containers.values()].sort(byPlace) };
}


/** What `host` held when it last answered. */
export function lastKnownOf(recorded: DockerState, host: string): DockerState {
  return {
    networks: recorded.networks.filter((n) => n.hosts?.includes(host)),
    containers: recorded.containers.filter((c) => c.host === host),
  };
}

/** `recorded` without anything only `host` held (`translator forget-host`). */
export function withoutHost(recorded: DockerState, host: string): DockerState {
  return {
    networks: recorded.networks
      .map((n) => (n.hosts?.includes(host) ? { ...n, hosts: n.hosts.filter((h) => h !== host) } : n))
      .filter((n) => n.hosts === undefined || n.hosts.length > 0),
    containers: recorded.containers.filter((c) => c.host !== host),
  };
}

/**
 * One line per host that did not answer, for `status` and commit messages. Each starts with
 * "Docker host": a line that started with the address (`ssh://…`, `unix://…`) would read to git
 * as a trailer (`ssh: //…`) at the end of a commit message.
 */
export function staleNotes(state: DockerState): string[] {
  return (state.unreachable ?? []).map((host) => {
    const networks = state.networks.filter((n) => n.stale && n.hosts?.includes(host)).length;
    const containers = state.containers.filter((c) => c.stale && c.host === host).length;
    const why = state.whyUnreachable?.[host];
    return (
      `Docker host ${host} did not answer${why === undefined ? '' : ` (${why})`}: its last known ${count(networks, 'network')} and ${count(containers, 'container')} are kept (stale); ` +
      `\`translator forget-host ${host}\` removes them`
    );
  });
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
