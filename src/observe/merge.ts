/**
 * Several standalone engines → one DockerState (docs/several-hosts.md). Pure.
 *
 * - A network of one name with the same VLAN, subnet, gateway and router on several hosts is one
 *   tenant (its VLAN is trunked to each host); it lists its hosts.
 * - Conflicts reject the later object (networks by creation time, then host order), with a
 *   reason naming both hosts: one name with another VLAN/subnet/gateway/router; one VLAN (of one
 *   router) carrying another subnet under another name; one global IP (of one router) claimed on
 *   two hosts; one address in one tenant held on two hosts. A host's containers on a rejected
 *   network of that host are rejected with it. Conflicts inside one host are intent's to settle.
 * - A host that did not answer contributes its last known objects, marked stale: they keep their
 *   place (a blip withdraws nothing) until the host answers again or is forgotten.
 */
import { byCreation } from '../intent/tenants.js';
import type { Reason } from '../intent/reasons.js';
import type { Rejection } from '../intent/types.js';
import { settleAddressClashes } from './address-clashes.js';
import { byRejection } from '../intent/order.js';
import { byPlace } from './order.js';
import { sourceReasons } from './reasons.js';
import type { DockerContainer, DockerNetwork, DockerState } from './types.js';
import { vlanOf } from './vlan-of.js';

export interface HostState {
  host: string;
  state: DockerState;
  /** The host did not answer: `state` is its last known one. */
  stale: boolean;
  /** Why it did not answer. */
  why?: string;
}

/** The label keys the merge compares (settings.labels). */
export interface SourceLabels {
  globalIp: string;
  vlan: string;
  router: string;
}

interface Instance {
  network: DockerNetwork;
  host: string;
  order: number;
  stale: boolean;
}

export function mergeHosts(hosts: readonly HostState[], labels: SourceLabels): DockerState {
  const rejections: Rejection[] = [];
  const { networks, rejected } = mergeNetworks(hosts, labels, rejections);
  const tagged = hosts.flatMap(({ host, state, stale }) => state.containers.map((c) => tag(c, host, stale)));
  const attached = tagged.filter((container) => {
    const lost = Object.keys(container.addresses).find((network) => rejected.has(`${network}\u0000${container.host}`));
    if (lost === undefined) return true;
    if (container.labels[labels.globalIp] !== undefined) {
      rejections.push({ kind: 'container', object: container.name, ...sourceReasons.networkRejectedOn(lost, container.host!) });
    }
    return false;
  });
  const claimed = settleGlobalIps(attached, networks, labels, rejections);
  const { kept, rejected: clashes } = settleAddressClashes(claimed, labels.globalIp);
  rejections.push(...clashes);
  return {
    networks: [...networks.values()].map((n) => ({ ...n, hosts: [...n.hosts!].sort() })).sort(byPlace),
    containers: kept.sort(byPlace),
    sourceRejections: rejections.sort(byRejection),
    unreachable: hosts.filter((h) => h.stale).map((h) => h.host).sort(),
    ...whyUnreachable(hosts.flatMap((h) => (h.stale && h.why !== undefined ? [[h.host, h.why] as const] : []))),
  };
}

/** The `whyUnreachable` of a state: present only when some engine's reason is known. */
export function whyUnreachable(reasons: ReadonlyArray<readonly [string, string]>): Pick<DockerState, 'whyUnreachable'> {
  return reasons.length === 0 ? {} : { whyUnreachable: Object.fromEntries(reasons.map(([host, why]) => [host, why.replace(/\s+/g, ' ').trim()])) };
}

/** Networks by name; `rejected` holds `name NUL host` of every instance refused. */
function mergeNetworks(hosts: readonly HostState[], labels: SourceLabels, rejections: Rejection[]) {
  const instances: Instance[] = hosts
    .flatMap(({ host, state, stale }, order) => state.networks.map((network) => ({ network, host, order, stale })))
    .sort((a, b) => byCreation(a.network, b.network) || a.order - b.order);
  const networks = new Map<string, DockerNetwork & { hosts: string[] }>();
  const vlanOwners = new Map<string, { network: DockerNetwork; host: string }>();
  const rejected = new Set<string>();
  const describe = (n: DockerNetwork) =>
    `VLAN ${vlanOf(n.parent, n.labels, labels.vlan)}, subnet ${n.subnet ?? 'none'}, gateway ${n.gateway ?? 'none'}` +
    (n.labels[labels.router] === undefined ? '' : `, router ${JSON.stringify(n.labels[labels.router])}`);
  const refuse = ({ network, host }: Instance, why: Reason) => {
    rejected.add(`${network.name}\u0000${host}`);
    rejections.push({ kind: 'network', object: network.name, ...why });
  };
  for (const instance of instances) {
    const { network, host, stale } = instance;
    const known = networks.get(network.name);
    if (known) {
      if (describe(known) !== describe(network)) {
        refuse(instance, sourceReasons.nameOtherConfig(host, describe(network), known.hosts[0]!, describe(known)));
      } else {
        known.hosts.push(host);
        if (!stale) delete known.stale;
      }
      continue;
    }
    const vlan = vlanOf(network.parent, network.labels, labels.vlan);
    const vlanKey = `${network.labels[labels.router] ?? ''}\u0000${vlan}`;
    const owner = typeof vlan === 'number' ? vlanOwners.get(vlanKey) : undefined;
    if (owner && owner.host !== host && owner.network.subnet !== network.subnet) {
      refuse(instance, sourceReasons.vlanOtherSubnet(vlan as number, host, network.subnet ?? 'no subnet', owner.network.name, owner.host, owner.network.subnet ?? 'no subnet'));
      continue;
    }
    if (typeof vlan === 'number' && !owner) vlanOwners.set(vlanKey, { network, host });
    const { hosts: _recorded, stale: _wasStale, ...plain } = network;
    networks.set(network.name, { ...plain, hosts: [host], ...(stale ? { stale: true } : {}) });
  }
  return { networks, rejected };
}

/** A global IP (of one router) claimed on two hosts goes to the container created first. */
function settleGlobalIps(
  containers: DockerContainer[],
  networks: ReadonlyMap<string, DockerNetwork>,
  labels: SourceLabels,
  rejections: Rejection[],
): DockerContainer[] {
  const owners = new Map<string, DockerContainer>();
  return [...containers].sort(byCreation).filter((container) => {
    const global = container.labels[labels.globalIp];
    if (global === undefined) return true;
    const routers = Object.keys(container.addresses).map((name) => networks.get(name)?.labels[labels.router] ?? '');
    const keys = [...new Set(routers)].map((router) => `${router}\u0000${global}`);
    const owner = keys.map((key) => owners.get(key)).find((o) => o !== undefined && o.host !== container.host);
    if (owner) {
      rejections.push({ kind: 'container', object: container.name, ...sourceReasons.globalTakenElsewhere(global, owner.name, owner.host!) });
      return false;
    }
    for (const key of keys) if (!owners.has(key)) owners.set(key, container);
    return true;
  });
}

function tag(container: DockerContainer, host: string, stale: boolean): DockerContainer {
  const { stale: _wasStale, ...plain } = container;
  return { ...plain, host, ...(stale ? { stale: true } : {}) };
}

