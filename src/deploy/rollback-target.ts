/**
 * What `translator rollback` deploys when no commit is named: the intended commit that was live
 * before the last successful deploy that changed which commit is live (a drift fix or a second
 * deploy of the same commit changes nothing). Read from the records branch, which the store
 * fetches from the GitOps remote first: a fresh clone picks the same target as the machine
 * that deployed.
 */
import type { RecordsStore } from './records.js';

/** No earlier commit can be told from the records: the message says what to pass instead. */
export class RollbackTargetError extends Error {
  override name = 'RollbackTargetError';
}

export interface RollbackTarget {
  /** The intended commit to deploy. */
  commit: string;
  /** The deploy it was live before. */
  before: string;
}

export async function rollbackTarget(records: RecordsStore, router: string): Promise<RollbackTarget> {
  const last = (await records.history(router)).find((r) => r.result === 'success' && r.previousLive !== r.commit);
  if (!last) throw new RollbackTargetError(`${router}: no successful deploy is recorded on ${records.branch}: name the commit with --to REF`);
  if (!last.previousLive) {
    throw new RollbackTargetError(
      `${router}: the last successful deploy (${last.id}) was the first one recorded, so there is nothing before it: name the commit with --to REF`,
    );
  }
  return { commit: last.previousLive, before: last.id };
}
