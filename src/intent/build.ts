import type { DockerState } from '../observe/types.js';
import type { Settings } from '../settings/load.js';
import { parseIpv4 } from './ipv4.js';
import { byRejection, compareText } from './order.js';
import { floatingIpsOf } from './floating-ips.js';
import { routerAddresses } from './router-addresses.js';
import { settleVlanClashes, tenantOf, type PlacedTenant } from './tenants.js';
import type { FactsByRouter, FloatingIp, Intent, Rejection, RouterIntent } from './types.js';

/** The egress route-map's name after the owned prefix (one route-map shared by all tenants). */
const EGRESS_ROUTE_MAP = 'EGRESS';

/**
 * DockerState + settings → the intent of every configured router, plus every rejected object
 * with its reason. Pure and deterministic: the output order never depends on Docker's order.
 * `facts` (what each router holds outside translator's objects, when known) rejects what would
 * collide with it: a tenant named like a legacy VRF, a floating IP the router already uses.
 * Without facts nothing more is rejected than Docker and the settings alone show.
 */
export function buildIntent(state: DockerState, settings: Settings, facts?: FactsByRouter): Intent {
  const rejections: Rejection[] = [...(state.sourceRejections ?? [])];
  const candidates: { network: DockerState['networks'][number]; placed: PlacedTenant }[] = [];
  for (const network of state.networks) {
    if (network.driver !== 'macvlan') continue;
    const outcome = tenantOf(network, settings, facts);
    if ('rejected' in outcome) rejections.push(outcome.rejected);
    else candidates.push({ network, placed: outcome.ok });
  }
  const { kept, rejected } = settleVlanClashes(candidates);
  rejections.push(...rejected);

  const tenantsByNetwork = new Map(kept.map((placed) => [placed.tenant.network, placed]));
  const rejectedNetworks = new Set(rejections.map((rejection) => rejection.object));
  const addresses = new Map(
    settings.routers.map((router) => [
      router.name,
      routerAddresses(router, kept.filter((placed) => placed.router.name === router.name).map((placed) => placed.tenant), facts?.get(router.name)),
    ]),
  );
  const floating = floatingIpsOf(state.containers, tenantsByNetwork, rejectedNetworks, addresses, settings);
  rejections.push(...floating.rejected);

  const routers: RouterIntent[] = settings.routers.map((router) => ({
    router: router.name,
    inside: router.inside,
    outside: router.outside,
    marker: settings.ownership.marker,
    prefix: settings.ownership.prefix,
    egressRouteMap: settings.egress === 'set-global' ? `${settings.ownership.prefix}${EGRESS_ROUTE_MAP}` : null,
    tenants: kept
      .filter((placed) => placed.router.name === router.name)
      .map((placed) => placed.tenant)
      .sort((a, b) => compareText(a.vrf, b.vrf)),
    floatingIps: sortFloatingIps(floating.placed.filter((placed) => placed.router === router.name).map((p) => p.floatingIp)),
  }));

  rejections.sort(byRejection);
  return { routers, rejections };
}

/**
 * By VRF, then numeric local address; ties keep their order (creation). Each floating IP gets one
 * number to sort by — its VRF's rank in text order, then its local address — so the 1.7 million
 * comparisons of 100,000 floating IPs compare numbers, not strings (issue 14). A router has at most
 * 4,094 VRFs (one per VLAN), so rank × 2³² + address stays an exact double.
 */
function sortFloatingIps(floatingIps: FloatingIp[]): FloatingIp[] {
  const rank = new Map([...new Set(floatingIps.map((f) => f.vrf))].sort(compareText).map((vrf, i) => [vrf, i]));
  const keys = floatingIps.map((f) => rank.get(f.vrf)! * 2 ** 32 + parseIpv4(f.local)!);
  return [...keys.keys()].sort((a, b) => keys[a]! - keys[b]!).map((i) => floatingIps[i]!);
}
