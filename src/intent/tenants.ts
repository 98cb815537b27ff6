import type { DockerNetwork } from '../observe/types.js';
import type { Settings, RouterSettings } from '../settings/load.js';
import { GATEWAY_TABLE, blockOf } from './address-blocks.js';
import { VRF_NAME, matches, parseVlan } from './grammar.js';
import { compareText } from './order.js';
import { broadcastOf, cidrContains, formatIpv4, maskOf, parseIpv4, parsePrefix } from './ipv4.js';
import { reasons, type Reason } from './reasons.js';
import type { FactsByRouter, Rejection, Tenant } from './types.js';

export interface PlacedTenant {
  router: RouterSettings;
  tenant: Tenant;
}

type Outcome = { ok: PlacedTenant } | { rejected: Rejection };

const reject = (network: DockerNetwork, why: Reason, router?: string): Outcome => ({
  rejected: { kind: 'network', object: network.name, ...why, ...(router ? { router } : {}) },
});

/** A `parent` like "eth1.10" carries its VLAN after the last dot. */
const PARENT_VLAN = /\.([^.]+)$/;

/**
 * One macvlan network → one tenant on one router, or a rejection with its reason.
 * Does not look at other networks: clashes between tenants are settled by `settleVlanClashes`.
 */
export function tenantOf(network: DockerNetwork, settings: Settings, facts?: FactsByRouter): Outcome {
  const routerLabel = settings.labels.router;
  const chosen = network.labels[routerLabel];
  let router: RouterSettings | undefined;
  if (chosen !== undefined) {
    router = settings.routers.find((candidate) => candidate.name === chosen);
    if (!router) return reject(network, reasons.routerUnknown(routerLabel, chosen));
  } else if (settings.routers.length === 1) {
    router = settings.routers[0];
  } else if (settings.routers.length === 0) {
    return reject(network, reasons.noRouter());
  } else {
    return reject(network, reasons.routerAmbiguous(routerLabel, settings.routers.map((r) => r.name)));
  }
  const fail = (why: Reason) => reject(network, why, router!.name);

  if (!matches(VRF_NAME, network.name)) return fail(reasons.badVrfName(VRF_NAME.reason));
  // IOS keeps VRF names case-sensitive: only the same spelling collides.
  if (facts?.get(router!.name)?.legacyVrfs.includes(network.name)) return fail(reasons.legacyVrf(network.name, router!.name));

  const vlanLabel = settings.labels.vlan;
  const labelled = network.labels[vlanLabel];
  const fromParent = network.parent === null ? undefined : PARENT_VLAN.exec(network.parent)?.[1];
  const vlanText = labelled ?? fromParent;
  if (vlanText === undefined) return fail(reasons.noVlan(network.parent, vlanLabel));
  const vlan = parseVlan(vlanText);
  if (vlan === null) return fail(reasons.badVlan(labelled !== undefined ? `label ${vlanLabel}` : 'parent', vlanText));

  const prefix = network.subnet === null ? null : parsePrefix(network.subnet);
  if (prefix === null) return fail(reasons.noSubnet());
  const cidr = { network: (prefix.address & maskOf(prefix.prefixLength)) >>> 0, prefixLength: prefix.prefixLength };
  const subnet = `${formatIpv4(cidr.network)}/${cidr.prefixLength}`;
  // What IOS would print differently from what we render could never verify: refuse it here.
  if (prefix.address !== cidr.network) return fail(reasons.subnetHostBits(network.subnet!, subnet));
  if (cidr.prefixLength === 0) return fail(reasons.subnetEverything());
  if (cidr.prefixLength > 30) return fail(reasons.badPrefix(cidr.prefixLength));
  if (network.gateway === null) return fail(reasons.noGateway());
  const gateway = parseIpv4(network.gateway);
  if (gateway === null || !cidrContains(cidr, gateway) || gateway === cidr.network || gateway === broadcastOf(cidr)) {
    return fail(reasons.gatewayOutside(network.gateway, subnet));
  }
  const refused = blockOf(GATEWAY_TABLE, gateway);
  if (refused !== null && !refused.allowed) return fail(reasons.gatewayNotHost(network.gateway, refused));

  return {
    ok: {
      router: router!,
      tenant: {
        vrf: network.name,
        network: network.name,
        networkId: network.id,
        vlan,
        subinterface: `${router!.inside}.${vlan}`,
        subnet: formatIpv4(cidr.network),
        prefixLength: cidr.prefixLength,
        mask: formatIpv4(maskOf(cidr.prefixLength)),
        wildcard: formatIpv4(~maskOf(cidr.prefixLength) >>> 0),
        gateway: network.gateway,
        acl: `${settings.ownership.prefix}NAT-${network.name}`,
      },
    },
  };
}

/**
 * Two networks on one VLAN of one router cannot both be tenants: the one created first keeps
 * the VLAN (its traffic is already flowing), the newcomer is rejected and names the owner.
 */
export function settleVlanClashes(
  placed: { network: DockerNetwork; placed: PlacedTenant }[],
): { kept: PlacedTenant[]; rejected: Rejection[] } {
  const ordered = [...placed].sort((a, b) => byCreation(a.network, b.network));
  const owners = new Map<string, DockerNetwork>();
  const kept: PlacedTenant[] = [];
  const rejected: Rejection[] = [];
  for (const { network, placed: tenant } of ordered) {
    const key = `${tenant.router.name}\u0000${tenant.tenant.vlan}`;
    const owner = owners.get(key);
    if (owner) {
      rejected.push({
        kind: 'network',
        object: network.name,
        router: tenant.router.name,
        ...reasons.vlanTaken(tenant.tenant.vlan, tenant.router.name, owner.name),
      });
    } else {
      owners.set(key, network);
      kept.push(tenant);
    }
  }
  return { kept, rejected };
}

/** Oldest first; the id breaks ties so the outcome never depends on listing order. */
export function byCreation(a: { created: string; id: string }, b: { created: string; id: string }): number {
  return compareText(a.created, b.created) || compareText(a.id, b.id);
}
