/** `translator unlock --format json` (schemas/unlock.schema.json). */
import type { RecordsPush } from '../deploy/service.js';
import { document } from './document.js';

export interface Unlocked {
  router: string;
  /** What was removed, in words (empty: nothing held the router). */
  removed: string[];
  /** The records file it was written to, when something was removed. */
  recordedIn: string | null;
}

export function unlockDocument(routers: Unlocked[], push: RecordsPush | null) {
  return document('unlock', { routers, records: push ? { pushed: !push.failed, note: push.note } : null });
}
