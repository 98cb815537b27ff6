/**
 * Docker Engine API answers → DockerState, as pure functions (recorded answers in
 * test/unit/observe/fixtures/ are the tests). Only the fields read here are typed; the engine
 * sends null for empty maps, so every map is optional and nullable.
 *
 * Request budget: one network list (it already carries IPAM, driver options and labels, with
 * `--config-from` resolved by the engine) and one list of running containers (it carries names,
 * labels and each endpoint's IPv4 address). Only creation times need more: the list gives
 * whole seconds, so containers sharing a second with another are inspected for nanoseconds.
 */
import type { DockerContainer, DockerNetwork, DockerState } from './types.js';
import { byNameThenId, compareText } from '../intent/order.js';

/** An entry of `GET /networks`. */
export interface NetworkJson {
  Id: string;
  Name: string;
  Driver: string;
  Created: string;
  IPAM?: { Config?: { Subnet?: string; Gateway?: string }[] | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** An entry of `GET /containers/json`. */
export interface ContainerJson {
  Id: string;
  Names: string[];
  /** Unix seconds. */
  Created: number;
  State: string;
  Labels?: Record<string, string> | null;
  NetworkSettings?: {
    Networks?: Record<string, { NetworkID?: string; IPAddress?: string } | null> | null;
  } | null;
}

const MACVLAN = 'macvlan';

function isMacvlan(network: NetworkJson): boolean {
  return network.Driver === MACVLAN;
}

/**
 * The state seen through one network list and one container list. `preciseCreated` holds
 * inspected creation times (`GET /containers/{id}/json` → Created) by container id.
 */
export function toDockerState(
  networks: readonly NetworkJson[],
  containers: readonly ContainerJson[],
  preciseCreated: ReadonlyMap<string, string> = new Map(),
): DockerState {
  const macvlans = networks.filter(isMacvlan).map(toNetwork).sort(byNameThenId);
  const namesById = new Map(macvlans.map((network) => [network.id, network.name]));
  const attached = containers.filter((container) => container.State === 'running' && macvlanEndpoints(container, namesById).length > 0);
  return {
    networks: macvlans,
    containers: attached.map((container) => toContainer(container, namesById, preciseCreated)).sort(byNameThenId),
  };
}

/**
 * Ids of running macvlan-attached containers whose creation second is shared with another
 * such container: the only ones whose order the list cannot tell, so the only ones inspected.
 */
export function containersNeedingPreciseCreation(
  networks: readonly NetworkJson[],
  containers: readonly ContainerJson[],
): string[] {
  const namesById = new Map(networks.filter(isMacvlan).map((network) => [network.Id, network.Name]));
  const bySecond = new Map<number, string[]>();
  for (const container of containers) {
    if (container.State !== 'running' || macvlanEndpoints(container, namesById).length === 0) continue;
    const ids = bySecond.get(container.Created) ?? [];
    ids.push(container.Id);
    bySecond.set(container.Created, ids);
  }
  return [...bySecond.values()].filter((ids) => ids.length > 1).flat().sort();
}

/**
 * Creation times as fixed-width ISO 8601 UTC with nanoseconds ("2026-11-29T15:33:51.201403836Z"),
 * so comparing them as strings orders them in time (the engine trims trailing zeros).
 */
export function normalizeCreated(created: string | number): string {
  const text = typeof created === 'number' ? toUtc(created * 1000) : created;
  const match = UTC_TIME.exec(text) ?? UTC_TIME.exec(toUtc(text))!;
  return `${match[1]}.${(match[2] ?? '').padEnd(9, '0')}Z`;
}

const UTC_TIME = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d{1,9}))?Z$/;

/** A time with an offset (or in Unix ms) as UTC ISO 8601. */
function toUtc(time: string | number): string {
  const parsed = new Date(time);
  if (Number.isNaN(parsed.getTime())) throw new Error(`Docker sent an unreadable creation time: ${JSON.stringify(time)}`);
  return parsed.toISOString();
}

function toNetwork(network: NetworkJson): DockerNetwork {
  // IPv6 subnets contain ':'; the tenant is the first IPv4 one.
  const ipv4 = (network.IPAM?.Config ?? []).find((config) => config.Subnet !== undefined && !config.Subnet.includes(':'));
  return {
    id: network.Id,
    name: network.Name,
    driver: network.Driver,
    subnet: ipv4?.Subnet ?? null,
    gateway: ipv4?.Gateway || null,
    parent: network.Options?.parent || null,
    labels: { ...network.Labels },
    created: normalizeCreated(network.Created),
  };
}

function toContainer(
  container: ContainerJson,
  namesById: ReadonlyMap<string, string>,
  preciseCreated: ReadonlyMap<string, string>,
): DockerContainer {
  const addresses: Record<string, string> = {};
  for (const { network, address } of macvlanEndpoints(container, namesById)) addresses[network] = address;
  return {
    id: container.Id,
    name: containerName(container),
    created: normalizeCreated(preciseCreated.get(container.Id) ?? container.Created),
    running: true,
    labels: { ...container.Labels },
    addresses: sortedKeys(addresses),
  };
}

/** The container's endpoints on macvlan networks; "" where the endpoint has no IPv4 address. */
function macvlanEndpoints(
  container: ContainerJson,
  namesById: ReadonlyMap<string, string>,
): { network: string; address: string }[] {
  return Object.values(container.NetworkSettings?.Networks ?? {}).flatMap((endpoint) => {
    const network = endpoint?.NetworkID === undefined ? undefined : namesById.get(endpoint.NetworkID);
    return network === undefined ? [] : [{ network, address: endpoint?.IPAddress ?? '' }];
  });
}

/**
 * Docker lists a container under its own name ("/web") and, for legacy links, under
 * "/other/alias" names too: the own name is the one with a single slash.
 */
function containerName(container: ContainerJson): string {
  const own = container.Names.find((name) => name.lastIndexOf('/') === 0) ?? container.Names[0] ?? container.Id;
  return own.replace(/^\//, '');
}

function sortedKeys(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => compareText(a, b)));
}
