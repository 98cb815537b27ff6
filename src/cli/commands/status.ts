import { resolve } from 'node:path';
import type { Command } from 'commander';
import { describeLease, describeLock, holders } from '../../deploy/holders.js';
import { inspectRouters } from '../../deploy/inspect.js';
import { defaultDeployRef, resolveRef } from '../../deploy/intended.js';
import type { DeployRecord } from '../../deploy/record.js';
import type { LiveInfo, RecordProblem } from '../../deploy/records.js';
import { deployOptions, recordsStore } from '../../deploy/service.js';
import { listUnrecorded } from '../../deploy/unrecorded.js';
import { errorText, firstLine } from '../../errors.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { committedStaleNotes } from '../../pipeline.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { formatOf, withFormatOption, type FormatFlags } from '../format.js';

interface StatusFlags extends RepoOptions, FormatFlags {
  router?: string;
  offline?: boolean;
}

interface StatusRow {
  router: string;
  live: LiveInfo | null;
  last: DeployRecord | null;
  tip: string | null;
  drift: string;
  /** Deploys whose record is waiting in the git dir (unrecorded.ts): id, result, router state. */
  unrecorded: string[];
  /** Who holds the router's deploy lock / lease now, in words (null: nobody; lease undefined: none kept). */
  lock: string | null;
  lease?: string | null;
  /** Record files of this router that could not be read, with how to repair each. */
  problems: RecordProblem[];
  /** Docker hosts whose last known objects the router's committed state.json keeps (stale), in words. */
  stale: string[];
}

export function register(program: Command): void {
  withFormatOption(withRepoOptions(
    program
      .command('status')
      .summary('per router: the live commit, the last deploy, drift, lock and lease holders, damaged records')
      .description(
        'For each router: the intended commit that is live on it (from the records branch, fetched from the GitOps ' +
          'remote first), the last deploy (when, by whom, result), whether the deploy branch has moved on since, ' +
          'whether the router has drifted from its live commit (read over SSH; --offline skips that), who holds its ' +
          'deploy lock and lease, any record file that cannot be read, with how to repair it, and the Docker hosts whose ' +
          'last known objects its committed state.json keeps (they did not answer). Never changes a router.',
      )
      .option('--router <name>', 'only this router')
      .option('--offline', 'do not contact the routers (no drift column)'),
  ), ['text', 'json'], { jsonAlias: true }).action(async (flags: StatusFlags) => {
    const json = formatOf(flags) === 'json';
    const settings = settingsOf(flags);
    const routers = selectRouters(settings, flags.router);
    const repo = await GitOpsRepo.open(resolve(flags.repo));
    const records = recordsStore(repo, settings);
    const synced = await records.synced();
    for (const line of [synced.note, synced.warning && `WARNING: ${synced.warning}`]) if (line) process.stderr.write(`translator: ${line}\n`);
    const tip = await resolveRef(repo, await defaultDeployRef(repo, settings)).catch(() => null);
    const { lockDir } = deployOptions(settings, {});
    const rows: StatusRow[] = [];
    const waiting = await listUnrecorded(repo.git);
    for (const router of routers) {
      // A damaged record file shows up as a problem of its router (records.problems), never as a crash.
      const live = await records.live(router);
      const [last] = await records.history(router, 1);
      const unrecorded = waiting.flatMap((u) => ('record' in u && u.record.router === router ? [`${u.record.id} ${u.record.result} (router ${u.record.state})`] : []));
      const stale = await committedStaleNotes(repo, router);
      const row: StatusRow = { router, live, last: last ?? null, tip: tip?.commit ?? null, drift: 'not checked', unrecorded, lock: null, problems: [], stale };
      try {
        const found = await holders(records, lockDir, router);
        row.lock = found.lock ? describeLock(found.lock) : null;
        if (found.leaseError) row.lease = `unknown: ${found.leaseError}`;
        else if (found.lease !== undefined) row.lease = found.lease ? describeLease(found.lease) : null;
      } catch (error) {
        row.lock = `unknown: ${errorText(error)}`;
      }
      row.problems = records.problems(router);
      rows.push(row);
    }
    if (!flags.offline) {
      const views = await inspectRouters({
        repo,
        settings,
        routers,
        refFor: async (router) => {
          const live = rows.find((r) => r.router === router)!.live;
          return live ? { ref: live.commit, commit: live.commit } : null;
        },
      });
      for (const view of views) {
        const row = rows.find((r) => r.router === view.router)!;
        row.drift = view.error ? `unknown: ${firstLine(view.error)}` : view.plan!.commands.length === 0 ? 'none' : `DRIFT (${view.plan!.changes.length} object(s))`;
      }
    }
    if (json) {
      process.stdout.write(`${JSON.stringify(rows, null, 2)}\n`);
      return;
    }
    for (const row of rows) {
      const lines = [
        `${row.router}:`,
        `  live:        ${row.live ? `${row.live.commit.slice(0, 12)} since ${row.live.since} (deploy ${row.live.deploy})` : 'nothing deployed yet'}`,
        `  last deploy: ${row.last ? `${row.last.ended} ${row.last.kind} ${row.last.commit.slice(0, 12)} ${row.last.result} by ${row.last.actor.name}` : 'none'}`,
        `  branch tip:  ${row.tip ? `${row.tip.slice(0, 12)}${row.live && row.live.commit !== row.tip ? ' (not deployed yet)' : ''}` : 'unknown'}`,
        `  drift:       ${row.drift}`,
        ...row.unrecorded.map((u) => `  UNRECORDED:  deploy ${u}: its record could not be written; kept in the git dir, the next deploy commits it`),
        `  lock:        ${row.lock ?? 'free'}`,
        ...(row.lease !== undefined ? [`  lease:       ${row.lease ?? 'free'}`] : []),
        ...row.problems.map((p) => `  PROBLEM:     ${p.file} on ${records.branch}: ${p.problem}. Repair: ${p.repair}`),
        ...row.stale.map((note) => `  STALE:       ${note}`),
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    }
  });
}
