/**
 * Reasons to refuse a plan: what the intent would create collides with something on the router that
 * is not ours (DESIGN.md, "Ownership"; IOSXE.md, side effects). Each check names the object.
 */
import type { ScopedConfig, ScopedSection } from '../scope.js';
import type { ScopeOptions } from '../options.js';
import type { SectionKindName } from './sections.js';

export interface ConflictCheck {
  id: string;
  /** Kinds of object the check is about. */
  kinds: readonly SectionKindName[];
  /** Problems for one intended object (`key` is its first line). */
  check: (key: string, intended: ScopedSection, running: ScopedConfig, options: ScopeOptions) => string | undefined;
  reason: string;
  source?: string;
}

const DOT1Q = /^encapsulation dot1Q (\d+)/;
const STATIC = /^ip nat inside source static (?:(?:tcp|udp) )?(\S+) (\S+)/;

export const CONFLICT_CHECKS: readonly ConflictCheck[] = [
  {
    id: 'unmarked-object',
    kinds: ['vrf', 'subinterface'],
    check: (key, _intended, running, options) => {
      const foreign = running.foreign.get(key);
      if (!foreign || options.adopt.includes(foreign.name)) return undefined;
      const at = foreign.line ? ` (running-config line ${foreign.line})` : '';
      return (
        `${foreign.kind} "${foreign.name}" already exists on the router without the ownership marker ` +
        `(a description starting with "${options.marker}")${at}; refusing to take it over. ` +
        `Rename it, or pass --adopt ${foreign.name} to let the plan manage it and mark it.`
      );
    },
    reason: 'never change what is not ours unless the user adopts it',
    source: 'DESIGN.md',
  },
  {
    id: 'vlan-in-use',
    kinds: ['subinterface'],
    check: (key, intended, running) => {
      for (const child of intended.node.children) {
        const tag = DOT1Q.exec(child.text);
        const holder = tag ? running.surroundings.insideVlans.get(tag[1]!) : undefined;
        if (holder && `interface ${holder}` !== key) {
          return `VLAN ${tag![1]} of ${intended.name} is already used by ${holder}, which is not ours; the device would reject the encapsulation.`;
        }
      }
      return undefined;
    },
    reason: 'one dot1Q tag per parent interface',
    source: 'IOSXE.md (encapsulation dot1Q N in use)',
  },
  {
    id: 'global-ip-in-use',
    kinds: ['nat-static'],
    check: (key, _intended, running) => {
      const m = STATIC.exec(key);
      const holder = m ? running.surroundings.staticGlobals.get(m[2]!) : undefined;
      return holder ? `global IP ${m![2]} is already mapped by "${holder}", which is not ours; the device would refuse a second mapping.` : undefined;
    },
    reason: 'a global address maps to one local address',
    source: 'IOSXE.md (% similar static entry … already exists)',
  },
];

/** Checks on objects the plan would remove. */
export const REMOVAL_CHECKS: readonly ConflictCheck[] = [
  {
    id: 'vrf-still-used',
    kinds: ['vrf'],
    check: (_key, owned, running) => {
      const users = running.surroundings.vrfUsers.get(owned.name);
      return users?.length
        ? `VRF "${owned.name}" would be removed but ${users.join(', ')} (not ours) still forwards in it; the device would strip their addresses.`
        : undefined;
    },
    reason: 'no vrf definition removes the address of every interface in the VRF',
    source: 'IOSXE.md (no vrf definition)',
  },
];
