import type { DockerState } from '../observe/types.js';

/**
 * The seed's example as Docker would report it, for the demo when no Docker engine is
 * reachable: `docker network create -d macvlan --subnet=192.168.1.0/24
 * --gateway=192.168.1.254 -o parent=eth1.10 mytenant` and `docker run --net=mytenant
 * --ip=192.168.1.1 -l global_ip=10.0.1.1 alpine`.
 */
export const EXAMPLE_STATE: DockerState = {
  networks: [
    {
      id: '5f0c1e2d3a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5',
      name: 'mytenant',
      driver: 'macvlan',
      subnet: '192.168.1.0/24',
      gateway: '192.168.1.254',
      parent: 'eth1.10',
      labels: {},
      created: '2026-11-29T10:00:00.000Z',
    },
  ],
  containers: [
    {
      id: 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9',
      name: 'web',
      created: '2026-11-29T10:01:00.000Z',
      running: true,
      labels: { global_ip: '10.0.1.1' },
      addresses: { mytenant: '192.168.1.1' },
    },
  ],
};

/** The seed's interfaces, used by the demo when the environment names none. */
export const EXAMPLE_INTERFACES = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1' };
