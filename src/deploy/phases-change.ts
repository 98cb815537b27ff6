/**
 * The phases of a deploy that change the router: push → check-timer → verify → confirm →
 * verify-after-confirm → save. A failure after the first line may have been sent goes to
 * `restore` (the old state); a rollback-confirmed change that translator did not start, seen at
 * any of these steps, stops the run without touching it: another writer is at work.
 */
import { DeviceError, type PendingRollback } from '../device/index.js';
import { cliLines, PlanRefused, type Plan } from '../iosxe/index.js';
import { inUseAnswer } from './in-use.js';
import { planRouter } from './routers.js';
import { describeDrift } from './inspect.js';
import { commandLines, configModeRefused, describePushFailure } from './push-lines.js';
import { recordPaths } from '../gitops/layout.js';
import { describe, restoreOldState } from './restore.js';
import { end, interruptedBeforeChange, next, untouched, type DeployPhase, type DeployStep, type RouterRun } from './router-run.js';
import { isDeadSession, RouterSession } from './session.js';

/** `write memory` per policy; a failure is a warning (the change is live, only not in startup-config). */
export async function saveConfig(run: RouterRun): Promise<void> {
  if (run.req.options.save === 'never' || !run.device) return;
  try {
    await run.device.save();
    run.saved = true;
  } catch (error) {
    run.warnings.push(`write memory failed: ${describe(error)}; the change is live but not in startup-config: run \`write memory\` on the router`);
  }
}

const ANOTHER_WRITER = 'another writer is at work on the router (a second translator, a person, another tool)';

/** The router's owned config against the intended one, in at most five object lines. */
function differences(left: Plan): string {
  const lines = describeDrift(left).map((l) => l.trim());
  return `${lines.slice(0, 5).join('; ')}${lines.length > 5 ? '; …' : ''}`;
}

export const push: DeployPhase = {
  name: 'push',
  async run(run) {
    const { req } = run;
    const device = run.device!;
    if (run.archive) {
      // The approval may have taken minutes: a change started meanwhile is someone else's.
      let pending: PendingRollback;
      try {
        pending = await device.pendingRollback();
      } catch (error) {
        return untouched(error);
      }
      if (pending.pending) {
        return end(
          'refused',
          'old',
          `a rollback-confirmed change was started on the router while this run prepared (revert timer ${pending.minutes ?? '?'} min): ` +
            `${ANOTHER_WRITER}. Nothing was sent and translator leaves that change alone. Deploy again once it is confirmed or reverted`,
        );
      }
    }
    const lost = run.leaseLost();
    if (lost) return end('refused', 'old', `${lost}. Nothing was sent: ${ANOTHER_WRITER}`);
    // An interrupt closes the session: the driver stops sending, and restore reconnects to revert.
    const stop = () => void device.close().catch(() => undefined);
    req.signal?.addEventListener('abort', stop);
    try {
      if (run.interrupted) return { end: interruptedBeforeChange(run.interrupted) };
      const lines = commandLines(run.plan!, req.options.inUse);
      run.sent = lines.map((l) => l.line);
      run.timer = run.archive ? req.options.revertTimerMinutes : null;
      run.log(`sending ${lines.length} lines${run.timer ? ` under a revert timer of ${run.timer} min` : ' (no archive: no revert timer)'}`);
      await device.apply(lines, {
        ...(run.timer ? { revertTimerMinutes: run.timer } : {}),
        answer: inUseAnswer(req.options.inUse),
        ...(req.onPush ? { onAnswered: (answered: number, total: number) => req.onPush!(run.name, answered, total) } : {}),
      });
    } catch (error) {
      if (configModeRefused(error)) {
        run.sent = [];
        run.timer = null;
        // Busy (another session holds the configuration lock) changes nothing and is worth a retry: refused, like a held deploy lock.
        return end(
          error.retryable ? 'refused' : 'failed',
          'old',
          `the router refused to enter config mode: ${describe(error).replace(/\.+$/, '')}. Nothing was sent. ` +
            `Another session may hold a rollback-confirmed change or the configuration lock, i.e. ${ANOTHER_WRITER}: deploy again once it has finished`,
        );
      }
      if (run.interrupted) {
        return next(restore(`interrupted (${run.interrupted}) during the push: the session was closed so that no further line was sent`, error, { interrupted: true }));
      }
      const failure = describePushFailure(error);
      run.failedLines = failure.failedLines;
      return next(restore(failure.message, error));
    } finally {
      req.signal?.removeEventListener('abort', stop);
    }
    return next(checkTimer);
  },
};

/** Our revert timer must still be pending, with our value: otherwise it fired, or someone else's is. */
export const checkTimer: DeployPhase = {
  name: 'check-timer',
  async run(run) {
    if (!run.archive) return next(verify);
    let pending: PendingRollback;
    try {
      pending = await run.device!.pendingRollback();
    } catch (error) {
      return next(restore(`the revert timer could not be checked after the push: ${describe(error)}`, error));
    }
    if (!pending.pending) {
      return next(
        restore(
          `after the push the revert timer translator started (${run.timer} min) was no longer pending: it ran out before the push ` +
            'ended (raise --revert-timer), or another session confirmed or reverted it',
        ),
      );
    }
    if (pending.minutes !== run.timer) {
      return end(
        'unknown',
        'unknown',
        `after the push a rollback-confirmed change with a revert timer of ${pending.minutes} min was pending, but translator started ` +
          `one of ${run.timer} min: ${ANOTHER_WRITER} and has restarted or replaced the timer. translator neither confirmed nor ` +
          `reverted it, so as not to touch the other writer's change: when that timer runs out the router goes back to the config ` +
          `archived when the rollback began; if the other writer confirms it, the ${run.sent.length} lines of this run stay. ` +
          '`show archive config rollback timer` on the router names the user; once the change has ended, run `translator drift` and deploy again',
      );
    }
    return next(verify);
  },
};

/** Re-read and re-plan: nothing may be left to send. */
export const verify: DeployPhase = {
  name: 'verify',
  async run(run) {
    const { req } = run;
    run.log('verifying');
    try {
      const after = await run.device!.getRunningConfig();
      const left = planRouter(run.name, after, req.intended, run.scope);
      if (left.commands.length > 0) {
        const diff = cliLines(left.commands);
        return next(
          restore(
            `verification failed: after the push the router still differs from the intended config in ${diff.length} line(s): ` +
              `${diff.slice(0, 5).map((l) => JSON.stringify(l.trim())).join(', ')}${diff.length > 5 ? ', …' : ''} ` +
              '(the device accepted lines it did not apply, or the revert timer ran out during the push)',
          ),
        );
      }
    } catch (error) {
      return next(restore(`verification could not read the router: ${describe(error)}`, error));
    }
    return next(confirm);
  },
};

export const confirm: DeployPhase = {
  name: 'confirm',
  async run(run) {
    if (!run.archive) return next(save); // no timer to confirm: the verify read was the last word
    // Another deploy may own the router now (our lease expired while we hung): never confirm over it.
    const lost = run.leaseLost();
    if (lost) return next(restore(`${lost}: the change was not confirmed`));
    run.confirmSent = true;
    try {
      await run.device!.confirm();
    } catch (error) {
      // Lost in the middle of the confirm, its outcome is unknown: a kept change that matches the
      // intent is the new state. Refused by the router, the timer ran out first: back to the old state.
      const unknownOutcome = error instanceof DeviceError && (error.kind === 'session-lost' || error.kind === 'timeout');
      const advice = unknownOutcome ? '' : ` (the revert timer of ${run.timer} min ran out before the confirm: raise --revert-timer)`;
      return next(restore(`configure confirm failed: ${describe(error)}${advice}`, error, { confirming: unknownOutcome }));
    }
    return next(verifyAfterConfirm);
  },
};

/**
 * Success only if, after `configure confirm`, no rollback is pending and the owned config equals
 * the intended one. Otherwise someone else changed the router between our reads: translator
 * reports it and touches nothing (reverting now would undo the other writer's work too).
 */
export const verifyAfterConfirm: DeployPhase = {
  name: 'verify-after-confirm',
  async run(run) {
    const { req } = run;
    const session = new RouterSession(run.device, () => req.connect(req.target()));
    let pending: PendingRollback;
    let after: string;
    try {
      pending = await session.use((d) => d.pendingRollback());
      after = await session.use((d) => d.getRunningConfig());
    } catch (error) {
      return end(
        'unknown',
        'unknown',
        `configure confirm succeeded, but the router could not be read afterwards to check that it runs the intended config ` +
          `(${describe(error)}): run \`translator drift --router ${run.name}\``,
      );
    } finally {
      run.device = session.device;
    }
    if (pending.pending) {
      return end(
        'unknown',
        'unknown',
        `configure confirm succeeded, but right after it a rollback-confirmed change was pending again (revert timer ${pending.minutes ?? '?'} min): ` +
          `${ANOTHER_WRITER} and has started a change. translator does not touch it; once it is confirmed or reverted, ` +
          `run \`translator drift --router ${run.name}\` to see where the router stands`,
      );
    }
    let left: Plan;
    try {
      left = planRouter(run.name, after, req.intended, run.scope);
    } catch (error) {
      if (!(error instanceof PlanRefused)) throw error;
      return end('unknown', 'unknown', `configure confirm succeeded, but right after it the router's config could not be compared with the intended config: ${error.message}`);
    }
    if (left.commands.length > 0) {
      return end(
        'unknown',
        'unknown',
        `configure confirm succeeded, but right after it the router's owned config differed from the intended config in ` +
          `${left.changes.length} object(s): ${differences(left)}. It seems ${ANOTHER_WRITER}; ` +
          `translator leaves the router as it is (not saved): find out who changed it, then run \`translator drift --router ${run.name}\` and deploy again`,
      );
    }
    return next(save);
  },
};

export const save: DeployPhase = {
  name: 'save',
  async run(run) {
    await saveConfig(run);
    const { summary } = run.plan!;
    return end(
      'success',
      'new',
      `deployed ${run.req.commit.slice(0, 12)}: ${summary.add} added, ${summary.change} changed, ${summary.remove} removed ` +
        `(${run.sent.length} lines), verified${run.archive ? ', confirmed' : ''}${run.saved ? ', saved' : ', not saved'}`,
    );
  },
};

export interface RestoreOptions {
  /** The failure was at `configure confirm` and its outcome is unknown: a kept, matching change is success. */
  confirming?: boolean;
  /** The run was interrupted: nothing to fix, only to run again. */
  interrupted?: boolean;
}

/** Something failed after lines may have reached the router: bring back the old state (restore.ts). */
export function restore(what: string, error?: unknown, options: RestoreOptions = {}): DeployPhase {
  return {
    name: 'restore',
    restores: true,
    async run(run): Promise<DeployStep> {
      const { req } = run;
      run.log('failed after lines were sent; restoring the old state');
      const restored = await restoreOldState({
        router: run.name,
        device: run.device,
        connect: () => req.connect(req.target()),
        archive: run.archive,
        ourTimer: run.timer,
        oldSections: run.oldSections,
        intended: req.intended,
        scope: run.scope,
        acceptNew: options.confirming === true,
        lostSession: isDeadSession(error),
      });
      run.device = restored.device ?? run.device;
      if (restored.state === 'new') {
        await saveConfig(run);
        return end('success', 'new', `${what}; ${restored.detail}`);
      }
      if (restored.state === 'old') {
        const then = options.interrupted ? 'Deploy again when ready' : 'Fix the cause and deploy again';
        return end('reverted', 'old', `${what}. ${restored.detail}: the router is back in its old state. ${then}`);
      }
      return end(
        'unknown',
        'unknown',
        `${what}. ${restored.detail}. The router's state is UNKNOWN: compare its running-config with the backup ` +
          `(git show ${req.records.branch}:${recordPaths.backup(run.name)}) and fix it by hand, then deploy again`,
      );
    },
  };
}
