/**
 * Objects the plan leaves as the router has them instead of refusing the whole plan (DESIGN.md,
 * "Ownership"): an intended object that would collide with config that is not ours is left out, and a
 * line of ours that a human may still need is kept. Each one is reported in `Plan.skipped`.
 */
import { findNatGlobal } from '../scope.js';
import type { ScopedConfig, ScopedSection } from '../scope.js';
import type { ScopeOptions } from '../options.js';
import type { SectionKindName } from './sections.js';

export interface SkipRule {
  id: string;
  /**
   * `add`: an intended object the router does not hold yet is left out; `remove`: an object of ours
   * that the intent no longer has is kept.
   */
  change: 'add' | 'remove';
  kinds: readonly SectionKindName[];
  /** Why the object must stay as the router has it (a sentence naming the line in the way), or undefined. */
  check: (key: string, section: ScopedSection, running: ScopedConfig, options: ScopeOptions) => string | undefined;
  /**
   * The object is a tenant's VRF and the whole tenant goes with it: every intended object that names
   * the VRF, and every object that only those name (skip.ts).
   */
  tenant?: true;
  reason: string;
  source: string;
}

const STATIC = /^ip nat inside source static (?:(?:tcp|udp) )?(\S+) (?:\d+ )?(\S+)/;

export const SKIP_RULES: readonly SkipRule[] = [
  {
    id: 'legacy-vrf',
    change: 'add',
    kinds: ['vrf'],
    tenant: true,
    check: (_key, section, running) => {
      const where = running.surroundings.legacyVrfs.get(section.name);
      return where
        ? `tenant "${section.name}" is left out: a legacy VRF of that name exists on the router (${where}), which is not ours. Rename the network, or remove the legacy VRF.`
        : undefined;
    },
    reason: 'IOS XE accepts the legacy `ip vrf` syntax in the same namespace; the tenant cannot be created, the others still can',
    source: 'issue 9; public running-configs in ../shared/corpus (batfish-nat-static.cfg: ip vrf vrf1)',
  },
  {
    id: 'global-ip-in-use',
    change: 'add',
    kinds: ['nat-static'],
    check: (key, section, running) => {
      const m = STATIC.exec(key);
      const user = m ? findNatGlobal(running.surroundings, m[2]!) : undefined;
      return user
        ? `floating IP ${m![2]} (${m![1]} in VRF ${section.name}) is left out: the global address is already used by ${user.at}, which is not ours.`
        : undefined;
    },
    reason: 'one global address, one mapping: the device refuses a second one, and a pool may hand the address out at any time',
    source: 'IOSXE.md (% similar static entry … already exists); rules/nat.ts',
  },
  {
    id: 'outside-nat-kept',
    change: 'remove',
    kinds: ['outside-interface'],
    check: (_key, section, running, options) => {
      if (!options.outsideNatAddedByTranslator) {
        return `"ip nat outside" on ${section.name} is kept: translator did not add it, and a line made by hand is never removed.`;
      }
      const users = running.surroundings.outsideNatUsers;
      if (users.length === 0) return undefined;
      const more = users.length > 1 ? ` (and ${users.length - 1} more)` : '';
      return `"ip nat outside" on ${section.name} is kept: NAT that is not ours still needs it: ${users[0]}${more}.`;
    },
    reason: 'the outside role is shared with the human: removed only when translator added it and no NAT of theirs is left',
    source: 'DESIGN.md (Ownership); issue 9 (8 of 32 public configs lost their ip nat outside)',
  },
];
