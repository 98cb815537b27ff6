/**
 * The deploy contract for one router (DESIGN.md "Deploy contract"):
 *   lock → refuse a pending rollback → read running-config → back it up (records branch) → plan
 *   → nothing to do: done → apply under a revert timer → re-read, re-plan: must be empty
 *   → configure confirm → save per policy → record.
 * Every failure after the first line was sent ends in the old state (restore.ts) or, when that
 * cannot be established, in result `unknown` with a message saying what to check. Failures
 * before that leave the router untouched. Every run, whatever its end, is recorded.
 */
import { DeviceError, type ConfigCommand, type Device, type DeviceTarget } from '../device/index.js';
import { canonicalTree, cliLines, parseConfig, plan, PlanRefused, printConfig, type Plan, type ScopeOptions } from '../iosxe/index.js';
import type { RouterSettings } from '../settings/load.js';
import type { Actor } from './actor.js';
import { CLEAR_TRANSLATIONS, IN_USE_ADVICE, inUseAnswer, isInUseQuestion, type InUsePolicy } from './in-use.js';
import { acquireDeployGuard } from './guard.js';
import { DeployBlocked } from './lock.js';
import { newDeployId, type DeployKind, type DeployRecord, type DeployResult, type FailedLine, type RouterState } from './record.js';
import { recordPaths, type PreparedBase, type RecordsStore } from './records.js';
import { adviceFor, describeDeviceError, restoreOldState, scopedSections, type RestoreContext, type ScopedSections } from './restore.js';

export type SavePolicy = 'always' | 'never' | 'on-change';

export interface DeployOptions {
  revertTimerMinutes: number;
  save: SavePolicy;
  inUse: InUsePolicy;
  allowNoArchive: boolean;
  lockDir: string;
}

export interface DeployRequest {
  router: RouterSettings;
  scope: ScopeOptions;
  kind: DeployKind;
  /** The ref as the user gave it, the commit it resolved to, and the intended config there. */
  ref: string;
  commit: string;
  intended: string;
  options: DeployOptions;
  actor: Actor;
  records: RecordsStore;
  /** Resolves credentials (may throw: missing secret, no host key policy). */
  target: () => DeviceTarget;
  connect: (target: DeviceTarget) => Promise<Device>;
  /** Asked before anything is sent (interactive runs); absent = approved. */
  approve?: (router: string, plan: Plan) => Promise<boolean>;
  log?: (message: string) => void;
  /** Lines answered by the router so far during the push (for a progress display). */
  onPush?: (router: string, answered: number, total: number) => void;
}

export interface DeployOutcome {
  record: DeployRecord;
  /** The records-branch commit holding the record, null when recording failed (see warnings). */
  recordCommit: string | null;
  plan: Plan | null;
  warnings: string[];
}

class DeployRun {
  readonly id: string;
  readonly started = new Date();
  device: Device | undefined;
  archive = false;
  sent: string[] = [];
  rollback: string[] = [];
  failedLines: FailedLine[] = [];
  timer: number | null = null;
  saved = false;
  backupBlob: string | null = null;
  previousLive: string | null = null;
  /** The records' live commit, read while the SSH session is being set up (only the record needs it). */
  #live: Promise<string | null> = Promise.resolve(null);
  /** The records branch read into a private index meanwhile too, for the backup commit. */
  #prepared: Promise<PreparedBase | null> = Promise.resolve(null);
  plan: Plan | null = null;
  /** The owned config before any change: what a failed deploy brings back. */
  oldSections: ScopedSections = new Map();
  warnings: string[] = [];

  constructor(readonly req: DeployRequest) {
    this.id = newDeployId(req.router.name, this.started);
  }

  get name(): string {
    return this.req.router.name;
  }

  log(message: string): void {
    this.req.log?.(`${this.name}: ${message}`);
  }

  async execute(): Promise<DeployOutcome> {
    let guard;
    try {
      const purpose = `${this.req.kind} ${this.name} ${this.req.commit.slice(0, 12)}`;
      guard = await acquireDeployGuard({ router: this.name, lockDir: this.req.options.lockDir, purpose, deployId: this.id, actor: this.req.actor, records: this.req.records, log: (m) => this.log(m) });
    } catch (error) {
      if (error instanceof DeployBlocked) return this.finish('refused', 'old', `${error.message}. Nothing was sent to the router`);
      throw error;
    }
    try {
      this.#live = this.req.records.live(this.name).then((info) => info?.commit ?? null);
      this.#live.catch(() => undefined); // awaited in steps(), before anything is sent
      // Only a head start: should it fail, the backup commit reads the branch itself (and reports).
      this.#prepared = this.req.records.prepare().catch(() => null);
      return await this.steps();
    } catch (error) {
      // A bug or an unexpected failure: if lines may have been sent, bring the router back.
      const what = `unexpected failure: ${error instanceof Error ? error.message : String(error)}`;
      if (this.sent.length === 0) return this.finish('failed', 'old', `${what}. Nothing was sent to the router`);
      return this.afterChangeFailed(what, error);
    } finally {
      await (await this.#prepared)?.dispose().catch(() => undefined);
      await guard.release();
      await this.device?.close().catch(() => undefined);
    }
  }

  private async steps(): Promise<DeployOutcome> {
    const { req } = this;
    let target: DeviceTarget;
    try {
      target = req.target();
    } catch (error) {
      return this.finish('failed', 'old', `${(error as Error).message}. Nothing was sent to the router`);
    }
    this.log(`connecting to ${target.host}:${target.port}`);
    let running: string;
    try {
      this.device = await req.connect(target);
      this.archive = await this.device.hasArchive();
      if (this.archive) {
        const pending = await this.device.pendingRollback();
        if (pending.pending) {
          return this.finish(
            'refused',
            'old',
            `a rollback-confirmed change is pending on the router (revert timer ${pending.minutes ?? '?'} min): another change is in ` +
              'progress, or an earlier run died before `configure confirm`. Nothing was sent. Wait for it to be confirmed or to ' +
              'revert by itself, or end it on the router (`configure confirm` / `configure revert now`), then deploy again',
          );
        }
      }
      running = await this.device.getRunningConfig();
    } catch (error) {
      if (!(error instanceof DeviceError)) throw error;
      return this.finish('failed', 'old', `${describeDeviceError(error)}. Nothing was changed on the router: ${adviceFor(error.kind)}`);
    }
    // Failing to read the records is an unexpected failure (execute's catch), as before any line is sent.
    this.previousLive = await this.#live;

    let result: Plan;
    try {
      result = plan(parseConfig(running), parseConfig(req.intended), req.scope);
    } catch (error) {
      if (!(error instanceof PlanRefused)) throw error;
      return this.finish('refused', 'old', `${error.message}\nNothing was sent to the router: fix the intended config or the router first`);
    }
    this.plan = result;
    this.rollback = cliLines(result.rollback);
    this.oldSections = scopedSections(running, req.scope);
    const backup = printConfig(canonicalTree(result.current, req.scope));
    try {
      this.backupBlob = (await req.records.saveBackup(this.name, backup, this.id, await this.#prepared)).blob;
    } catch (error) {
      return this.finish('failed', 'old', `cannot back up the running-config to ${req.records.branch}: ${(error as Error).message}. Nothing was sent to the router`);
    }

    if (result.commands.length === 0) {
      if (req.options.save === 'always') await this.save();
      return this.finish('unchanged', 'new', `the router already runs ${short(req.commit)}: nothing to send`);
    }
    if (!this.archive && !req.options.allowNoArchive) {
      return this.finish(
        'refused',
        'old',
        'the router has no archive feature, so a revert timer cannot protect the change. Nothing was sent. Configure it on the ' +
          'router (`archive` / ` path flash:archive`), or deploy with --allow-no-archive (translator then undoes a failed change itself)',
      );
    }
    if (req.approve && !(await req.approve(this.name, result))) {
      return this.finish('refused', 'old', 'not approved: nothing was sent to the router');
    }

    const lines: ConfigCommand[] = cliLines(result.commands).map((line) => ({ line }));
    if (req.options.inUse === 'clear' && result.questions.length > 0) lines.unshift(CLEAR_TRANSLATIONS);
    this.sent = lines.map((l) => l.line);
    this.timer = this.archive ? req.options.revertTimerMinutes : null;
    this.log(`sending ${lines.length} lines${this.timer ? ` under a revert timer of ${this.timer} min` : ' (no archive: no revert timer)'}`);
    try {
      await this.device.apply(lines, {
        ...(this.timer ? { revertTimerMinutes: this.timer } : {}),
        answer: inUseAnswer(req.options.inUse),
        ...(req.onPush ? { onAnswered: (answered: number, total: number) => req.onPush!(this.name, answered, total) } : {}),
      });
    } catch (error) {
      return this.afterChangeFailed(this.pushFailure(error), error);
    }

    this.log('verifying');
    try {
      const after = await this.device.getRunningConfig();
      const left = plan(parseConfig(after), parseConfig(req.intended), req.scope);
      if (left.commands.length > 0) {
        const diff = cliLines(left.commands);
        return this.afterChangeFailed(
          `verification failed: after the push the router still differs from the intended config in ${diff.length} line(s): ` +
            `${diff.slice(0, 5).map((l) => JSON.stringify(l.trim())).join(', ')}${diff.length > 5 ? ', …' : ''} ` +
            '(the device accepted lines it did not apply, or the revert timer ran out during the push)',
        );
      }
    } catch (error) {
      return this.afterChangeFailed(`verification could not read the router: ${describe(error)}`, error);
    }

    if (this.archive) {
      try {
        await this.device.confirm();
      } catch (error) {
        // Lost in the middle of the confirm, its outcome is unknown: a kept change that matches the
        // intent is the new state. Refused by the router, the timer ran out first: back to the old state.
        const unknownOutcome = error instanceof DeviceError && (error.kind === 'session-lost' || error.kind === 'timeout');
        const advice = unknownOutcome ? '' : ` (the revert timer of ${this.timer} min ran out before the confirm: raise --revert-timer)`;
        return this.afterChangeFailed(`configure confirm failed: ${describe(error)}${advice}`, error, { confirming: unknownOutcome });
      }
    }
    await this.save();
    const summary = result.summary;
    return this.finish(
      'success',
      'new',
      `deployed ${short(req.commit)}: ${summary.add} added, ${summary.change} changed, ${summary.remove} removed ` +
        `(${this.sent.length} lines), verified${this.archive ? ', confirmed' : ''}${this.saved ? ', saved' : ', not saved'}`,
    );
  }

  private pushFailure(error: unknown): string {
    if (!(error instanceof DeviceError)) return `the push failed: ${describe(error)}`;
    const lines = error.result?.lines.filter((l) => l.status === 'error') ?? [];
    this.failedLines = lines.map((l) => ({
      position: l.index + 1,
      line: l.line,
      messages: l.messages.length ? l.messages : l.output,
      ...(l.question ? { question: { text: l.question.text, answer: l.question.answer } } : {}),
    }));
    // The first line the device refused is the cause, even when later pipelined lines then failed
    // differently (e.g. an `exit` that left config mode because its sub-mode was never entered).
    const first = this.failedLines.find((l) => l.messages.some((m) => m.trim().startsWith('%')) || l.question);
    if (first) {
      const inUse = first.question && isInUseQuestion(first.question.text);
      const asked = first.question ? ` (it asked "${first.question.text}", answered ${first.question.answer})` : '';
      return (
        `the router rejected line ${first.position} ${JSON.stringify(first.line.trim())}${asked}: ${first.messages.join(' | ') || error.deviceMessage || '(no message)'}` +
        (inUse ? ` — ${IN_USE_ADVICE}` : '')
      );
    }
    return `the push failed at ${error.step}: ${describeDeviceError(error)}`;
  }

  /** Something failed after lines may have reached the router: bring back the old state, record. */
  private async afterChangeFailed(what: string, error?: unknown, opts: { confirming?: boolean } = {}): Promise<DeployOutcome> {
    this.log('failed after lines were sent; restoring the old state');
    const ctx: RestoreContext = {
      router: this.name,
      device: this.device,
      connect: () => this.req.connect(this.req.target()),
      archive: this.archive,
      oldSections: this.oldSections,
      intended: this.req.intended,
      scope: this.req.scope,
      acceptNew: opts.confirming === true,
      lostSession: error instanceof DeviceError && (error.kind === 'session-lost' || error.kind === 'timeout' || error.kind === 'protocol'),
    };
    const restored = await restoreOldState(ctx);
    this.device = restored.device ?? this.device;
    if (restored.state === 'new') {
      await this.save();
      return this.finish('success', 'new', `${what}; ${restored.detail}`);
    }
    if (restored.state === 'old') {
      return this.finish('reverted', 'old', `${what}. ${restored.detail}: the router is back in its old state. Fix the cause and deploy again`);
    }
    return this.finish(
      'unknown',
      'unknown',
      `${what}. ${restored.detail}. The router's state is UNKNOWN: compare its running-config with the backup ` +
        `(git show ${this.req.records.branch}:${recordPaths.backup(this.name)}) and fix it by hand, then deploy again`,
    );
  }

  private async save(): Promise<void> {
    if (this.req.options.save === 'never' || !this.device) return;
    try {
      await this.device.save();
      this.saved = true;
    } catch (error) {
      this.warnings.push(`write memory failed: ${describe(error)}; the change is live but not in startup-config: run \`write memory\` on the router`);
    }
  }

  private async finish(result: DeployResult, state: RouterState, message: string): Promise<DeployOutcome> {
    const { req } = this;
    this.previousLive = await this.#live.catch(() => this.previousLive);
    const record: DeployRecord = {
      id: this.id,
      router: this.name,
      kind: req.kind,
      ref: req.ref,
      commit: req.commit,
      previousLive: this.previousLive,
      started: this.started.toISOString(),
      ended: new Date().toISOString(),
      actor: req.actor,
      result,
      state,
      message: [message, ...this.warnings].join('\n'),
      commands: this.sent,
      rollback: this.rollback,
      failedLines: this.failedLines,
      revertTimerMinutes: this.timer,
      saved: this.saved,
      backupBlob: this.backupBlob,
      summary: this.plan ? { add: this.plan.summary.add, change: this.plan.summary.change, remove: this.plan.summary.remove } : null,
    };
    let recordCommit: string | null = null;
    try {
      recordCommit = await req.records.saveRecord(record, result === 'success' || result === 'unchanged');
    } catch (error) {
      this.warnings.push(`the deploy record could not be written to ${req.records.branch}: ${(error as Error).message}`);
    }
    this.log(`${result} (router in the ${state} state)`);
    return { record, recordCommit, plan: this.plan, warnings: this.warnings };
  }
}

function short(commit: string): string {
  return commit.slice(0, 12);
}

function describe(error: unknown): string {
  if (error instanceof DeviceError) return describeDeviceError(error);
  return error instanceof Error ? error.message : String(error);
}

export function deployRouter(request: DeployRequest): Promise<DeployOutcome> {
  return new DeployRun(request).execute();
}
