/** translator deploy, and the options and output it shares with rollback and drift --fix. */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { Command } from 'commander';
import type { DeployOutcome } from '../../deploy/deploy.js';
import type { InUsePolicy } from '../../deploy/in-use.js';
import { defaultDeployRef, IntendedError, resolveRef } from '../../deploy/intended.js';
import { resultTable, succeeded } from '../../deploy/run-all.js';
import { runDeploys, type DeployOverrides, type DeployRun } from '../../deploy/service.js';
import { createProgress, type Progress } from '../../ops/progress.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { formatText, type Plan } from '../../iosxe/index.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';

interface DeployFlags extends RepoOptions, SafetyFlags {
  router?: string;
  all?: boolean;
  ref?: string;
}

export function register(program: Command): void {
  withSafetyOptions(
    withRepoOptions(
      program
        .command('deploy')
        .summary('apply the intended config committed in Git to routers, safely')
        .description(
          'For each router: take a per-router lock, refuse while a rollback-confirmed change is pending, read the ' +
            'running-config and back up its owned part to the records branch, plan; when there is something to do, ' +
            'apply it under `configure terminal revert timer N`, re-read and re-plan (must be empty), `configure confirm`, ' +
            'save per policy and record the deploy. Any failure brings the router back to its old state.\n' +
            'The intended config is read from the commit REF names (default: the tip of the deploy branch), never from ' +
            'the work tree. Exit codes: 0 every router deployed or unchanged, 1 any router failed, was refused or reverted.',
        )
        .option('--router <name>', 'only this router')
        .option('--all', 'every configured router (concurrency limit, continues past failures)')
        .option('--ref <ref>', 'commit, tag or branch to deploy (default: deploy.branch, else git.branch, else the checked-out branch)'),
    ),
  ).action(async (flags: DeployFlags) => {
    const settings = settingsOf(flags);
    const routers = selectRouters(settings, flags.router, flags.all === true);
    const overrides = overridesOf(flags);
    const approve = approver(flags);
    const repo = await GitOpsRepo.open(resolve(flags.repo));
    try {
      const resolved = await resolveRef(repo, flags.ref ?? (await defaultDeployRef(repo, settings)));
      const { outcomes, pushNote } = await runDeploys({
        repo,
        settings,
        routers,
        kind: 'deploy',
        refFor: async () => resolved,
        overrides,
        ...(approve ? { approve } : {}),
        ...runOutput(routers),
      });
      report(outcomes, pushNote);
    } catch (error) {
      asUserError(error);
    }
  });
}

// --- shared with rollback and drift --fix ---------------------------------------------

export interface SafetyFlags {
  revertTimer?: string;
  yes?: boolean;
  inUse?: string;
  allowNoArchive?: boolean;
  save?: string;
  acceptNewHostKey?: boolean;
  concurrency?: string;
}

const IN_USE = ['clear', 'yes', 'fail'] as const;
const SAVE = ['always', 'never', 'on-change'] as const;

export function withSafetyOptions(command: Command): Command {
  return command
    .option('--revert-timer <minutes>', 'revert timer while the change is unconfirmed, 1-120 (default deploy.revertTimerMinutes, 5)')
    .option('--yes', 'do not ask before changing a router (needed when not on a terminal)')
    .option('--in-use <policy>', "answer to IOS's NAT \"in use\" question: clear | yes | fail (default deploy.inUse, fail); see README")
    .option('--allow-no-archive', 'deploy to a router without the archive feature (no revert timer; translator undoes a failure itself)')
    .option('--save <policy>', 'write memory after confirm: always | never | on-change (default deploy.save, on-change)')
    .option('--accept-new-host-key', "accept and record a router's SSH host key never seen before (never a changed one)")
    .option('--concurrency <n>', 'routers deployed at once with --all (default deploy.concurrency, 4)');
}

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
  };
}

/** Without --yes: show each plan on the terminal and ask; without a terminal, refuse. */
export function approver(flags: SafetyFlags): ((router: string, plan: Plan) => Promise<boolean>) | undefined {
  if (flags.yes) return undefined;
  if (!process.stdin.isTTY) {
    throw new UserError('this changes routers: confirm with --yes when not running on a terminal (CI, scripts)', ExitCode.Usage);
  }
  return async (router, plan) => {
    process.stderr.write(`\n${router}: ${plan.commands.length} command(s) to send:\n${formatText(plan)}\n`);
    const rl = createInterface({ input: process.stdin, output: process.stderr });
    try {
      return /^y(es)?$/i.test((await rl.question(`deploy this to ${router}? [y/N] `)).trim());
    } finally {
      rl.close();
    }
  };
}

/** Prints the table, warnings and the records note; sets the exit code. */
/**
 * What deploy, rollback and drift --fix show while they run: their log lines on stderr, and on a
 * terminal (never in CI) a progress line — routers done with several routers, lines answered by
 * the router with one.
 */
export function runOutput(routers: readonly string[]): Pick<DeployRun, 'log' | 'onPush' | 'onDone'> {
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

export function report(outcomes: readonly DeployOutcome[], pushNote: string | null): void {
  for (const outcome of outcomes) {
    const { record } = outcome;
    const stream = succeeded(outcome) ? process.stdout : process.stderr;
    stream.write(`${record.router}: ${record.result}: ${record.message}\n`);
    for (const warning of outcome.warnings) process.stderr.write(`${record.router}: WARNING: ${warning}\n`);
    if (outcome.recordCommit) process.stdout.write(`${record.router}: recorded as ${record.id} (${outcome.recordCommit.slice(0, 12)})\n`);
  }
  if (outcomes.length > 1) process.stdout.write(`\n${resultTable(outcomes)}`);
  if (pushNote) process.stderr.write(`translator: ${pushNote}\n`);
  if (outcomes.some((o) => !succeeded(o))) process.exitCode = ExitCode.Error;
}

/** Errors of the Git side before any router is touched become user errors. */
export function asUserError(error: unknown): never {
  if (error instanceof IntendedError) throw new UserError(error.message);
  throw error;
}
