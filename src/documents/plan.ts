/** `translator plan --format json` (schemas/plan.schema.json): one entry per router, planned or not. */
import type { RecordedView } from '../deploy/recorded-plan.js';
import { planJson } from '../iosxe/index.js';
import { document } from './document.js';

/** A plan made offline from files (`--running`), with the router's name when it is known. */
export interface FilePlanView extends Pick<RecordedView, 'plan' | 'scope'> {
  router: string | null;
}

function planEntry(view: RecordedView | FilePlanView) {
  const { plan } = view;
  return {
    router: view.router,
    ...('commit' in view ? { ref: view.ref, commit: view.commit } : {}),
    ...('recorded' in view && view.recorded ? { recorded: { source: view.recorded.source, at: view.recorded.at, warnings: view.recorded.warnings } } : {}),
    /** Commands to send (0: nothing to change), and the objects they touch. */
    commands: plan ? plan.commands.length : null,
    changes: plan ? plan.changes.length : null,
    plan: plan ? planJson(plan, view.scope) : null,
    error: 'error' in view && view.error !== undefined ? view.error : null,
  };
}

export function planDocument(views: ReadonlyArray<RecordedView | FilePlanView>) {
  const routers = views.map(planEntry);
  return document('plan', {
    changes: routers.reduce((sum, r) => sum + (r.changes ?? 0), 0),
    routers,
  });
}
