/**
 * routers/<router>/state.json: the Docker state a router's intent came from, the intent
 * itself and the rejections with their reasons ("who asked for what"). Pure.
 *
 * The file is canonical (object keys sorted, arrays in a fixed order, no timestamps) so
 * that the same state always gives the same bytes and a render that changes nothing
 * makes no commit. The previous commit's file is what the next commit message is
 * compared against.
 */
import { once, zod } from '../lazy.js';
import { byNameThenId, byRejection, compareText } from '../intent/order.js';
import type { Intent, Rejection, RouterIntent } from '../intent/types.js';
import type { DockerContainer, DockerNetwork, DockerState } from '../observe/types.js';

const STATE_FORMAT = 1;

export interface RouterStateFile {
  format: typeof STATE_FORMAT;
  router: string;
  intent: RouterIntent;
  /** Rejections for this router, plus those not tied to any router. */
  rejections: Rejection[];
  /** Only the networks and containers that concern this router. */
  docker: DockerState;
}


/** A rejection without a router (none could be chosen) is shown on every router. */
export function rejectionsFor(router: string, rejections: readonly Rejection[]): Rejection[] {
  return rejections.filter((r) => r.router === undefined || r.router === router).sort(byRejection);
}

/**
 * The slice of an Intent and DockerState that belongs in one router's state.json: the
 * networks that became (or were refused as) its tenants, and the containers attached
 * to them or refused on its behalf. Other routers' changes then never touch this file.
 */
export function routerStateFile(router: string, intent: Intent, docker: DockerState): RouterStateFile {
  const routerIntent = intent.routers.find((r) => r.router === router);
  if (!routerIntent) throw new Error(`no intent for router ${JSON.stringify(router)}`);
  const rejections = rejectionsFor(router, intent.rejections);
  const networkNames = new Set([
    ...routerIntent.tenants.map((t) => t.network),
    ...rejections.filter((r) => r.kind === 'network').map((r) => r.object),
  ]);
  const containerNames = new Set(rejections.filter((r) => r.kind === 'container').map((r) => r.object));
  const networks: DockerNetwork[] = docker.networks.filter((n) => networkNames.has(n.name)).sort(byNameThenId);
  const containers: DockerContainer[] = docker.containers
    .filter((c) => containerNames.has(c.name) || Object.keys(c.addresses).some((n) => networkNames.has(n)))
    .sort(byNameThenId);
  return { format: STATE_FORMAT, router, intent: routerIntent, rejections, docker: { networks, containers } };
}

/**
 * JSON with object keys sorted at every level; arrays keep their (already fixed) order; undefined
 * properties left out. A state holds ≈ 100,000 objects of a handful of shapes (containers, floating
 * IPs, labels): the sorted order is worked out once per shape (its keys in insertion order), not
 * once per object, which made this the largest part of a big render (issue 14).
 */
function canonical(value: unknown, orders: Map<string, string[]> = new Map()): unknown {
  if (Array.isArray(value)) return value.map((item) => canonical(item, orders));
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const keys = Object.keys(object);
  const shape = JSON.stringify(keys); // collision-free: label keys may hold any character
  let sorted = orders.get(shape);
  if (!sorted) orders.set(shape, (sorted = [...keys].sort(compareText)));
  const out: Record<string, unknown> = {};
  for (const key of sorted) if (object[key] !== undefined) out[key] = canonical(object[key], orders);
  return out;
}

export function serializeState(file: RouterStateFile): string {
  return `${JSON.stringify(canonical(file), null, 2)}\n`;
}

/** A rejection as a state.json records it (see rejectionSchema). */
export type RecordedRejection = Omit<Rejection, 'code'> & { code?: string };

/*
 * Reading back only checks what the commit summary relies on; unknown fields pass
 * through so that a newer intent model can still read an older file.
 * Built on first use, like every schema (src/lazy.ts).
 */
const stateSchema = once(() => {
  const { z } = zod();
  const tenantSchema = z.looseObject({
    vrf: z.string(),
    networkId: z.string(),
    vlan: z.number(),
    subinterface: z.string(),
    subnet: z.string(),
    prefixLength: z.number(),
    gateway: z.string(),
    acl: z.string(),
  });
  const floatingIpSchema = z.looseObject({
    vrf: z.string(),
    local: z.string(),
    global: z.string(),
    container: z.string(),
    containerId: z.string(),
  });
  /** Files written before rejections carried a code have none; a newer version may write codes this one does not know. */
  const rejectionSchema = z.looseObject({
    kind: z.enum(['network', 'container', 'router']),
    object: z.string(),
    router: z.string().optional(),
    code: z.string().optional(),
    reason: z.string(),
  });

  const stateSchema = z.looseObject({
    format: z.literal(STATE_FORMAT),
    router: z.string(),
    intent: z.looseObject({
      router: z.string(),
      inside: z.string(),
      outside: z.string(),
      marker: z.string(),
      prefix: z.string(),
      egressRouteMap: z.string().nullable(),
      tenants: z.array(tenantSchema),
      floatingIps: z.array(floatingIpSchema),
    }),
    rejections: z.array(rejectionSchema),
  });
  return stateSchema;
});

/** The intent and rejections recorded in a state.json; throws with the schema's reasons. */
export function parseState(text: string): { intent: RouterIntent; rejections: RecordedRejection[] } {
  const parsed = stateSchema().safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`state.json is not in format ${STATE_FORMAT}: ${issues.slice(0, 3).join('; ')}`);
  }
  // Checked above are exactly the fields the summary reads; the rest is carried as written.
  return { intent: parsed.data.intent as unknown as RouterIntent, rejections: parsed.data.rejections as RecordedRejection[] };
}
