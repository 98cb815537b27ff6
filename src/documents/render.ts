/** `translator render --format json` (schemas/render.schema.json): the intent, each router's config, the rejections. */
import type { Rejection, RouterIntent } from '../intent/types.js';
import { document } from './document.js';

export function renderDocument(routers: ReadonlyArray<{ router: string; intent: RouterIntent; intendedCfg: string }>, rejections: readonly Rejection[]) {
  return document('render', {
    routers: routers.map((r) => ({ router: r.router, intent: r.intent, config: r.intendedCfg })),
    rejections,
  });
}
