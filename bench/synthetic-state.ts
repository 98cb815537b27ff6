import type { DockerState } from '../src/observe/types.js';
import { formatIpv4 } from '../src/intent/ipv4.js';

/**
 * A DockerState of `tenants` macvlan networks with `perTenant` labelled containers each.
 * Tenant i gets VLAN i+1 and subnet 10.(i/256).(i%256).0/24 shifted into 100.64/10 for globals.
 */
export function syntheticState(tenants: number, perTenant: number): DockerState {
  const networks: DockerState['networks'] = [];
  const containers: DockerState['containers'] = [];
  for (let t = 0; t < tenants; t++) {
    const name = `tenant${String(t).padStart(4, '0')}`;
    const base = (10 << 24) + (t << 8);
    networks.push({
      id: `net${t}`,
      name,
      driver: 'macvlan',
      subnet: `${formatIpv4(base)}/24`,
      gateway: formatIpv4(base + 254),
      parent: `eth1.${t + 1}`,
      labels: {},
      created: '2026-01-01T00:00:00.000Z',
    });
    for (let c = 0; c < perTenant; c++) {
      const n = t * perTenant + c;
      containers.push({
        id: `c${n}`,
        name: `${name}-app${c}`,
        created: '2026-01-01T00:00:01.000Z',
        running: true,
        labels: { global_ip: formatIpv4((100 << 24) + (64 << 16) + n) },
        addresses: { [name]: formatIpv4(base + 1 + c) },
      });
    }
  }
  return { networks, containers };
}
