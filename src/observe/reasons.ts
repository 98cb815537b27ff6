/**
 * The words of every rejection a source makes (several hosts, Swarm), in one place. Names from
 * Docker (networks, services, nodes) are untrusted and quoted; engine addresses come from the
 * settings and are shown as written.
 */
import { coded, quote } from '../intent/reason-text.js';

/** One value and the places that hold it, for "the nodes disagree" reasons. */
export interface HeldValue {
  value: string;
  where: string[];
}

const list = (holders: HeldValue[]) => holders.map((h) => `${h.where.join(', ')}: ${h.value}`).join('; ');

const TEXTS = {
  // Swarm networks
  notConfigFrom: () =>
    'a swarm-scoped macvlan network takes each node\'s parent and subnet from a config-only network: create it with --config-from',
  noConfigOnly: (config: string, read: string[]) =>
    `no node whose engine translator reads holds its config-only network ${quote(config)} (read: ${read.length > 0 ? read.map(quote).join(', ') : 'none'})`,
  nodesDisagree: (what: string, holders: HeldValue[]) =>
    `the nodes' config-only networks disagree on the ${what} (${list(holders)}): parents may be named differently but must carry one VLAN, subnet and gateway`,

  // Swarm services and tasks
  labelsDisagree: (label: string, serviceValue: string, containerValue: string) =>
    `service label ${label}=${quote(serviceValue)} and container label ${label}=${quote(containerValue)} disagree`,
  globalMode: (global: string) =>
    `the service runs one task per node (--mode global) but has one global IP ${quote(global)}: a floating IP maps to one address`,
  replicated: (global: string, replicas: number, running: string[]) =>
    `the service asks for ${replicas} tasks${running.length > 0 ? ` (running: ${running.join(', ')})` : ''} but has one global IP ${quote(global)}: a floating IP maps to one address (run it with --replicas 1)`,
  addressUnknown: (node: string, network: string) =>
    `its address in network ${quote(network)} is unknown: only node ${quote(node)}'s own engine knows it, and none of docker.swarm.nodes answered for that node`,

  // Several engines, and tasks of several nodes
  addressTaken: (address: string, network: string, owner: string, ownerHost: string) =>
    `its address ${address} in network ${quote(network)} is also held by ${quote(owner)} on ${ownerHost} (created earlier): ` +
    'each engine allocates addresses on its own, so give each one its own --ip-range',
  nameOtherConfig: (host: string, mine: string, ownerHost: string, theirs: string) =>
    `on ${host} the network has ${mine}, but on ${ownerHost} (seen first) ${theirs}: one network name is one tenant`,
  vlanOtherSubnet: (vlan: number, host: string, subnet: string, owner: string, ownerHost: string, ownerSubnet: string) =>
    `on ${host} VLAN ${vlan} carries ${subnet}, but on ${ownerHost} network ${quote(owner)} (seen first) puts ${ownerSubnet} on it: one VLAN is one subnet`,
  globalTakenElsewhere: (global: string, owner: string, ownerHost: string) =>
    `global IP ${global} is already claimed by container ${quote(owner)} on ${ownerHost} (created earlier)`,
  networkRejectedOn: (network: string, host: string) => `its network ${quote(network)} on ${host} was rejected`,
} as const;

/** The stable codes of the rejections sources make (intent's own are in intent/reasons.ts). */
export type SourceRejectionCode = keyof typeof TEXTS;
export const SOURCE_REJECTION_CODES = Object.keys(TEXTS) as SourceRejectionCode[];

export const sourceReasons = coded(TEXTS);
