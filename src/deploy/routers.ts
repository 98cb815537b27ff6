/** One router's settings, and the ownership scope a plan for it uses. */
import type { ScopeOptions } from '../iosxe/index.js';
import type { RouterSettings, Settings } from '../settings/load.js';

export function routerSettings(settings: Settings, name: string): RouterSettings {
  const router = settings.routers.find((r) => r.name === name);
  if (!router) throw new Error(`unknown router ${name}`);
  return router;
}

/** `adopt`: unmarked objects to take over (--adopt); the plan marks them. */
export function scopeOf(settings: Settings, router: RouterSettings, adopt: readonly string[] = []): ScopeOptions {
  return { inside: router.inside, outside: router.outside, marker: settings.ownership.marker, prefix: settings.ownership.prefix, adopt: [...adopt] };
}
