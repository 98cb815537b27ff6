import { existsSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { nunjucks } from '../lazy.js';
import { TEMPLATE_OVERRIDES_DIR } from '../gitops/layout.js';
import type { RouterIntent } from '../intent/types.js';
import { RenderError } from './errors.js';
import { assertPrintableConfig } from './printable.js';
import { renderInSandbox } from './sandbox.js';
import { unboundLoopsLoader } from './unbound-loops.js';
import { ENTRY, NUNJUCKS_OPTIONS, assertNotLinked, listOverrides, packagedTemplates, templatesWithOverrides } from './templates.js';


/** The packaged templates: `templates/iosxe/` at the package root (same depth from src/ and dist/). */
export const PACKAGED_TEMPLATES = fileURLToPath(new URL('../../templates/iosxe/', import.meta.url));

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

export interface RendererOptions {
  /** settings `render.templateOverrides`: render the repository's templates/iosxe/ (in the sandbox). */
  templateOverrides?: boolean;
}

/**
 * A renderer for one GitOps repository. Without overrides: the packaged templates, in this process
 * (they ship with translator; the fast path). With overrides in `templates/iosxe/`: refused unless
 * `templateOverrides` is on, and then rendered in the sandbox process (sandbox.ts), because a
 * template is code and nunjucks is not a sandbox. Either way the text is checked to be printable
 * ASCII, line by line, before anyone writes it. Undefined variables are errors.
 */
export function createRenderer(repo?: string, options: RendererOptions = {}): Renderer {
  if (repo !== undefined) assertNotLinked(repo, TEMPLATE_OVERRIDES_DIR);
  const overrideDir = repo === undefined ? undefined : join(repo, TEMPLATE_OVERRIDES_DIR);
  const overrides = overrideDir === undefined || isPackaged(overrideDir) ? [] : listOverrides(overrideDir);
  if (overrides.length === 0) return packagedRenderer();
  if (!options.templateOverrides) throw new RenderError(overridesDisabled(overrides));
  const templates = templatesWithOverrides(packagedTemplates(PACKAGED_TEMPLATES), overrideDir!, TEMPLATE_OVERRIDES_DIR);
  return {
    render(intent) {
      const origin = `${TEMPLATE_OVERRIDES_DIR} (router ${intent.router})`;
      const text = renderInSandbox(templates, contextOf(intent), origin);
      assertPrintableConfig(text, origin);
      return text;
    },
  };
}

/** Run from translator's own checkout, the repository's templates/iosxe/ is the packaged one: no override. */
function isPackaged(dir: string): boolean {
  return existsSync(dir) && realpathSync(dir) === realpathSync(PACKAGED_TEMPLATES);
}

function packagedRenderer(): Renderer {
  // nunjucks, with loops that do not read `loop` not setting it (unbound-loops.ts): the same text, faster.
  const env = new (nunjucks().Environment)(unboundLoopsLoader(PACKAGED_TEMPLATES, NUNJUCKS_OPTIONS), NUNJUCKS_OPTIONS);
  return {
    render(intent) {
      const text = env.render(ENTRY, contextOf(intent));
      assertPrintableConfig(text, `packaged templates (router ${intent.router})`);
      return text;
    },
  };
}

function overridesDisabled(files: string[]): string {
  const shown = files.length > 10 ? [...files.slice(0, 10), `… ${files.length - 10} more`] : files;
  return (
    `${TEMPLATE_OVERRIDES_DIR}/ in the repository holds template overrides (${shown.join(', ')}), but render.templateOverrides ` +
    'is not enabled in translator.yaml. A template is code that nunjucks cannot confine, so overrides are refused ' +
    'unless enabled; enabled, they render in a locked-down process (docs/architecture.md "Templates"). Enable it or remove the files.'
  );
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
