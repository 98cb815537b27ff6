/**
 * The phases of a deploy that send nothing: connect → preflight → read-and-plan → backup →
 * approve. Each ends the run with the router untouched, or hands on to the next; approve hands
 * on to the push (phases-change.ts).
 */
import { canonicalTree, cliLines, PlanRefused, printConfig } from '../iosxe/index.js';
import { push, saveConfig } from './phases-change.js';
import { planRouter } from './routers.js';
import { scopedSections } from './restore.js';
import { end, interruptedBeforeChange, next, untouched, type DeployPhase } from './router-run.js';
import { errorText } from '../errors.js';

export const connect: DeployPhase = {
  name: 'connect',
  sendsNothing: true,
  async run(run) {
    let target;
    try {
      target = run.req.target();
    } catch (error) {
      return end('failed', 'old', `${errorText(error)}. Nothing was sent to the router`);
    }
    run.log(`connecting to ${target.host}:${target.port}`);
    try {
      run.device = await run.req.connect(target);
    } catch (error) {
      return untouched(error);
    }
    // Interrupted while logging in, the run has ended without this phase: the session is ours to close.
    if (run.interrupted) {
      await run.device.close().catch(() => undefined);
      return { end: interruptedBeforeChange(run.interrupted) };
    }
    return next(preflight);
  },
};

/** The archive feature, and no rollback-confirmed change pending (someone else's, or a run that died). */
export const preflight: DeployPhase = {
  name: 'preflight',
  sendsNothing: true,
  async run(run) {
    try {
      run.archive = await run.device!.hasArchive();
      if (run.archive) {
        const pending = await run.device!.pendingRollback();
        if (pending.pending) {
          return end(
            'refused',
            'old',
            `a rollback-confirmed change is pending on the router (revert timer ${pending.minutes ?? '?'} min): another change is in ` +
              'progress, or an earlier run died before `configure confirm`. Nothing was sent. Wait for it to be confirmed or to ' +
              'revert by itself, or end it on the router (`configure confirm` / `configure revert now`), then deploy again',
          );
        }
      }
    } catch (error) {
      return untouched(error);
    }
    return next(readAndPlan);
  },
};

export const readAndPlan: DeployPhase = {
  name: 'read-and-plan',
  sendsNothing: true,
  async run(run) {
    const { req } = run;
    let running: string;
    try {
      running = await run.device!.getRunningConfig();
    } catch (error) {
      return untouched(error);
    }
    // Failing to read the records is an unexpected failure (deploy.ts), as before any line is sent.
    run.previousLive = await run.live;
    // `ip nat outside` is translator's to remove only when the first backup shows the router without it.
    run.scope = { ...req.scope, outsideNatAddedByTranslator: (await run.outsideNatBefore) === false };
    try {
      run.plan = planRouter(run.name, running, req.intended, run.scope);
    } catch (error) {
      if (!(error instanceof PlanRefused)) throw error;
      return end('refused', 'old', `${error.message}\nNothing was sent to the router: fix the intended config or the router first`);
    }
    // Left out instead of refused (a global IP unowned NAT holds, a tenant colliding with a legacy VRF…): said, not hidden.
    for (const skipped of run.plan.skipped) run.warnings.push(`left out ${skipped.line}: ${skipped.reason}`);
    run.rollback = cliLines(run.plan.rollback);
    run.oldSections = scopedSections(running, run.scope);
    return next(backup);
  },
};

/**
 * The owned part of the running-config, committed to the records branch before any change; with
 * nothing to send, committed with the record instead (one records commit per no-op deploy).
 */
export const backup: DeployPhase = {
  name: 'backup',
  sendsNothing: true,
  async run(run) {
    const { req } = run;
    const text = printConfig(canonicalTree(run.plan!.current, run.scope));
    try {
      // The facts go with the backup: the next render rejects what would collide with unowned config.
      if (run.plan!.commands.length === 0) {
        const { blob, files } = await req.records.backupFiles(run.name, text, run.plan!.facts);
        [run.backupBlob, run.backupFiles] = [blob, files];
      } else run.backupBlob = (await req.records.saveBackup(run.name, text, run.id, run.plan!.facts)).blob;
    } catch (error) {
      return end('failed', 'old', `cannot back up the running-config to ${req.records.branch}: ${errorText(error)}. Nothing was sent to the router`);
    }
    return next(approve);
  },
};

/** Whether to send at all: nothing to do, no archive without --allow-no-archive, not approved. */
export const approve: DeployPhase = {
  name: 'approve',
  sendsNothing: true,
  async run(run) {
    const { req } = run;
    const planned = run.plan!;
    if (planned.commands.length === 0) {
      if (req.options.save === 'always') await saveConfig(run);
      return end('unchanged', 'new', `the router already runs ${req.commit.slice(0, 12)}: nothing to send`);
    }
    if (!run.archive && !req.options.allowNoArchive) {
      return end(
        'refused',
        'old',
        'the router has no archive feature, so a revert timer cannot protect the change. Nothing was sent. Configure it on the ' +
          'router (`archive` / ` path flash:archive`), or deploy with --allow-no-archive (translator then undoes a failed change itself)',
      );
    }
    if (req.approve && !(await req.approve(run.name, planned, req.signal))) {
      return end('refused', 'old', 'not approved: nothing was sent to the router');
    }
    return next(push);
  },
};
