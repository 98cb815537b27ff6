/**
 * One address, two holders. One engine's IPAM never hands an address out twice, but several
 * engines sharing a tenant network, or the nodes of a Swarm (each allocates from its own
 * config-only network: moby/moby#49921), do. A static NAT to an address two hosts answer for
 * is wrong for both, so the holder created first keeps it.
 */
import { byCreation } from '../intent/tenants.js';
import type { Rejection } from '../intent/types.js';
import { sourceReasons } from './reasons.js';
import type { DockerContainer } from './types.js';

/**
 * Later holders of a taken address are dropped: with a reason when they ask for a floating IP
 * (`globalIpLabel`), silently otherwise (they ask translator for nothing).
 */
export function settleAddressClashes(
  containers: readonly DockerContainer[],
  globalIpLabel: string,
): { kept: DockerContainer[]; rejected: Rejection[] } {
  const owners = new Map<string, DockerContainer>();
  const kept: DockerContainer[] = [];
  const rejected: Rejection[] = [];
  for (const container of [...containers].sort(byCreation)) {
    const clash = Object.entries(container.addresses)
      .filter(([, address]) => address !== '')
      .map(([network, address]) => ({ network, address, owner: owners.get(`${network}\u0000${address}`) }))
      .find((held) => held.owner !== undefined);
    if (clash) {
      if (container.labels[globalIpLabel] !== undefined) {
        const why = sourceReasons.addressTaken(clash.address, clash.network, clash.owner!.name, clash.owner!.host ?? 'the same engine');
        rejected.push({ kind: 'container', object: container.name, ...why });
      }
      continue;
    }
    for (const [network, address] of Object.entries(container.addresses)) {
      if (address !== '') owners.set(`${network}\u0000${address}`, container);
    }
    kept.push(container);
  }
  return { kept, rejected };
}
