/**
 * DockerState: what observe reads from a Docker engine, as plain serialisable data.
 * Nothing here is trusted: every value is validated by intent before it can reach a router.
 *
 * The optional fields come from sources of several hosts (docs/several-hosts.md): absent
 * for one engine, so a one-engine state.json is unchanged.
 */
import type { Rejection } from '../intent/types.js';

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
  /**
   * Where the network is defined: the engines (several engines) or the Swarm nodes whose
   * config-only network it takes its subnet and parent from, sorted.
   */
  hosts?: string[];
  /** Last known facts of an engine that did not answer (kept, never withdrawn by a blip). */
  stale?: boolean;
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
  /** The engine (several engines) or the Swarm node it runs on. */
  host?: string;
  /** Swarm: the service this task belongs to (the container's `id` is then the task's id). */
  service?: string;
  /** Last known facts of an engine that did not answer (kept, never withdrawn by a blip). */
  stale?: boolean;
}

export interface DockerState {
  networks: DockerNetwork[];
  containers: DockerContainer[];
  /**
   * Objects a source refused before intent saw them (conflicts between hosts, Swarm rules),
   * with their reasons; intent reports them with its own.
   */
  sourceRejections?: Rejection[];
  /** Engines or nodes that did not answer this read: their objects here are last known (stale). */
  unreachable?: string[];
  /** Why each of `unreachable` did not answer (the error, one line), when known. Never saved. */
  whyUnreachable?: Record<string, string>;
}

/** A source of Docker state: one engine, a Swarm, several engines (source.ts adds events). */
export interface StateSource {
  read(): Promise<DockerState>;
}
