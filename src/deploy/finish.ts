/**
 * The last phase of every run, whatever its end: the record. Committed to the records branch;
 * when that fails it is kept locally (unrecorded.ts) and, failing that too, given to the caller
 * whole in a warning, so a deploy that changed a router is never left without a trace.
 */
import { isLive, type DeployRecord } from './record.js';
import type { RouterDeployOutcome } from './request.js';
import type { RouterRun, RunEnd } from './router-run.js';
import { keepUnrecorded } from './unrecorded.js';
import { errorText } from '../errors.js';

export function recordOf(run: RouterRun, { result, state, message }: RunEnd): DeployRecord {
  const { req } = run;
  return {
    id: run.id,
    router: run.name,
    kind: req.kind,
    ref: req.ref,
    commit: req.commit,
    previousLive: run.previousLive,
    started: run.started.toISOString(),
    ended: new Date().toISOString(),
    actor: req.actor,
    result,
    state,
    message: [message, ...run.warnings].join('\n'),
    commands: run.sent,
    rollback: run.rollback,
    failedLines: run.failedLines,
    revertTimerMinutes: run.timer,
    saved: run.saved,
    backupBlob: run.backupBlob,
    summary: run.plan ? { add: run.plan.summary.add, change: run.plan.summary.change, remove: run.plan.summary.remove } : null,
    adopt: [...req.scope.adopt],
    forced: [...(req.forced ?? [])],
    overrides: [...(req.overrides ?? [])],
  };
}

export async function finish(run: RouterRun, ending: RunEnd): Promise<RouterDeployOutcome> {
  const { records } = run.req;
  run.previousLive = await run.live.catch(() => run.previousLive);
  const record = recordOf(run, ending);
  let recordCommit: string | null = null;
  let unrecorded: string | null = null;
  let recordProblem: string | null = null;
  try {
    recordCommit = await records.saveRecord(record, isLive(record), run.backupFiles);
  } catch (error) {
    const why = `the deploy record could not be written to ${records.branch} (${errorText(error).replace(/\s*\n\s*/g, ' ')})`;
    try {
      await records.keepBlobs(run.backupFiles);
      unrecorded = await keepUnrecorded(records.git, record);
      recordProblem = `${why}; it is kept in ${unrecorded}: \`translator status\` lists it and the next deploy commits it`;
    } catch (second) {
      recordProblem = `${why}, nor kept in the repository (${errorText(second)}); the record follows, keep it: ${JSON.stringify(record)}`;
    }
  }
  run.log(`${ending.result} (router in the ${ending.state} state)`);
  return { record, recordCommit, unrecorded, recordProblem, plan: run.plan, warnings: run.warnings };
}
