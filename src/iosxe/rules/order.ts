/**
 * The order of a plan's steps (IOSXE.md): creation VRF → sub-interface → ACL / route-map → NAT list →
 * NAT static; removal the reverse. Each step is a kind of object and what is done to it.
 */
import type { SectionKindName } from './sections.js';

export interface OrderStep {
  /** `remove`: whole objects (or owned lines) that the intent no longer has; `update`: create and change. */
  action: 'remove' | 'update';
  kinds: readonly SectionKindName[];
  reason: string;
  source?: string;
}

export const STEPS: readonly OrderStep[] = [
  {
    action: 'remove',
    kinds: ['nat-static'],
    reason: 'a changed floating IP (new local or new global) is removed before its replacement is added',
    source: 'IOSXE.md (% L already mapped; % similar static entry)',
  },
  { action: 'remove', kinds: ['nat-list'], reason: 'NAT lines go before the ACL and VRF they name', source: 'IOSXE.md' },
  { action: 'remove', kinds: ['acl', 'route-map'], reason: 'nothing of ours references them any more' },
  {
    action: 'remove',
    kinds: ['subinterface', 'outside-interface'],
    reason: 'an old sub-interface goes before a new one may take its VLAN or subnet',
    source: 'IOSXE.md (dot1Q in use; overlapping address)',
  },
  { action: 'update', kinds: ['vrf'], reason: 'a VRF exists before an interface enters it', source: 'IOSXE.md (% VRF X not configured)' },
  {
    action: 'update',
    kinds: ['outside-interface', 'subinterface'],
    reason: 'interfaces move to their new VRF before an old VRF is removed',
  },
  {
    action: 'remove',
    kinds: ['vrf'],
    reason: 'a VRF is removed last: removing it strips the address of every interface still in it',
    source: 'IOSXE.md (no vrf definition)',
  },
  { action: 'update', kinds: ['acl', 'route-map'], reason: 'ACLs exist before the NAT lists that name them' },
  { action: 'update', kinds: ['nat-list'], reason: "a tenant's PAT after its VRF, sub-interface and ACL" },
  { action: 'update', kinds: ['nat-static'], reason: 'floating IPs last, once their VRF is in place' },
];
