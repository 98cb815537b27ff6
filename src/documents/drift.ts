/** `translator drift --format json` (schemas/drift.schema.json): each router's drifted objects, and what --fix did. */
import type { RouterView } from '../deploy/inspect.js';
import type { ResolvedRef } from '../deploy/intended.js';
import type { DeployBatchResult } from '../deploy/service.js';
import { deployRun } from './deploy.js';
import { document } from './document.js';

function driftEntry(view: RouterView) {
  const plan = view.plan;
  return {
    router: view.router,
    /** null: the router could not be checked (error says why). */
    drift: plan ? plan.commands.length > 0 : null,
    objects: plan ? plan.changes.map(({ action, kind, name, line }) => ({ action, kind, name, line })) : [],
    commands: plan ? plan.commands.length : null,
    error: view.error ?? null,
  };
}

export function driftDocument(resolved: ResolvedRef, views: readonly RouterView[], fix: DeployBatchResult | null) {
  const routers = views.map(driftEntry);
  return document('drift', {
    ref: resolved.ref,
    commit: resolved.commit,
    drifted: routers.filter((r) => r.drift === true).length,
    routers,
    fix: fix ? deployRun(fix) : null,
  });
}
