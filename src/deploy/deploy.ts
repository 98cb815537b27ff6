/**
 * The deploy contract for one router (DESIGN.md "Deploy contract"), as named phases:
 *   lock (here) → connect → preflight → read-and-plan → backup → approve     phases-prepare.ts, nothing sent
 *   → push → check-timer → verify → confirm → verify-after-confirm → save    phases-change.ts
 *   → record                                                                 finish.ts
 * Every failure after the first line was sent goes to `restore` (restore.ts), which ends in the
 * old state or, when that cannot be established, in result `unknown` with a message saying what
 * to check. Failures before that leave the router untouched. Every run, whatever its end, is
 * recorded. An interrupt (request.signal) is honoured between phases, during the phases that
 * send nothing, and during the push (see RouterDeployRequest.signal).
 */
import { acquireDeployGuard, type DeployGuard } from './guard.js';
import { DeployBlocked } from './lock.js';
import { walk } from './phase.js';
import { restore } from './phases-change.js';
import { connect } from './phases-prepare.js';
import { finish } from './finish.js';
import type { RouterDeployOutcome, RouterDeployRequest } from './request.js';
import { interruptedBeforeChange, next, RouterRun, type DeployPhase, type DeployStep, type RunEnd } from './router-run.js';
import { errorText } from '../errors.js';

export async function deployRouter(request: RouterDeployRequest): Promise<RouterDeployOutcome> {
  return runStarted(startRun(request));
}

/** A router's run whose lock and lease are being taken. */
export interface StartedRun {
  run: RouterRun;
  guard: Promise<DeployGuard>;
}

/**
 * Creates the run and starts taking its lock and lease. A fleet starts every router's at once, so
 * their lease commits and compare-and-swaps go out in one `git hash-object` and one `git push`
 * (lease-push.ts) instead of one per wave of routers; a lease is then held from the batch's start,
 * which keeps others out longer, never shorter.
 */
export function startRun(request: RouterDeployRequest): StartedRun {
  const run = new RouterRun(request);
  const guard = acquireDeployGuard({
    router: run.name,
    lockDir: request.options.lockDir,
    purpose: `${request.kind} ${run.name} ${request.commit.slice(0, 12)}`,
    deployId: run.id,
    actor: request.actor,
    records: request.records,
    log: (message) => run.log(message),
  });
  guard.catch(() => undefined); // awaited by runStarted, maybe after other routers' runs
  return { run, guard };
}

export interface RunHooks {
  /** The router's part is over (its session closed); the record and the lease release follow. */
  routerDone?(): void;
  /**
   * Takes the release of the lock and lease (it then no longer delays the outcome): a fleet
   * awaits them all before it ends. By default the run awaits its own.
   */
  release?(released: Promise<void>): void;
}

export async function runStarted({ run, guard: taking }: StartedRun, hooks: RunHooks = {}): Promise<RouterDeployOutcome> {
  let guard;
  try {
    guard = await taking;
  } catch (error) {
    hooks.routerDone?.();
    if (error instanceof DeployBlocked) return finish(run, { result: 'refused', state: 'old', message: `${error.message}. Nothing was sent to the router` });
    throw error;
  }
  run.leaseLost = () => guard.lost();
  let routerDone = false;
  const closeDevice = async () => {
    if (routerDone) return;
    routerDone = true;
    await run.device?.close().catch(() => undefined);
    hooks.routerDone?.();
  };
  const release = () => guard.release();
  try {
    run.readRecordsAhead();
    const ending = await endOf(run);
    // The record needs no session: the router is free for the next run while it is written.
    await closeDevice();
    return await finish(run, ending);
  } finally {
    await closeDevice();
    // The lease is held until the record is written: no other deploy of this router records in between.
    if (hooks.release) hooks.release(release());
    else await release();
  }
}

/** How the run ends: its phases, or after an unexpected failure the restore of what was sent. */
async function endOf(run: RouterRun): Promise<RunEnd> {
  try {
    return await runPhases(run);
  } catch (error) {
    // A bug or an unexpected failure: if lines may have been sent, bring the router back.
    const what = `unexpected failure: ${errorText(error)}`;
    if (run.sent.length === 0) return { result: 'failed', state: 'old', message: `${what}. Nothing was sent to the router` };
    return walk(restore(what, error), run);
  }
}

/** Walks the phases from `first` to the end, diverting once when the run is interrupted. */
export async function runPhases(run: RouterRun, first: DeployPhase = connect): Promise<RunEnd> {
  let phase = first;
  let interruptSeen = false;
  for (;;) {
    if (run.interrupted && !interruptSeen) {
      interruptSeen = true;
      const diverted = onInterrupt(run, phase);
      if ('end' in diverted) return diverted.end;
      phase = diverted.next;
    }
    const step = phase.sendsNothing ? await untilInterrupted(run, phase) : await phase.run(run);
    if ('end' in step) return step.end;
    phase = step.next;
  }
}

/** Where an interrupted run goes instead of `phase`: end (nothing sent), revert (not confirmed yet), or on (confirmed). */
export function onInterrupt(run: RouterRun, phase: DeployPhase): DeployStep {
  const reason = run.interrupted!;
  if (run.sent.length === 0) return { end: interruptedBeforeChange(reason) };
  if (phase.restores) return next(phase);
  if (!run.confirmSent) return next(restore(`interrupted (${reason}) before \`configure confirm\``, undefined, { interrupted: true }));
  run.warnings.push(`interrupted (${reason}) after \`configure confirm\` had been sent: the change was kept, so the run was finished`);
  return next(phase);
}

/** A phase that sends nothing, abandoned as soon as the run is interrupted (a login or a read may take long). */
async function untilInterrupted(run: RouterRun, phase: DeployPhase): Promise<DeployStep> {
  const signal = run.req.signal;
  if (!signal) return phase.run(run);
  let onAbort = () => {};
  const aborted = new Promise<DeployStep>((resolve) => {
    onAbort = () => resolve({ end: interruptedBeforeChange(run.interrupted!) });
  });
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    const work = phase.run(run);
    work.catch(() => undefined); // when abandoned, its failure no longer matters
    return await Promise.race([work, aborted]);
  } finally {
    signal.removeEventListener('abort', onAbort);
  }
}
