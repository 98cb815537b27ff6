/**
 * Swarm API answers → DockerState, as pure functions (answers recorded from a real private
 * swarm in test/fixtures/swarm are the tests). What the manager API does and does not tell,
 * verified on dockerd 20.10 (API 1.41), docs/several-hosts.md:
 *
 * - `GET /networks` on a manager lists a swarm-scoped macvlan network with its `ConfigFrom`
 *   but without subnet, gateway, parent or labels (and `--label` is refused with --config-from):
 *   those live in each node's config-only network, which only that node's engine lists. A
 *   manager's `GET /networks/{id}` shows its own node's view, and only while it runs a task of
 *   the network. So subnet, gateway and VLAN come from the nodes' engines, compared here.
 * - `GET /tasks` has no address for a task on such a network (`NetworksAttachments[].Addresses`
 *   is absent: each node allocates from its own config-only network, moby/moby#32981, and
 *   nodes do not coordinate, moby/moby#49921). The address is in the task container's
 *   `NetworkSettings` on its node's engine (`GET /containers/json`, label
 *   com.docker.swarm.task.id).
 * - A drained node's tasks, and a down node's, get DesiredState "shutdown" while their observed
 *   State may stay "running" (a down node cannot report), and a successor is created elsewhere.
 */
import { byCreation } from '../intent/tenants.js';
import type { Reason } from '../intent/reasons.js';
import type { Rejection } from '../intent/types.js';
import { settleAddressClashes } from './address-clashes.js';
import { normalizeCreated, type ContainerJson, type NetworkJson } from './engine-json.js';
import type { SourceLabels } from './merge.js';
import { byRejection, compareText } from '../intent/order.js';
import { byPlace } from './order.js';
import { sourceReasons, type HeldValue } from './reasons.js';
import type { DockerContainer, DockerNetwork, DockerState } from './types.js';
import { vlanOf } from './vlan-of.js';

/** `GET /info` (the part read: is this engine a manager, which node is it). */
export interface InfoJson {
  Swarm?: { NodeID?: string; LocalNodeState?: string; ControlAvailable?: boolean } | null;
}

/** An entry of `GET /nodes`. */
export interface NodeJson {
  ID: string;
  Description?: { Hostname?: string } | null;
}

/** An entry of `GET /networks`, with the fields that tell swarm, config-only and config-from networks apart. */
export interface SwarmNetworkJson extends NetworkJson {
  Scope?: string;
  ConfigOnly?: boolean;
  ConfigFrom?: { Network?: string } | null;
}

/** An entry of `GET /services`. */
export interface ServiceJson {
  ID: string;
  Spec: {
    Name: string;
    Labels?: Record<string, string> | null;
    Mode?: { Replicated?: { Replicas?: number } | null; Global?: object | null; ReplicatedJob?: object | null; GlobalJob?: object | null } | null;
  };
}

/** An entry of `GET /tasks`. */
export interface TaskJson {
  ID: string;
  ServiceID: string;
  NodeID?: string;
  /** Replicated services number their tasks; a global service's tasks have no slot. */
  Slot?: number;
  CreatedAt: string;
  DesiredState: string;
  Status: { State: string };
  Spec?: { ContainerSpec?: { Labels?: Record<string, string> | null } | null } | null;
  NetworksAttachments?: { Network: { ID: string } }[] | null;
}

/** What a node's own engine tells: its networks (config-only ones among them) and running task containers. */
export interface NodeFacts {
  networks: readonly SwarmNetworkJson[];
  containers: readonly ContainerJson[];
}

export interface SwarmAnswers {
  nodes: readonly NodeJson[];
  /** The manager's `GET /networks`. */
  networks: readonly SwarmNetworkJson[];
  services: readonly ServiceJson[];
  tasks: readonly TaskJson[];
  /** Node-local facts by node id, from each node engine that answered. */
  facts: ReadonlyMap<string, NodeFacts>;
}

export interface SwarmOptions {
  labels: SourceLabels;
  /** Recorded objects (last-known.ts): a task on a node whose engine is silent keeps its last address. */
  lastKnown: DockerState;
  /** Node engines that did not answer (their node names when known, else their addresses). */
  unreachable: readonly string[];
}

/** The label Swarm puts on a task's container. */
export const TASK_ID_LABEL = 'com.docker.swarm.task.id';

export function isManager(info: InfoJson): boolean {
  return info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable === true;
}

/** A node of a swarm that cannot tell the cluster's state (its manager API answers 503). */
export function isWorker(info: InfoJson): boolean {
  return info.Swarm?.LocalNodeState === 'active' && info.Swarm.ControlAvailable !== true;
}

export function toSwarmState(answers: SwarmAnswers, options: SwarmOptions): DockerState {
  const names = nodeNames(answers.nodes);
  const rejections: Rejection[] = [];
  const swarmNetworks = answers.networks.filter((n) => n.Scope === 'swarm' && n.Driver === 'macvlan');
  const networks = swarmNetworks.flatMap((network) => {
    const outcome = agreedNetwork(network, answers.facts, names, options);
    if ('reason' in outcome) {
      rejections.push({ kind: 'network', object: network.Name, ...outcome });
      return [];
    }
    return [outcome];
  });
  const networkNames = new Map(swarmNetworks.map((n) => [n.Id, n.Name]));
  const index = indexed(answers);
  const containers = answers.services.flatMap((service) => serviceContainers(service, index, networkNames, names, options, rejections));
  const { kept, rejected } = settleAddressClashes(containers, options.labels.globalIp);
  rejections.push(...rejected);
  return {
    networks: networks.sort(byPlace),
    containers: kept.sort(byPlace),
    sourceRejections: rejections.sort(byRejection),
    unreachable: [...options.unreachable].sort(),
  };
}

/** Node names for messages: the hostname, with the id when two nodes share one. */
function nodeNames(nodes: readonly NodeJson[]): Map<string, string> {
  const hostname = (node: NodeJson) => node.Description?.Hostname || node.ID.slice(0, 12);
  const counts = new Map<string, number>();
  for (const node of nodes) counts.set(hostname(node), (counts.get(hostname(node)) ?? 0) + 1);
  return new Map(nodes.map((node) => [node.ID, counts.get(hostname(node))! > 1 ? `${hostname(node)}/${node.ID.slice(0, 12)}` : hostname(node)]));
}

/** Each node's config-only network of a swarm network, compared: one tenant when they agree. */
function agreedNetwork(
  network: SwarmNetworkJson,
  facts: ReadonlyMap<string, NodeFacts>,
  names: ReadonlyMap<string, string>,
  options: SwarmOptions,
): DockerNetwork | Reason {
  const config = network.ConfigFrom?.Network;
  if (!config) return sourceReasons.notConfigFrom();
  const read = [...facts.keys()].map((id) => names.get(id) ?? id).sort();
  const views = [...facts.entries()]
    .map(([id, node]) => ({ node: names.get(id) ?? id, config: node.networks.find((n) => n.ConfigOnly && n.Name === config) }))
    .filter((view): view is { node: string; config: SwarmNetworkJson } => view.config !== undefined)
    .map(({ node, config: found }) => ({ node, ...configOf(found) }))
    .sort((a, b) => compareText(a.node, b.node));
  if (views.length === 0) {
    const last = options.lastKnown.networks.find((n) => n.id === network.Id);
    return last ? { ...last, stale: true } : sourceReasons.noConfigOnly(config, read);
  }
  type View = (typeof views)[number];
  const vlan = (v: View) => vlanOf(v.parent, v.labels, options.labels.vlan);
  // Each field: what must agree (key) and how a reader sees it; parents are shown per node (they may differ).
  const node = (v: View) => JSON.stringify(v.node);
  const fields: { what: string; key: (v: View) => string; where: (v: View) => string }[] = [
    { what: 'VLAN', key: (v) => `VLAN ${vlan(v) || 'none'}`, where: (v) => `${node(v)} (parent ${JSON.stringify(v.parent)})` },
    { what: 'subnet', key: (v) => v.subnet ?? 'none', where: node },
    { what: 'gateway', key: (v) => v.gateway ?? 'none', where: node },
    { what: `label ${options.labels.router}`, key: (v) => JSON.stringify(v.labels[options.labels.router] ?? null), where: node },
  ];
  for (const { what, key, where } of fields) {
    const groups = new Map<string, HeldValue>();
    for (const view of views) {
      const holders = groups.get(key(view)) ?? { value: key(view), where: [] };
      holders.where.push(where(view));
      groups.set(key(view), holders);
    }
    if (groups.size > 1) return sourceReasons.nodesDisagree(what, [...groups.values()]);
  }
  const first = views[0]!;
  return {
    id: network.Id,
    name: network.Name,
    driver: network.Driver,
    subnet: first.subnet,
    gateway: first.gateway,
    parent: first.parent,
    labels: first.labels,
    created: normalizeCreated(network.Created),
    hosts: views.map((v) => v.node),
  };
}

function configOf(network: SwarmNetworkJson): Pick<DockerNetwork, 'subnet' | 'gateway' | 'parent' | 'labels'> {
  const ipv4 = (network.IPAM?.Config ?? []).find((config) => config.Subnet !== undefined && !config.Subnet.includes(':'));
  return { subnet: ipv4?.Subnet ?? null, gateway: ipv4?.Gateway || null, parent: network.Options?.parent || null, labels: { ...network.Labels } };
}

/**
 * A service's tasks that hold a floating IP's place: running and meant to run (a drained or down
 * node's tasks are meant to stop: their NAT follows their successors), and per slot (a global
 * service: per node) only the newest, so a task being replaced yields to its successor at once.
 */
function serviceContainers(
  service: ServiceJson,
  answers: Indexed,
  networkNames: ReadonlyMap<string, string>,
  names: ReadonlyMap<string, string>,
  options: SwarmOptions,
  rejections: Rejection[],
): DockerContainer[] {
  const { globalIp } = options.labels;
  const newest = new Map<string, TaskJson>();
  for (const task of answers.tasksOf.get(service.ID) ?? []) {
    if (task.DesiredState !== 'running' || !isRunning(task, answers)) continue;
    const slot = task.Slot !== undefined && task.Slot > 0 ? `${task.Slot}` : (task.NodeID ?? task.ID);
    const held = newest.get(slot);
    if (!held || byCreation(asCreated(held), asCreated(task)) < 0) newest.set(slot, task);
  }
  const tasks = [...newest.values()].sort((a, b) => byCreation(asCreated(a), asCreated(b)));
  const name = service.Spec.Name;
  const reject = (why: Reason) => {
    rejections.push({ kind: 'container', object: name, ...why });
    return [];
  };
  const serviceLabels = { ...service.Spec.Labels };
  const taskName = (task: TaskJson) => `${name}.${task.Slot !== undefined && task.Slot > 0 ? task.Slot : (names.get(task.NodeID ?? '') ?? task.NodeID)}`;
  if (tasks.length === 0) return [];
  const containerLabels = { ...tasks[tasks.length - 1]!.Spec?.ContainerSpec?.Labels };
  const [fromService, fromContainer] = [serviceLabels[globalIp], containerLabels[globalIp]];
  if (fromService !== undefined && fromContainer !== undefined && fromService !== fromContainer) {
    return reject(sourceReasons.labelsDisagree(globalIp, fromService, fromContainer));
  }
  const global = fromContainer ?? fromService;
  if (global !== undefined) {
    const mode = service.Spec.Mode;
    const running = tasks.map((task) => `${taskName(task)} on ${names.get(task.NodeID ?? '') ?? '?'}`);
    if (mode?.Global || mode?.GlobalJob) return reject(sourceReasons.globalMode(global));
    const replicas = mode?.Replicated?.Replicas ?? tasks.length;
    if (replicas > 1 || tasks.length > 1) return reject(sourceReasons.replicated(global, Math.max(replicas, tasks.length), running));
  }
  return tasks.flatMap((task) => {
    const node = names.get(task.NodeID ?? '') ?? task.NodeID ?? '';
    const labels = { ...serviceLabels, ...task.Spec?.ContainerSpec?.Labels };
    const container: DockerContainer = {
      id: task.ID,
      name: taskName(task),
      created: normalizeCreated(task.CreatedAt),
      running: true,
      labels,
      addresses: {},
      host: node,
      service: name,
    };
    const attached = (task.NetworksAttachments ?? []).map((a) => a.Network.ID).filter((id) => networkNames.has(id));
    if (attached.length === 0) return [];
    if (task.NodeID !== undefined && answers.facts.has(task.NodeID)) {
      const own = answers.containerOf(task);
      const endpoints = Object.values(own?.NetworkSettings?.Networks ?? {});
      for (const id of attached) container.addresses[networkNames.get(id)!] = endpoints.find((e) => e?.NetworkID === id)?.IPAddress ?? '';
      return [container];
    }
    const last = options.lastKnown.containers.find((c) => c.id === task.ID);
    if (last) return [{ ...container, addresses: { ...last.addresses }, stale: true }];
    if (labels[globalIp] === undefined) return [];
    const network = networkNames.get(attached[0]!)!;
    rejections.push({ kind: 'container', object: container.name, ...sourceReasons.addressUnknown(node, network) });
    return [];
  });
}

/**
 * The answers indexed once (a read maps every task of thousands of services, BENCHMARKS.md).
 * `containerOf`: a task's container as its own node's engine lists it running.
 */
interface Indexed extends SwarmAnswers {
  tasksOf: ReadonlyMap<string, readonly TaskJson[]>;
  containerOf(task: TaskJson): ContainerJson | undefined;
}

function indexed(answers: SwarmAnswers): Indexed {
  const tasksOf = new Map<string, TaskJson[]>();
  for (const task of answers.tasks) {
    const tasks = tasksOf.get(task.ServiceID);
    if (tasks) tasks.push(task);
    else tasksOf.set(task.ServiceID, [task]);
  }
  const containers = new Map<string, ContainerJson>();
  for (const [node, facts] of answers.facts) {
    for (const container of facts.containers) {
      const task = container.Labels?.[TASK_ID_LABEL];
      if (task !== undefined) containers.set(`${node}\u0000${task}`, container);
    }
  }
  return { ...answers, tasksOf, containerOf: (task) => containers.get(`${task.NodeID ?? ''}\u0000${task.ID}`) };
}

/**
 * A task runs when the manager says so, or as soon as its own node's engine lists its container
 * running: the node reports the state to the manager a moment later, and no event tells when
 * the manager has it (only the periodic listing would find it).
 */
function isRunning(task: TaskJson, answers: Indexed): boolean {
  return task.Status.State === 'running' || answers.containerOf(task) !== undefined;
}

function asCreated(task: TaskJson): { created: string; id: string } {
  return { created: normalizeCreated(task.CreatedAt), id: task.ID };
}

