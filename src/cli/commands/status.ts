import { resolve } from 'node:path';
import type { Command } from 'commander';
import { inspectRouters } from '../../deploy/inspect.js';
import { defaultDeployRef, resolveRef } from '../../deploy/intended.js';
import type { DeployRecord } from '../../deploy/record.js';
import type { LiveInfo } from '../../deploy/records.js';
import { recordsStore } from '../../deploy/service.js';
import { listUnrecorded } from '../../deploy/unrecorded.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters, settingsOf, withRepoOptions, type RepoOptions } from '../context.js';
import { asUserError } from './deploy.js';

interface StatusFlags extends RepoOptions {
  router?: string;
  offline?: boolean;
  json?: boolean;
}

interface StatusRow {
  router: string;
  live: LiveInfo | null;
  last: DeployRecord | null;
  tip: string | null;
  drift: string;
  /** Deploys whose record is waiting in the git dir (unrecorded.ts): id, result, router state. */
  unrecorded: string[];
}

export function register(program: Command): void {
  withRepoOptions(
    program
      .command('status')
      .summary('per router: the live commit, the last deploy, drift')
      .description(
        'For each router: the intended commit that is live on it (from the records branch), the last deploy (when, ' +
          'by whom, result), whether the deploy branch has moved on since, and whether the router has drifted from ' +
          'its live commit (read over SSH; --offline skips that). Never changes a router.',
      )
      .option('--router <name>', 'only this router')
      .option('--offline', 'do not contact the routers (no drift column)')
      .option('--json', 'print JSON'),
  ).action(async (flags: StatusFlags) => {
    const settings = settingsOf(flags);
    const routers = selectRouters(settings, flags.router);
    const repo = await GitOpsRepo.open(resolve(flags.repo));
    try {
      const records = recordsStore(repo, settings);
      const tip = await resolveRef(repo, await defaultDeployRef(repo, settings)).catch(() => null);
      const rows: StatusRow[] = [];
      const waiting = await listUnrecorded(repo.git);
      for (const router of routers) {
        const live = await records.live(router);
        const [last] = await records.history(router, 1);
        const unrecorded = waiting.flatMap((u) => ('record' in u && u.record.router === router ? [`${u.record.id} ${u.record.result} (router ${u.record.state})`] : []));
        rows.push({ router, live, last: last ?? null, tip: tip?.commit ?? null, drift: 'not checked', unrecorded });
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
          row.drift = view.error ? `unknown: ${view.error.split('\n')[0]}` : view.plan!.commands.length === 0 ? 'none' : `DRIFT (${view.plan!.changes.length} object(s))`;
        }
      }
      if (flags.json) {
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
        ];
        process.stdout.write(`${lines.join('\n')}\n`);
      }
    } catch (error) {
      asUserError(error);
    }
  });
}
