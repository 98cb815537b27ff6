/**
 * Reasons to refuse a plan: what the intent would create collides with something on the router that
 * is not ours (DESIGN.md, "Ownership"; IOSXE.md, side effects). Each check names the object.
 */
import type { ScopedConfig, ScopedSection } from '../scope.js';
import type { ScopeOptions } from '../options.js';
import { TARGET_OF_KIND } from './references.js';
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
];

/** A check on an object the plan really changes or removes (run after planning, so that only real changes count). */
export interface ChangeCheck {
  id: string;
  kinds: readonly SectionKindName[];
  check: (change: { kind: SectionKindName; name: string; action: 'add' | 'change' | 'remove' }, running: ScopedConfig, options: ScopeOptions) => string | undefined;
  reason: string;
  source?: string;
}

export const CHANGE_CHECKS: readonly ChangeCheck[] = [
  {
    id: 'referenced-by-unowned',
    kinds: ['acl', 'route-map', 'vrf', 'subinterface'],
    check: (change, running, options) => {
      if (change.action === 'add') return undefined;
      const users = running.surroundings.references.get(`${TARGET_OF_KIND.get(change.kind)} ${change.name}`);
      if (!users?.length) return undefined;
      const looks = change.kind === 'acl' || change.kind === 'route-map' ? `its name starts with "${options.prefix}"` : `its description starts with "${options.marker}"`;
      return (
        `${change.kind} "${change.name}" would be ${change.action === 'remove' ? 'removed' : 'changed'}, but config that is not ours uses it: ` +
        `${users.map((u) => u.line).join('; ')}. It only looks like ours (${looks}); refusing to touch it. ` +
        'Remove that use first, or rename the object on the router.'
      );
    },
    reason: 'ownership by name is no licence to break what a human built on the object (a vty access-class, an interface in the VRF, …)',
    source: 'DESIGN.md (Ownership); issue 9',
  },
];
