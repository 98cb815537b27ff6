/** translator plan without --running: each router read over SSH, or as the records branch last knew it (loaded by plan.ts when it runs). */
import { resolve } from 'node:path';
import { inspectRouters } from '../../deploy/inspect.js';
import { describeRecorded, planFromRecords, type RecordedView } from '../../deploy/recorded-plan.js';
import { resolveDeployRef } from '../../deploy/intended.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { selectRouters, settingsOf } from '../context.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { formatOf } from '../format.js';
import type { OnlineOptions, PlanFormat, PlanOptions } from '../plan-options.js';
import { planText, printPlanDocument } from './plan-output.js';

/** Online form: each router's running-config over SSH (or as recorded) against the intended config at --ref. */
export async function planOnline(options: PlanOptions & OnlineOptions): Promise<void> {
  if (options.intended !== undefined) throw new UserError('--intended needs --running (offline); online plans read the repository at --ref', ExitCode.Usage);
  const repoDir = resolve(options.repo ?? '.');
  const settings = settingsOf({ repo: repoDir, ...(options.config ? { config: options.config } : {}) });
  const routers = selectRouters(settings, options.router, options.all === true);
  const repo = await GitOpsRepo.open(repoDir);
  const resolved = await resolveDeployRef(repo, settings, options.ref);
  const refFor = async () => resolved;
  const views = options.fromRecords
    ? await planFromRecords({ repo, settings, routers, refFor, adopt: options.adopt })
    : await inspectRouters({ repo, settings, routers, refFor, acceptNewHostKey: options.acceptNewHostKey === true, adopt: options.adopt });
  const failed = views.filter((v) => v.error);
  for (const view of failed) process.stderr.write(`translator: ${view.router}: ${view.error}\n`);
  const planned: RecordedView[] = views.filter((v) => v.plan);
  const now = new Date();
  const format = formatOf<PlanFormat>(options);
  if (format === 'json') await printPlanDocument(views);
  else for (const view of planned) {
    if (routers.length > 1) process.stdout.write(`# ${view.router} (intended ${view.commit.slice(0, 12)})\n`);
    if (view.recorded) process.stdout.write(`${format === 'markdown' ? '> ' : '# '}${describeRecorded(view.router, view.recorded, now)}\n\n`);
    const matches = view.recorded ? 'what was recorded for the router matches' : 'the router matches';
    process.stdout.write(await planText(format, view.plan!, view.scope, `${view.router}: nothing to change (${matches} ${view.commit.slice(0, 12)})`));
  }
  if (failed.length > 0) process.exitCode = ExitCode.Error;
  else if (options.detailedExitcode && planned.some((v) => v.plan!.commands.length > 0)) process.exitCode = ExitCode.Changes;
}
