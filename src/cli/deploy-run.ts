/**
 * What the commands that change routers share (deploy, rollback, drift --fix): what their safety
 * options mean (defined in options.ts), the question on a terminal, the run's output while it goes, and the report at the end.
 */
import { createInterface } from 'node:readline/promises';
import type { InUsePolicy } from '../deploy/in-use.js';
import type { DeployRecord } from '../deploy/record.js';
import type { RouterDeployRequest } from '../deploy/request.js';
import { resultTable, succeeded } from '../deploy/run-all.js';
import { runDeploys, type DeployBatch, type DeployBatchResult, type DeployOverrides } from '../deploy/service.js';
import { formatText } from '../iosxe/index.js';
import { createProgress, type Progress } from '../ops/progress.js';
import type { CommandRun } from './command-run.js';
import { ExitCode, UserError } from './exit-codes.js';
import { interruptOnSignals, type Interrupt } from './interrupt.js';
import type { SafetyFlags } from './options.js';

const IN_USE = ['clear', 'yes', 'fail'] as const;
const SAVE = ['always', 'never', 'on-change'] as const;

function choice<T extends string>(value: string | undefined, allowed: readonly T[], flag: string): T | undefined {
  if (value === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(value)) throw new UserError(`${flag} must be one of ${allowed.join(', ')}`, ExitCode.Usage);
  return value as T;
}

function integer(value: string | undefined, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UserError(`${flag} must be a whole number from ${min} to ${max}`, ExitCode.Usage);
  return n;
}

export function overridesOf(flags: SafetyFlags): DeployOverrides {
  const inUse = choice<InUsePolicy>(flags.inUse, IN_USE, '--in-use');
  const save = choice(flags.save, SAVE, '--save');
  const revertTimerMinutes = integer(flags.revertTimer, '--revert-timer', 1, 120);
  const concurrency = integer(flags.concurrency, '--concurrency', 1, 64);
  return {
    ...(inUse ? { inUse } : {}),
    ...(save ? { save } : {}),
    ...(revertTimerMinutes ? { revertTimerMinutes } : {}),
    ...(concurrency ? { concurrency } : {}),
    ...(flags.allowNoArchive ? { allowNoArchive: true } : {}),
    ...(flags.acceptNewHostKey ? { acceptNewHostKey: true } : {}),
    ...(flags.adopt?.length ? { adopt: flags.adopt } : {}),
    ...(flags.force ? { force: true } : {}),
    ...(flags.allowUnreviewed ? { allowUnreviewed: true } : {}),
    ...(flags.ignoreDenyWindow ? { ignoreDenyWindow: true } : {}),
  };
}

/** Without --yes: show each plan on the terminal and ask; without a terminal, refuse. */
export function approver(flags: SafetyFlags): RouterDeployRequest['approve'] {
  if (flags.yes) return undefined;
  if (!process.stdin.isTTY) {
    throw new UserError('this changes routers: confirm with --yes when not running on a terminal (CI, scripts)', ExitCode.Usage);
  }
  return async (router, plan, signal) => {
    process.stderr.write(`\n${router}: ${plan.commands.length} command(s) to send:\n${formatText(plan)}\n`);
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    // Ctrl-C at the question is the same interrupt as anywhere else in the run.
    rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
    // A terminal that goes away answers no.
    const closed = new Promise<string>((resolve) => rl.once('close', () => resolve('')));
    try {
      const answer = await Promise.race([rl.question(`deploy this to ${router}? [y/N] `, signal ? { signal } : {}), closed]);
      return /^y(es)?$/i.test(answer.trim());
    } catch (error) {
      if (signal?.aborted) return false;
      throw error;
    } finally {
      rl.close();
    }
  };
}

/**
 * Runs the batch with the interrupt handlers installed and the run's output, then reports and
 * sets the exit code. Shared by deploy, rollback, drift --fix and decommission. With `json` the
 * results for people stay off stdout: the caller prints the document (documents/deploy.ts).
 */
export async function deployAndReport(
  batch: Omit<DeployBatch, 'approve' | 'signal' | 'log' | 'onPush' | 'onDone'>,
  approve: RouterDeployRequest['approve'],
  output: { json: boolean },
  run?: CommandRun,
): Promise<DeployBatchResult> {
  const interrupt = interruptOnSignals();
  try {
    const result = await runDeploys({ ...batch, ...(approve ? { approve } : {}), ...runOutput(batch.routers), signal: interrupt.signal });
    report(result, interrupt, output.json);
    await run?.deployed(result);
    await run?.notifyDeploys(result);
    return result;
  } finally {
    interrupt.release();
  }
}

/**
 * What deploy, rollback and drift --fix show while they run: their log lines on stderr, and on a
 * terminal (never in CI) a progress line — routers done with several routers, lines answered by
 * the router with one.
 */
function runOutput(routers: readonly string[]): Pick<DeployBatch, 'log' | 'onPush' | 'onDone'> {
  const several = routers.length > 1;
  const routersBar = several ? createProgress({ label: 'routers done', total: routers.length }) : null;
  let pushBar: Progress | null = null;
  let done = 0;
  const clearLine = () => (routersBar?.enabled || pushBar?.enabled ? '\r\x1b[2K' : '');
  return {
    log: (line) => process.stderr.write(`${clearLine()}translator: ${line}\n`),
    onPush: several
      ? undefined
      : (router, answered, total) => {
          pushBar ??= createProgress({ label: `${router}: lines answered`, total });
          pushBar.tick();
          if (answered === total) pushBar.done();
        },
    onDone: (outcome) => {
      routersBar?.tick(`${outcome.record.router} ${outcome.record.result}`);
      if (++done === routers.length) routersBar?.done();
    },
  };
}

/** The router's state in words, for messages about what happened to its record. */
function routerState(record: DeployRecord): string {
  const state = { new: 'IS changed: it runs the new config', old: 'is in its old state', unknown: "is in an UNKNOWN state (see the message above)" }[record.state];
  return `${record.router} ${state} (result ${record.result})`;
}

/**
 * Prints each router's result, warnings and record, the table, the records push; sets the exit
 * code. With `json`, only what goes to stderr (failures, warnings, the push) is printed.
 */
function report({ outcomes, push }: DeployBatchResult, interrupt: Pick<Interrupt, 'exitCode'>, json: boolean): void {
  let failed = false;
  for (const outcome of outcomes) {
    const { record } = outcome;
    const ok = succeeded(outcome);
    if (!ok || !json) (ok ? process.stdout : process.stderr).write(`${record.router}: ${record.result}: ${record.message}\n`);
    for (const warning of outcome.warnings) process.stderr.write(`${record.router}: WARNING: ${warning}\n`);
    if (outcome.recordCommit && !json) process.stdout.write(`${record.router}: recorded as ${record.id} (${outcome.recordCommit.slice(0, 12)})\n`);
    if (outcome.recordProblem) process.stderr.write(`${record.router}: ERROR: ${outcome.recordProblem}. ${routerState(record)}\n`);
    failed ||= !ok || outcome.recordProblem !== null;
  }
  if (outcomes.length > 1 && !json) process.stdout.write(`\n${resultTable(outcomes)}`);
  if (push?.failed) {
    process.stderr.write(`translator: ERROR: ${push.note}. ${outcomes.map((o) => routerState(o.record)).join('; ')}\n`);
    failed = true;
  } else if (push) process.stderr.write(`translator: ${push.note}\n`);
  if (failed) process.exitCode = ExitCode.Error;
  process.exitCode = interrupt.exitCode() ?? process.exitCode;
}
