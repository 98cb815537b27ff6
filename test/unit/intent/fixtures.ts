import { EXAMPLE_STATE } from '../../../src/cli/example-state.js';
import type { DockerContainer, DockerNetwork, DockerState } from '../../../src/observe/types.js';
import { loadSettings, type Settings } from '../../../src/settings/load.js';
import { settingsSchemas } from '../../../src/settings/schema.js';

/** Builders around the seed's example (EXAMPLE_STATE): network mytenant on eth1.10, container web with global_ip. */
export function network(overrides: Partial<DockerNetwork> = {}): DockerNetwork {
  return { ...EXAMPLE_STATE.networks[0]!, id: `id-${overrides.name ?? 'mytenant'}`, ...overrides };
}

export function container(overrides: Partial<DockerContainer> = {}): DockerContainer {
  return { ...EXAMPLE_STATE.containers[0]!, id: `id-${overrides.name ?? 'web'}`, ...overrides };
}

export function state(networks: DockerNetwork[] = [network()], containers: DockerContainer[] = [container()]): DockerState {
  return { networks, containers };
}

const SEED_ENV = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };

/** Settings for one router from the seed's variables, with optional extra env. */
export function seedSettings(extra: Record<string, string> = {}): Settings {
  return loadSettings({ repo: '/nonexistent', env: { ...SEED_ENV, ...extra } });
}

/** Two routers, edge1 and edge2, with the same interface names. */
export function twoRouterSettings(): Settings {
  return settingsSchemas().settingsSchema.parse({
    routers: [
      { name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' },
      { name: 'edge2', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' },
    ],
  });
}
