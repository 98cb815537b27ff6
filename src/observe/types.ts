/**
 * DockerState: what observe reads from a Docker engine, as plain serialisable data.
 * Nothing here is trusted: every value is validated by intent before it can reach a router.
 */
export interface DockerNetwork {
  id: string;
  name: string;
  driver: string;
  /** First IPv4 subnet of the network's IPAM config, CIDR form ("192.168.1.0/24"), or null. */
  subnet: string | null;
  /** IPv4 gateway of that subnet, or null when IPAM has none. */
  gateway: string | null;
  /** The macvlan `parent` driver option ("eth1.10"), or null. */
  parent: string | null;
  labels: Record<string, string>;
  /**
   * Creation time, ISO 8601: the first of two networks claiming one VLAN keeps it.
   * As observe writes it: UTC with nine fraction digits ("2026-11-29T15:33:51.201403836Z"),
   * so comparing as strings is comparing in time.
   */
  created: string;
}

export interface DockerContainer {
  id: string;
  /** Container name without Docker's leading slash. */
  name: string;
  /**
   * Creation time, ISO 8601: the tie-breaker for a global IP claimed twice.
   * As observe writes it: UTC with nine fraction digits ("2026-11-29T15:33:51.201403836Z"),
   * so comparing as strings is comparing in time.
   */
  created: string;
  running: boolean;
  labels: Record<string, string>;
  /**
   * IPv4 address per attached macvlan network, keyed by network name; an attached network
   * without an IPv4 address is present with "" so intent can say why it is rejected.
   */
  addresses: Record<string, string>;
}

export interface DockerState {
  networks: DockerNetwork[];
  containers: DockerContainer[];
}

/** A source of Docker state (the Docker Engine today; Swarm later). */
export interface StateSource {
  read(): Promise<DockerState>;
}
