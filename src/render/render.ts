import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import nunjucks from 'nunjucks';
import type { RouterIntent } from '../intent/types.js';

/** The packaged templates: `templates/iosxe/` at the package root (same depth from src/ and dist/). */
export const PACKAGED_TEMPLATES = fileURLToPath(new URL('../../templates/iosxe/', import.meta.url));
const ENTRY = 'router.cfg.njk';

/** What the templates see. Everything in it was validated by intent: templates never escape. */
export interface RenderContext {
  router: string;
  inside: string;
  outside: string;
  marker: string;
  egressRouteMap: string | null;
  tenants: RouterIntent['tenants'];
  /** The same tenants in VLAN order, the order the device prints sub-interfaces in. */
  subinterfaces: RouterIntent['tenants'];
  floatingIps: RouterIntent['floatingIps'];
}

export interface Renderer {
  render(intent: RouterIntent): string;
}

/**
 * A renderer over the packaged templates, with the GitOps repository's `templates/iosxe/`
 * taking precedence file by file when it exists. Undefined variables are errors.
 */
export function createRenderer(repo?: string): Renderer {
  const override = repo === undefined ? undefined : join(repo, 'templates', 'iosxe');
  const searchPaths = override !== undefined && existsSync(override) ? [override, PACKAGED_TEMPLATES] : [PACKAGED_TEMPLATES];
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(searchPaths), {
    autoescape: false,
    throwOnUndefined: true,
    trimBlocks: true,
    lstripBlocks: true,
  });
  return {
    render(intent) {
      return env.render(ENTRY, contextOf(intent));
    },
  };
}

export function contextOf(intent: RouterIntent): RenderContext {
  return {
    router: intent.router,
    inside: intent.inside,
    outside: intent.outside,
    marker: intent.marker,
    egressRouteMap: intent.egressRouteMap,
    tenants: intent.tenants,
    subinterfaces: [...intent.tenants].sort((a, b) => a.vlan - b.vlan),
    floatingIps: intent.floatingIps,
  };
}
