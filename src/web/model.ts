/**
 * What the pages and /api/v1 show, as plain data: one snapshot of the repository (and the last
 * drift check), rebuilt when the deploy branch or the records branch moves. Building it is
 * snapshot.ts (I/O); the types and the pure parts (pool use, search, history walk) are here.
 */
import type { FailedLine, DeployKind, DeployResult } from '../deploy/record.js';
import type { RouterStatus, StatusDocument } from '../documents/status.js';
import type { RecordedRejection } from '../gitops/state-file.js';
import { cidrContains, parseCidr, parseIpv4 } from '../intent/ipv4.js';
import type { FloatingIp, Tenant } from '../intent/types.js';
import type { DockerContainer } from '../observe/types.js';

export interface TenantRow {
  vrf: string;
  vlan: number;
  subnet: string;
  gateway: string;
  subinterface: string;
  /** The PAT: the tenant's ACL overloaded onto the outside interface. */
  pat: { acl: string; outside: string };
}

export interface FloatingIpRow {
  router: string;
  vrf: string;
  global: string;
  local: string;
  container: string;
  /** Swarm: the service of the task; null for a plain container. */
  service: string | null;
  /** The engine or Swarm node it runs on, when several are read; null for one engine. */
  host: string | null;
  /** The first commit (its time) of the run of commits that hold it, within the history read; null: older than that. */
  since: string | null;
  /** Whether the router's live commit holds it (false: committed, not deployed yet). */
  live: boolean;
}

export interface RejectionRow {
  router: string | null;
  kind: string;
  object: string;
  code: string | null;
  reason: string;
  since: string | null;
}

export interface DeployRow {
  id: string;
  kind: DeployKind;
  commit: string;
  started: string;
  ended: string;
  durationMs: number;
  result: DeployResult;
  actor: string;
  message: string;
  commands: string[];
  failedLines: FailedLine[];
}

export interface HistoryPoint {
  commit: string;
  at: string;
  tenants: number;
  floatingIps: number;
}

export interface RouterDetail {
  router: string;
  status: RouterStatus;
  tenants: TenantRow[];
  floatingIps: FloatingIpRow[];
  rejections: RejectionRow[];
  deploys: DeployRow[];
  /** Oldest first. */
  history: HistoryPoint[];
}

export interface PoolUse {
  pool: string;
  size: number;
  used: number;
  rejected: number;
  free: number;
}

export interface Snapshot {
  /** Changes whenever anything shown changes (the refs read and the drift check). */
  version: string;
  status: StatusDocument;
  routers: Map<string, RouterDetail>;
  pools: PoolUse[];
  /** Every router's rejections, a rejection without router once. */
  rejections: RejectionRow[];
}

/** One router's state.json as the pages need it. */
export interface RecordedState {
  tenants: Tenant[];
  floatingIps: FloatingIp[];
  rejections: RecordedRejection[];
  containers: DockerContainer[];
  outside: string;
}

/** A commit's state.json in the history walk (null: absent or unreadable at that commit). */
export interface HistoryEntry {
  commit: string;
  at: string;
  state: RecordedState | null;
}

const fipKey = (f: Pick<FloatingIp, 'global' | 'containerId'>) => `${f.global} ${f.containerId}`;
const rejectionKey = (r: Pick<RecordedRejection, 'kind' | 'object' | 'reason'>) => `${r.kind} ${r.object} ${r.reason}`;

/**
 * Walks a router's history, oldest first: the timeline points, and since when each floating IP and
 * rejection of the newest entry has been there without a gap.
 */
export function walkHistory(entries: readonly HistoryEntry[]): { points: HistoryPoint[]; fipSince: Map<string, string>; rejectionSince: Map<string, string> } {
  const points: HistoryPoint[] = [];
  let fipSince = new Map<string, string>();
  let rejectionSince = new Map<string, string>();
  entries.forEach((entry, i) => {
    const state = entry.state;
    if (state) points.push({ commit: entry.commit, at: entry.at, tenants: state.tenants.length, floatingIps: state.floatingIps.length });
    // The oldest entry read: its objects are at least that old, their real start is unknown.
    const first = i === 0;
    const nextFips = new Map<string, string>();
    for (const f of state?.floatingIps ?? []) nextFips.set(fipKey(f), fipSince.get(fipKey(f)) ?? (first ? '' : entry.at));
    const nextRejections = new Map<string, string>();
    for (const r of state?.rejections ?? []) nextRejections.set(rejectionKey(r), rejectionSince.get(rejectionKey(r)) ?? (first ? '' : entry.at));
    fipSince = nextFips;
    rejectionSince = nextRejections;
  });
  return { points, fipSince, rejectionSince };
}

export function tenantRows(state: RecordedState): TenantRow[] {
  return state.tenants.map((t) => ({
    vrf: t.vrf,
    vlan: t.vlan,
    subnet: `${t.subnet}/${t.prefixLength}`,
    gateway: t.gateway,
    subinterface: t.subinterface,
    pat: { acl: t.acl, outside: state.outside },
  }));
}

export function floatingIpRows(router: string, state: RecordedState, since: ReadonlyMap<string, string>, live: RecordedState | null): FloatingIpRow[] {
  const containers = new Map(state.containers.map((c) => [c.id, c]));
  const liveKeys = new Set((live?.floatingIps ?? []).map((f) => `${fipKey(f)} ${f.local} ${f.vrf}`));
  return state.floatingIps.map((f) => {
    const container = containers.get(f.containerId);
    return {
      router,
      vrf: f.vrf,
      global: f.global,
      local: f.local,
      container: f.container,
      service: container?.service ?? null,
      host: container?.host ?? null,
      since: since.get(fipKey(f)) || null,
      live: liveKeys.has(`${fipKey(f)} ${f.local} ${f.vrf}`),
    };
  });
}

export function rejectionRows(router: string, state: RecordedState, since: ReadonlyMap<string, string>): RejectionRow[] {
  return state.rejections.map((r) => ({
    router: r.router ?? (r.kind === 'router' ? router : null),
    kind: r.kind,
    object: r.object,
    code: r.code ?? null,
    reason: r.reason,
    since: since.get(rejectionKey(r)) || null,
  }));
}

/**
 * Each configured pool: addresses held by floating IPs (any router), addresses asked for by
 * rejected containers (their label), and the rest free. Network and broadcast count as usable:
 * a floating IP is a NAT address, not an interface address.
 */
export function poolUse(pools: readonly string[], floatingIps: readonly Pick<FloatingIpRow, 'global'>[], rejectedAsks: readonly string[]): PoolUse[] {
  return pools.flatMap((pool) => {
    const cidr = parseCidr(pool);
    if (!cidr) return [];
    const inPool = (ip: string) => {
      const n = parseIpv4(ip);
      return n !== null && cidrContains(cidr, n);
    };
    const used = new Set(floatingIps.map((f) => f.global).filter(inPool));
    const rejected = new Set(rejectedAsks.filter((ip) => inPool(ip) && !used.has(ip)));
    const size = 2 ** (32 - cidr.prefixLength);
    return [{ pool, size, used: used.size, rejected: rejected.size, free: size - used.size - rejected.size }];
  });
}

/**
 * The floating IPs a search names: an exact address (global or local) first, else every row whose
 * global or local address, container, service, tenant (VRF), host or router contains the text
 * (case-insensitive).
 */
export function searchFloatingIps(rows: readonly FloatingIpRow[], query: string): FloatingIpRow[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const exact = rows.filter((r) => r.global === q || r.local === q);
  if (exact.length > 0) return exact;
  return rows.filter((r) => [r.global, r.local, r.container, r.service ?? '', r.vrf, r.host ?? '', r.router].some((v) => v.toLowerCase().includes(q)));
}

/** Duration of a deploy in ms (0 when its times cannot be read). */
export function durationOf(started: string, ended: string): number {
  const ms = Date.parse(ended) - Date.parse(started);
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}
