import type { DockerContainer } from '../observe/types.js';
import type { Settings } from '../settings/load.js';
import { cidrContains, parseCidr, parseIpv4, type Cidr } from './ipv4.js';
import { reasons } from './reasons.js';
import { byCreation, type PlacedTenant } from './tenants.js';
import type { FloatingIp, Rejection } from './types.js';

export interface PlacedFloatingIp {
  router: string;
  floatingIp: FloatingIp;
}

/**
 * Floating IPs of labelled running containers. Containers without the label are not ours and
 * are skipped silently; a labelled one either maps or is rejected with its reason.
 * A global IP claimed twice on one router goes to the container created first.
 */
export function floatingIpsOf(
  containers: DockerContainer[],
  tenants: Map<string, PlacedTenant>,
  rejectedNetworks: Set<string>,
  settings: Settings,
): { placed: PlacedFloatingIp[]; rejected: Rejection[] } {
  const label = settings.labels.globalIp;
  const pools = settings.pools.map((text) => parseCidr(text)!);
  const placed: PlacedFloatingIp[] = [];
  const rejected: Rejection[] = [];
  const claims = new Map<string, DockerContainer>();

  const candidates = containers.filter((c) => c.running && c.labels[label] !== undefined).sort(byCreation);
  for (const container of candidates) {
    const fail = (reason: string, router?: string) =>
      rejected.push({ kind: 'container', object: container.name, reason, ...(router ? { router } : {}) });

    const networks = Object.keys(container.addresses).sort();
    const tenantNetworks = networks.filter((name) => tenants.has(name));
    if (tenantNetworks.length === 0) {
      const lost = networks.find((name) => rejectedNetworks.has(name));
      fail(lost ? reasons.networkRejected(lost) : reasons.noTenantNetwork());
      continue;
    }
    if (tenantNetworks.length > 1) {
      fail(reasons.severalNetworks(tenantNetworks));
      continue;
    }
    const network = tenantNetworks[0]!;
    const { router, tenant } = tenants.get(network)!;
    const global = container.labels[label]!;
    const globalValue = parseIpv4(global);
    if (globalValue === null) {
      fail(reasons.badGlobalIp(label, global), router.name);
      continue;
    }
    const local = container.addresses[network]!;
    if (local === '') {
      fail(reasons.noAddress(network), router.name);
      continue;
    }
    const subnet: Cidr = { network: parseIpv4(tenant.subnet)!, prefixLength: tenant.prefixLength };
    const localValue = parseIpv4(local);
    if (localValue === null || !cidrContains(subnet, localValue)) {
      fail(reasons.localOutside(local, `${tenant.subnet}/${tenant.prefixLength}`), router.name);
      continue;
    }
    if (pools.length > 0 && !pools.some((pool) => cidrContains(pool, globalValue))) {
      fail(reasons.globalOutsidePools(global, settings.pools), router.name);
      continue;
    }
    const claim = `${router.name}\u0000${global}`;
    const owner = claims.get(claim);
    if (owner) {
      fail(reasons.globalTaken(global, owner.name), router.name);
      continue;
    }
    claims.set(claim, container);
    placed.push({
      router: router.name,
      floatingIp: { vrf: tenant.vrf, local, global, container: container.name, containerId: container.id },
    });
  }
  return { placed, rejected };
}
