/**
 * `translator deploy|rollback|decommission --format json`, and drift --fix's `fix` (schemas/deploy.schema.json):
 * each router's result with its whole deploy record, and how the records reached the remote.
 * Like Argo CD's sync result (`status.operationState`: phase, message, one result per resource),
 * a run answers "did it work, for which router, and what was sent" without parsing words.
 */
import type { DeployBatchResult } from '../deploy/service.js';
import { succeeded } from '../deploy/run-all.js';
import { document } from './document.js';

export type DeployCommand = 'deploy' | 'rollback' | 'drift' | 'decommission';

/** The part drift embeds under `fix`. */
export function deployRun({ outcomes, push, earlier }: DeployBatchResult) {
  const routers = outcomes.map((outcome) => ({
    router: outcome.record.router,
    result: outcome.record.result,
    state: outcome.record.state,
    ok: succeeded(outcome) && outcome.recordProblem === null,
    message: outcome.record.message,
    commit: outcome.record.commit,
    lines: outcome.record.commands.length,
    warnings: outcome.warnings,
    recordCommit: outcome.recordCommit,
    recordProblem: outcome.recordProblem,
    record: outcome.record,
  }));
  return {
    ok: routers.every((r) => r.ok) && !push?.failed,
    routers,
    records: push ? { pushed: !push.failed, note: push.note } : null,
    earlier,
  };
}

/** What a decommission did to Git after the router was emptied (null: nothing archived). */
export interface ArchiveDone {
  commit: string;
  from: string;
  to: string;
  pushed: string | null;
}

export function deployDocument(command: DeployCommand, result: DeployBatchResult, archive?: ArchiveDone | null) {
  return document('deploy', { command, ...deployRun(result), ...(archive !== undefined ? { archive } : {}) });
}
