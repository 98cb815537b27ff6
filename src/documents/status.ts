/**
 * The `status` document (`translator status --format json`, `GET /api/v1/status`): per router, what
 * runs on it, how it came there and whether it still matches. Plain data, versioned by
 * `schemaVersion` (schemas/status.schema.json); a new optional field keeps the version, a removed or
 * retyped one raises it. Pure: gathering it from Git and the routers is status-gather.ts.
 */
import type { DeployKind, DeployRecord, DeployResult } from '../deploy/record.js';
import type { LiveInfo, RecordProblem } from '../deploy/records.js';
import type { SCHEMA_VERSION } from './document.js';

/**
 * One word per router for people and dashboards, first match wins:
 * - `unreachable`: the drift check could not read the router (or plan against it);
 * - `drifted`: the router's owned config differs from its live commit;
 * - `deploy-failed`: the last deploy did not end with the intended config live (failed, refused, reverted, unknown);
 * - `not-deployed`: nothing was ever deployed (no live commit recorded);
 * - `pending`: the deploy branch has commits for this router that are not live yet;
 * - `in-sync`: the live commit is the tip and (when checked) the router matches it.
 */
export const ROUTER_STATES = ['unreachable', 'drifted', 'deploy-failed', 'not-deployed', 'pending', 'in-sync'] as const;
export type RouterStateWord = (typeof ROUTER_STATES)[number];

export interface DeploySummary {
  id: string;
  kind: DeployKind;
  commit: string;
  started: string;
  ended: string;
  result: DeployResult;
  actor: string;
  /** Lines sent in config mode. */
  lines: number;
}

export interface DriftObject {
  action: 'add' | 'change' | 'remove';
  kind: string;
  name: string;
  /** The object's first line, as the intended config (add, change) or the router (remove) has it. */
  line: string;
}

export interface DriftStatus {
  /** False when the routers were not read (`--offline`, or `translator serve` without `--drift-seconds`). */
  checked: boolean;
  /** When the router was read (ISO 8601), null when not checked. */
  at: string | null;
  /** Why the router could not be compared (unreachable, plan refused…), else null. */
  error: string | null;
  /** Objects that differ from the live commit; empty: none. */
  objects: DriftObject[];
}

export interface RouterStatus {
  router: string;
  state: RouterStateWord;
  live: LiveInfo | null;
  /** The deploy branch's tip commit, null when it cannot be resolved. */
  tip: string | null;
  /** Commits on the deploy branch changing this router's files since the live commit; null when unknown. */
  behind: number | null;
  lastDeploy: DeploySummary | null;
  drift: DriftStatus;
  /** Counts from the router's state.json at the tip; null when it has none. */
  tenants: number | null;
  floatingIps: number | null;
  rejections: number | null;
  /** Deploys whose record is waiting in the git dir: id, result, router state. */
  unrecorded: string[];
  /** Who holds the deploy lock / lease, in words; null: free; lease absent: no lease kept. */
  lock: string | null;
  lease?: string | null;
  problems: RecordProblem[];
  /** Docker hosts whose last known objects the committed state.json keeps. */
  stale: string[];
}

export interface StatusDocument {
  schemaVersion: typeof SCHEMA_VERSION;
  kind: 'status';
  generatedAt: string;
  /** The deploy branch (or ref) the tips are of. */
  deployRef: string | null;
  records: { branch: string; note: string | null; warning: string | null };
  routers: RouterStatus[];
}

const LIVE_RESULTS: readonly DeployResult[] = ['success', 'unchanged'];

export function deploySummary(record: DeployRecord): DeploySummary {
  return {
    id: record.id,
    kind: record.kind,
    commit: record.commit,
    started: record.started,
    ended: record.ended,
    result: record.result,
    actor: record.actor.name,
    lines: record.commands.length,
  };
}

/** The one word of ROUTER_STATES for a row (see there for the order). */
export function routerState(row: Pick<RouterStatus, 'drift' | 'lastDeploy' | 'live' | 'behind' | 'tip'>): RouterStateWord {
  if (row.drift.checked && row.drift.error !== null) return 'unreachable';
  if (row.drift.objects.length > 0) return 'drifted';
  if (row.lastDeploy && !LIVE_RESULTS.includes(row.lastDeploy.result)) return 'deploy-failed';
  if (!row.live) return 'not-deployed';
  if ((row.behind ?? 0) > 0) return 'pending';
  return 'in-sync';
}

/** The human text of `translator status`, one block per router. */
export function statusText(doc: StatusDocument): string {
  const blocks = doc.routers.map((row) => {
    const drift = !row.drift.checked
      ? 'not checked'
      : row.drift.error !== null
        ? `unknown: ${row.drift.error}`
        : row.drift.objects.length === 0
          ? 'none'
          : `DRIFT (${row.drift.objects.length} object(s))`;
    const last = row.lastDeploy;
    const lines = [
      `${row.router}:`,
      `  live:        ${row.live ? `${row.live.commit.slice(0, 12)} since ${row.live.since} (deploy ${row.live.deploy})` : 'nothing deployed yet'}`,
      `  last deploy: ${last ? `${last.ended} ${last.kind} ${last.commit.slice(0, 12)} ${last.result} by ${last.actor}` : 'none'}`,
      `  branch tip:  ${row.tip ? `${row.tip.slice(0, 12)}${row.live && row.live.commit !== row.tip ? ' (not deployed yet)' : ''}` : 'unknown'}`,
      `  drift:       ${drift}`,
      ...row.unrecorded.map((u) => `  UNRECORDED:  deploy ${u}: its record could not be written; kept in the git dir, the next deploy commits it`),
      `  lock:        ${row.lock ?? 'free'}`,
      ...(row.lease !== undefined ? [`  lease:       ${row.lease ?? 'free'}`] : []),
      ...row.problems.map((p) => `  PROBLEM:     ${p.file} on ${doc.records.branch}: ${p.problem}. Repair: ${p.repair}`),
      ...row.stale.map((note) => `  STALE:       ${note}`),
    ];
    return `${lines.join('\n')}\n`;
  });
  return blocks.join('');
}
