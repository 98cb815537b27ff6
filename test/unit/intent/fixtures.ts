import type { DockerContainer, DockerNetwork, DockerState } from '../../../src/observe/types.js';
import { loadSettings, type Settings } from '../../../src/settings/load.js';

/** The seed's example as DockerState: network mytenant on eth1.10, container web with global_ip. */
export function network(overrides: Partial<DockerNetwork> = {}): DockerNetwork {
  return {
    id: `id-${overrides.name ?? 'mytenant'}`,
    name: 'mytenant',
    driver: 'macvlan',
    subnet: '192.168.1.0/24',
    gateway: '192.168.1.254',
    parent: 'eth1.10',
    labels: {},
    created: '2026-11-29T10:00:00.000Z',
    ...overrides,
  };
}

export function container(overrides: Partial<DockerContainer> = {}): DockerContainer {
  return {
    id: `id-${overrides.name ?? 'web'}`,
    name: 'web',
    created: '2026-11-29T10:01:00.000Z',
    running: true,
    labels: { global_ip: '10.0.1.1' },
    addresses: { mytenant: '192.168.1.1' },
    ...overrides,
  };
}

export function state(networks: DockerNetwork[] = [network()], containers: DockerContainer[] = [container()]): DockerState {
  return { networks, containers };
}

export const SEED_ENV = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };

/** Settings for one router from the seed's variables, with optional extra env. */
export function seedSettings(extra: Record<string, string> = {}): Settings {
  return loadSettings({ repo: '/nonexistent', env: { ...SEED_ENV, ...extra } });
}
