/**
 * Builds the pages' snapshot (model.ts) from the GitOps repository: the status document, each
 * router's state.json at the deploy tip and at its live commit, its deploy records and the
 * history of its state.json. Reads only; git through the Git adapter.
 */
import type { RecordsStore } from '../deploy/records.js';
import type { LiveInfo } from '../deploy/records.js';
import type { DriftStatus, StatusDocument } from '../documents/status.js';
import { routerState } from '../documents/status.js';
import { gatherStatus } from '../documents/status-gather.js';
import { stateJsonPath } from '../gitops/layout.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import { parseState } from '../gitops/state-file.js';
import type { DockerContainer } from '../observe/types.js';
import { redactUrls } from '../redact.js';
import type { Settings } from '../settings/load.js';
import {
  durationOf,
  floatingIpRows,
  poolUse,
  rejectionRows,
  tenantRows,
  walkHistory,
  type DeployRow,
  type HistoryEntry,
  type RecordedState,
  type RejectionRow,
  type RouterDetail,
  type Snapshot,
} from './model.js';

/** Commits of a router's state.json read for the timeline and the "since" columns. */
const HISTORY_COMMITS = 100;
/** Deploy records shown per router. */
const DEPLOYS_SHOWN = 30;

export interface SnapshotInput {
  repo: GitOpsRepo;
  settings: Settings;
  routers: readonly string[];
  records: RecordsStore;
  deployRef: string;
  /** The last drift check per router (absent: not checked). */
  drift: ReadonlyMap<string, CheckedDrift>;
  version: string;
}

export async function buildSnapshot(input: SnapshotInput): Promise<Snapshot> {
  const { repo, settings, routers, records } = input;
  const status = await gatherStatus({ repo, settings, routers, records, deployRef: input.deployRef });
  applyDrift(status, input.drift);
  const details = new Map<string, RouterDetail>();
  const asked: string[] = [];
  for (const row of status.routers) {
    const history = row.tip ? await readHistory(repo, row.router, row.tip) : [];
    // The newest commit that changed the file holds the tip's version of it (null: deleted or unreadable).
    const current = history.at(-1)?.state ?? null;
    const live = row.live ? ((await readState(repo, row.router, row.live.commit)) ?? null) : null;
    const walked = walkHistory(history);
    const deploys = (await records.history(row.router, DEPLOYS_SHOWN)).map(
      (r): DeployRow => ({
        id: r.id,
        kind: r.kind,
        commit: r.commit,
        started: r.started,
        ended: r.ended,
        durationMs: durationOf(r.started, r.ended),
        result: r.result,
        actor: r.actor.name,
        message: redactUrls(r.message),
        commands: r.commands,
        failedLines: r.failedLines.map((f) => ({ ...f, messages: f.messages.map(redactUrls) })),
      }),
    );
    details.set(row.router, {
      router: row.router,
      status: row,
      tenants: current ? tenantRows(current) : [],
      floatingIps: current ? floatingIpRows(row.router, current, walked.fipSince, live) : [],
      rejections: current ? rejectionRows(row.router, current, walked.rejectionSince) : [],
      deploys,
      history: walked.points,
    });
    if (current) asked.push(...rejectedAsks(current, settings.labels.globalIp));
  }
  const all = [...details.values()];
  return {
    version: input.version,
    status,
    routers: details,
    pools: poolUse(settings.pools, all.flatMap((d) => d.floatingIps), asked),
    rejections: uniqueRejections(all.flatMap((d) => d.rejections)),
  };
}

/** A drift check's result for a router, and what was live on it then (commit, and the deploy that put it there). */
export interface CheckedDrift {
  status: DriftStatus;
  against: Pick<LiveInfo, 'commit' | 'deploy'>;
}

/**
 * The drift check's results in the document, and each router's word recomputed with them. A
 * check made before the deploy that is live now (another commit, or the same one deployed again,
 * e.g. by `drift --fix`) says nothing about the router since: it shows as not checked until the
 * next check, never as drifted by what that deploy has just changed.
 */
export function applyDrift(status: StatusDocument, drift: ReadonlyMap<string, CheckedDrift>): void {
  for (const row of status.routers) {
    const checked = drift.get(row.router);
    if (checked && checked.against.commit === row.live?.commit && checked.against.deploy === row.live.deploy) row.drift = checked.status;
    row.state = routerState(row);
  }
}

/** A rejection not tied to a router is in every router's state.json: listed once. */
function uniqueRejections(rows: RejectionRow[]): RejectionRow[] {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const key = `${r.router ?? ''}\n${r.kind}\n${r.object}\n${r.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The global IPs rejected containers asked for (their label), for the pools' "rejected" share. */
function rejectedAsks(state: RecordedState, label: string): string[] {
  const rejected = new Set(state.rejections.filter((r) => r.kind === 'container').map((r) => r.object));
  return state.containers.filter((c) => rejected.has(c.name) && c.labels[label] !== undefined).map((c) => c.labels[label]!.trim());
}

function toRecorded(text: string): RecordedState | null {
  try {
    const { intent, rejections } = parseState(text);
    const docker = (JSON.parse(text) as { docker?: { containers?: DockerContainer[] } }).docker;
    return { tenants: intent.tenants, floatingIps: intent.floatingIps, rejections, containers: docker?.containers ?? [], outside: intent.outside };
  } catch {
    return null;
  }
}

async function readState(repo: GitOpsRepo, router: string, commit: string): Promise<RecordedState | null> {
  const text = await repo.readFile(stateJsonPath(router), commit).catch(() => null);
  return text === null ? null : toRecorded(text);
}

/** The last HISTORY_COMMITS commits that changed the router's state.json, oldest first, read by two git processes. */
async function readHistory(repo: GitOpsRepo, router: string, tip: string): Promise<HistoryEntry[]> {
  const file = stateJsonPath(router);
  const log = await repo.git.run(['log', '--format=%H %cI', `-n${HISTORY_COMMITS}`, tip, '--', file]).catch(() => '');
  const commits = log.split('\n').filter(Boolean).map((line) => {
    const [commit, at] = line.split(' ');
    return { commit: commit!, at: new Date(at!).toISOString() };
  });
  commits.reverse();
  // `<rev>:./path` is relative to the GitOps directory, which may be a subdirectory of the repository.
  const blobs = await repo.git.readBlobs(commits.map((c) => `${c.commit}:./${file}`));
  return commits.map((c) => {
    const text = blobs.get(`${c.commit}:./${file}`) ?? null;
    return { ...c, state: text === null ? null : toRecorded(text) };
  });
}
