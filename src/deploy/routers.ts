/** One router's settings, the ownership scope a plan for it uses, and that plan. */
import { intendedCfgPath } from '../gitops/layout.js';
import { parseConfig, plan, type Plan, type ScopeOptions } from '../iosxe/index.js';
import type { RouterSettings, Settings } from '../settings/load.js';

/** A router of the fleet, or one marked `decommission: true` (only `translator decommission` names those). */
export function routerSettings(settings: Settings, name: string): RouterSettings {
  const router = settings.routers.find((r) => r.name === name) ?? settings.decommissioned.find((r) => r.name === name);
  if (!router) throw new Error(`unknown router ${name}`);
  return router;
}

/** `adopt`: unmarked objects to take over (--adopt); the plan marks them. */
export function scopeOf(settings: Settings, router: RouterSettings, adopt: readonly string[] = []): ScopeOptions {
  return { inside: router.inside, outside: router.outside, marker: settings.ownership.marker, prefix: settings.ownership.prefix, adopt: [...adopt] };
}

/**
 * The plan from a router's running-config to its intended config. A refusal names the repository file
 * the intended config comes from, and the router, with line numbers.
 */
export function planRouter(router: string, running: string, intended: string, scope: ScopeOptions): Plan {
  return plan(parseConfig(running), parseConfig(intended), scope, { intended: intendedCfgPath(router), running: `the running-config of ${router}` });
}
