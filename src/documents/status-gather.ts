/**
 * Gathers the status document from the GitOps repository (deploy branch, records branch, the git
 * dir's unrecorded deploys, lock files) and, when asked, the routers (drift, over SSH). Shared by
 * `translator status`, `translator serve` and the daemon's pages. Never changes a router.
 */
import { describeLease, describeLock, holders } from '../deploy/holders.js';
import { inspectRouters } from '../deploy/inspect.js';
import { defaultDeployRef, resolveBranch, resolveRef } from '../deploy/intended.js';
import type { RecordsStore } from '../deploy/records.js';
import { deployOptions } from '../deploy/service.js';
import { listUnrecorded } from '../deploy/unrecorded.js';
import { errorText, firstLine } from '../errors.js';
import { routerDir, stateJsonPath } from '../gitops/layout.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import { parseState } from '../gitops/state-file.js';
import { committedStaleNotes } from '../pipeline.js';
import { redactUrls } from '../redact.js';
import type { Settings } from '../settings/load.js';
import { SCHEMA_VERSION } from './document.js';
import { deploySummary, routerState, type DriftStatus, type RouterStatus, type StatusDocument } from './status.js';

export interface GatherOptions {
  repo: GitOpsRepo;
  settings: Settings;
  routers: readonly string[];
  records: RecordsStore;
  /** The ref whose tip counts as "deployable" (default: the deploy branch, defaultDeployRef). */
  deployRef?: string;
  /** Read the routers (SSH) and compare them with their live commit; absent: drift not checked. */
  drift?: { env?: NodeJS.ProcessEnv };
  now?: () => Date;
}

const NOT_CHECKED: DriftStatus = { checked: false, at: null, error: null, objects: [] };

export async function gatherStatus(options: GatherOptions): Promise<StatusDocument> {
  const { repo, settings, routers, records } = options;
  const synced = await records.synced();
  const deployRef = options.deployRef ?? (await defaultDeployRef(repo, settings).catch(() => null));
  const resolving = options.deployRef !== undefined ? resolveRef : resolveBranch; // a given ref as git reads it; the default branch as that branch
  const tip = deployRef === null ? null : ((await resolving(repo, deployRef).catch(() => null))?.commit ?? null);
  const { lockDir } = deployOptions(settings, {});
  const waiting = await listUnrecorded(repo.git);
  const counts = tip === null ? new Map<string, Counts | null>() : await countsAt(repo, routers, tip);
  const rows: RouterStatus[] = [];
  for (const router of routers) {
    const live = await records.live(router);
    const [last] = await records.history(router, 1);
    const row: RouterStatus = {
      router,
      state: 'not-deployed',
      live,
      tip,
      behind: live && tip ? await behind(repo, router, live.commit, tip) : null,
      lastDeploy: last ? deploySummary(last) : null,
      drift: NOT_CHECKED,
      tenants: counts.get(router)?.tenants ?? null,
      floatingIps: counts.get(router)?.floatingIps ?? null,
      rejections: counts.get(router)?.rejections ?? null,
      unrecorded: waiting.flatMap((u) => ('record' in u && u.record.router === router ? [`${u.record.id} ${u.record.result} (router ${u.record.state})`] : [])),
      lock: null,
      problems: [],
      stale: await committedStaleNotes(repo, router),
    };
    try {
      const found = await holders(records, lockDir, router);
      row.lock = found.lock ? describeLock(found.lock) : null;
      if (found.leaseError) row.lease = `unknown: ${found.leaseError}`;
      else if (found.lease !== undefined) row.lease = found.lease ? describeLease(found.lease) : null;
    } catch (error) {
      row.lock = `unknown: ${errorText(error)}`;
    }
    // A damaged record file shows up as a problem of its router, never as a crash.
    row.problems = records.problems(router);
    rows.push(row);
  }
  if (options.drift) {
    const drift = await checkDrift(options, rows, options.drift.env);
    for (const row of rows) row.drift = drift.get(row.router) ?? NOT_CHECKED;
  }
  for (const row of rows) row.state = routerState(row);
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'status',
    generatedAt: (options.now?.() ?? new Date()).toISOString(),
    deployRef,
    records: { branch: records.branch, note: synced.note, warning: synced.warning },
    routers: rows,
  };
}

/** Each router compared with its live commit (none: nothing to compare, reported as such). */
export async function checkDrift(options: Pick<GatherOptions, 'repo' | 'settings'>, rows: readonly Pick<RouterStatus, 'router' | 'live'>[], env?: NodeJS.ProcessEnv): Promise<Map<string, DriftStatus>> {
  const at = new Date().toISOString();
  const views = await inspectRouters({
    repo: options.repo,
    settings: options.settings,
    routers: rows.filter((r) => r.live !== null).map((r) => r.router),
    refFor: async (router) => {
      const live = rows.find((r) => r.router === router)!.live!;
      return { ref: live.commit, commit: live.commit };
    },
    ...(env ? { env } : {}),
  });
  const result = new Map<string, DriftStatus>();
  for (const view of views) {
    result.set(view.router, {
      checked: true,
      at,
      error: view.error === undefined ? null : redactUrls(firstLine(view.error)),
      objects: (view.plan?.commands.length ?? 0) === 0 ? [] : view.plan!.changes.map((c) => ({ action: c.action, kind: c.kind, name: c.name, line: c.line })),
    });
  }
  return result;
}

interface Counts {
  tenants: number;
  floatingIps: number;
  rejections: number;
}

async function countsAt(repo: GitOpsRepo, routers: readonly string[], commit: string): Promise<Map<string, Counts | null>> {
  const files = await repo.readFiles(routers.map(stateJsonPath), commit);
  return new Map(
    routers.map((router) => {
      const text = files.get(stateJsonPath(router));
      if (text === null || text === undefined) return [router, null];
      try {
        const { intent, rejections } = parseState(text);
        return [router, { tenants: intent.tenants.length, floatingIps: intent.floatingIps.length, rejections: rejections.length }];
      } catch {
        return [router, null];
      }
    }),
  );
}

/** Commits since `live` on the way to `tip` that change the router's files; null when `live` is not in this clone. */
async function behind(repo: GitOpsRepo, router: string, live: string, tip: string): Promise<number | null> {
  if (live === tip) return 0;
  try {
    return Number((await repo.git.run(['rev-list', '--count', `${live}..${tip}`, '--', routerDir(router)])).trim());
  } catch {
    return null;
  }
}
