import type { DockerContainer } from '../observe/types.js';
import type { Settings } from '../settings/load.js';
import { FLOATING_IP_TABLE, blockOf } from './address-blocks.js';
import { cidrContains, parseCidr, parseIpv4, type Cidr } from './ipv4.js';
import { reasons, type Reason } from './reasons.js';
import type { RouterAddresses } from './router-addresses.js';
import { byCreation, type PlacedTenant } from './tenants.js';
import type { FloatingIp, Rejection } from './types.js';

export interface PlacedFloatingIp {
  router: string;
  floatingIp: FloatingIp;
}

/** What one container's check needs to know about the others. */
interface Context {
  label: string;
  tenants: Map<string, PlacedTenant>;
  rejectedNetworks: Set<string>;
  pools: Cidr[];
  poolTexts: string[];
  /** Per router: the addresses it uses itself or translator renders on it. */
  routerAddresses: ReadonlyMap<string, RouterAddresses>;
  /**
   * Global IPs already given out: router → address (as a number: one text per address, parseIpv4
   * refuses leading zeros) → container name. No key string is built per container.
   */
  claims: Map<string, Map<number, string>>;
  /** Each tenant's subnet, parsed once (subnetOf). */
  subnets: Map<PlacedTenant['tenant'], Cidr>;
}

type Outcome = PlacedFloatingIp | (Reason & { router?: string });

/**
 * Floating IPs of labelled running containers. Containers without the label are not ours and
 * are skipped silently; a labelled one either maps or is rejected with its reason.
 * A global IP claimed twice on one router goes to the container created first.
 */
export function floatingIpsOf(
  containers: DockerContainer[],
  tenants: Map<string, PlacedTenant>,
  rejectedNetworks: Set<string>,
  routerAddresses: ReadonlyMap<string, RouterAddresses>,
  settings: Settings,
): { placed: PlacedFloatingIp[]; rejected: Rejection[] } {
  const label = settings.labels.globalIp;
  const context: Context = {
    label,
    tenants,
    rejectedNetworks,
    pools: settings.pools.map((text) => parseCidr(text)!),
    poolTexts: settings.pools,
    routerAddresses,
    claims: new Map(),
    subnets: new Map(),
  };
  const placed: PlacedFloatingIp[] = [];
  const rejected: Rejection[] = [];
  const candidates = containers.filter((c) => c.running && c.labels[label] !== undefined).sort(byCreation);
  for (const container of candidates) {
    const outcome = place(container, context);
    if ('floatingIp' in outcome) placed.push(outcome);
    else rejected.push({ kind: 'container', object: container.name, ...outcome });
  }
  return { placed, rejected };
}

function place(container: DockerContainer, context: Context): Outcome {
  const placed = tenantNetworkOf(container, context);
  if (typeof placed !== 'string') return placed;
  const network = placed;
  const { router, tenant } = context.tenants.get(network)!;
  const why = refusal(container, network, tenant, router.name, context);
  if (why !== null) return { ...why, router: router.name };
  return {
    router: router.name,
    floatingIp: { vrf: tenant.vrf, local: container.addresses[network]!, global: container.labels[context.label]!, container: container.name, containerId: container.id },
  };
}

/**
 * The one tenant network the container is attached to, or why there is none. Nearly every
 * container has one network: no array is sorted or filtered for it (100,000 containers, issue 14).
 */
function tenantNetworkOf(container: DockerContainer, context: Context): string | Outcome {
  const networks = Object.keys(container.addresses);
  let found: string | undefined;
  let count = 0;
  for (const name of networks) {
    if (context.tenants.has(name)) {
      found = name;
      count++;
    }
  }
  if (count === 1) return found!;
  networks.sort();
  if (count === 0) {
    const lost = networks.find((name) => context.rejectedNetworks.has(name));
    return lost ? reasons.networkRejected(lost) : reasons.noTenantNetwork();
  }
  return reasons.severalNetworks(networks.filter((name) => context.tenants.has(name)));
}

/** Why the container's floating IP on `network` cannot be placed on `router` (claiming it when it can), or null. */
function refusal(container: DockerContainer, network: string, tenant: PlacedTenant['tenant'], router: string, context: Context): Reason | null {
  const global = container.labels[context.label]!;
  const globalValue = parseIpv4(global);
  if (globalValue === null) return reasons.badGlobalIp(context.label, global);
  const local = container.addresses[network]!;
  if (local === '') return reasons.noAddress(network);
  const localValue = parseIpv4(local);
  if (localValue === null || !cidrContains(subnetOf(tenant, context), localValue)) {
    return reasons.localOutside(local, `${tenant.subnet}/${tenant.prefixLength}`);
  }
  const refused = globalRefusal(globalValue, global, router, context);
  if (refused !== null) return refused;
  let claims = context.claims.get(router);
  if (claims === undefined) context.claims.set(router, (claims = new Map()));
  const owner = claims.get(globalValue);
  if (owner !== undefined) return reasons.globalTaken(global, owner);
  claims.set(globalValue, container.name);
  return null;
}

/** A tenant's subnet as numbers, parsed once per tenant rather than once per container. */
function subnetOf(tenant: PlacedTenant['tenant'], context: Context): Cidr {
  let subnet = context.subnets.get(tenant);
  if (subnet === undefined) context.subnets.set(tenant, (subnet = { network: parseIpv4(tenant.subnet)!, prefixLength: tenant.prefixLength }));
  return subnet;
}

/** Why a well-formed global address cannot be this floating IP on `router` (before claims), or null. */
function globalRefusal(address: number, text: string, router: string, context: Context): Reason | null {
  const special = blockOf(FLOATING_IP_TABLE, address);
  if (special !== null && !special.allowed) return reasons.globalSpecialPurpose(text, special);
  if (context.pools.length > 0 && !context.pools.some((pool) => cidrContains(pool, address))) {
    return reasons.globalOutsidePools(text, context.poolTexts);
  }
  return context.routerAddresses.get(router)?.use(address, text) ?? null;
}
