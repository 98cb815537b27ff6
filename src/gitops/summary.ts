/**
 * Commit-message summaries: what changed for a router between two renders, in words a
 * reviewer wants ("edge1: add floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)").
 * Pure: compares two RouterIntents (plus their rejections) and formats the result.
 *
 * Identity: a tenant is its VRF, a floating IP is its global address, a rejection is
 * (kind, object, reason). Output order is deterministic: settings, tenants by VRF,
 * floating IPs by numeric global address, new rejections, cleared rejections.
 */
import { parseIpv4 } from '../intent/ipv4.js';
import { compareText } from '../intent/order.js';
import type { FloatingIp, RouterIntent, Tenant } from '../intent/types.js';
import type { RecordedRejection } from './state-file.js';

/** One line of the summary; the subject counts changes by kind. */
export interface Change {
  router: string;
  kind: ChangeKind;
  /** The full line, starting with "<router>: ". Control characters are escaped. */
  text: string;
  /** A shorter form for the subject line when `text` is too long for it. */
  short?: string;
}

/** A change line as the comparisons produce it, before the router name is prefixed. */
type Line = [kind: ChangeKind, text: string, short?: string];

/** Kinds in subject order, with the phrase used to count them ("2 floating IPs added"). */
const KINDS = {
  'setting-changed': ['setting changed', 'settings changed'],
  'tenant-added': ['tenant added', 'tenants added'],
  'tenant-removed': ['tenant removed', 'tenants removed'],
  'tenant-changed': ['tenant changed', 'tenants changed'],
  'floating-ip-added': ['floating IP added', 'floating IPs added'],
  'floating-ip-removed': ['floating IP removed', 'floating IPs removed'],
  'floating-ip-changed': ['floating IP changed', 'floating IPs changed'],
  'object-rejected': ['object rejected', 'objects rejected'],
  'rejection-cleared': ['rejection cleared', 'rejections cleared'],
  'network-recreated': ['network recreated', 'networks recreated'],
  'container-recreated': ['container recreated', 'containers recreated'],
  /** intended.cfg changed with the same tenants and floating IPs (templates, settings). */
  'config-updated': ['config update', 'config updates'],
  /** Only the recorded Docker state changed (state.json), nothing the router sees. */
  'record-updated': ['record update', 'record updates'],
} as const satisfies Record<string, readonly [string, string]>;

export type ChangeKind = keyof typeof KINDS;

/** Git convention for a subject line that reads well in `git log --oneline` and PR lists. */
export const SUBJECT_MAX = 72;

/**
 * A first render of a large host can add 100,000 floating IPs; past this many bullets
 * the body says how many more there are (state.json and the diff hold every one).
 */
export const BODY_MAX_LINES = 1000;

/**
 * Names and reasons come from Docker and are untrusted: a newline in a label value must
 * not forge extra lines (or trailers) in a commit message. Escape, never drop.
 */
export function printable(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}

/** Settings-level fields of a RouterIntent that change the rendered config. */
const SETTING_FIELDS: ReadonlyArray<{ label: string; value: (r: RouterIntent) => string }> = [
  { label: 'inside interface', value: (r) => r.inside },
  { label: 'outside interface', value: (r) => r.outside },
  { label: 'egress route-map', value: (r) => r.egressRouteMap ?? 'none' },
  { label: 'ownership marker', value: (r) => r.marker },
  { label: 'name prefix', value: (r) => r.prefix },
];

/** Tenant fields a reviewer recognises; mask and wildcard follow from the subnet. */
const TENANT_FIELDS: ReadonlyArray<{ label: string; value: (t: Tenant) => string }> = [
  { label: 'VLAN', value: (t) => String(t.vlan) },
  { label: 'subnet', value: (t) => cidr(t) },
  { label: 'gateway', value: (t) => t.gateway },
  { label: 'sub-interface', value: (t) => t.subinterface },
  { label: 'ACL', value: (t) => t.acl },
];

function cidr(t: Tenant): string {
  return `${t.subnet}/${t.prefixLength}`;
}

/** Numeric order of addresses; text order for anything that is not one (a hand-edited file). */
function byIpv4(a: string, b: string): number {
  const na = parseIpv4(a);
  const nb = parseIpv4(b);
  if (na !== null && nb !== null && na !== nb) return na - nb;
  return compareText(a, b);
}

/** Pairs objects of two lists by identity key, sorted by `order`. */
function pair<T>(before: readonly T[], after: readonly T[], key: (x: T) => string, order: (a: string, b: string) => number) {
  const old = new Map(before.map((x) => [key(x), x]));
  const now = new Map(after.map((x) => [key(x), x]));
  const keys = [...new Set([...old.keys(), ...now.keys()])].sort(order);
  return keys.map((k) => ({ key: k, before: old.get(k), after: now.get(k) }));
}

function where(f: FloatingIp): string {
  return `${f.vrf}/${f.container}`;
}

function settingChanges(before: RouterIntent | null, after: RouterIntent): string[] {
  if (!before) return [];
  return SETTING_FIELDS.filter((f) => f.value(before) !== f.value(after)).map(
    (f) => `change ${f.label} ${f.value(before)} → ${f.value(after)}`,
  );
}

function tenantChanges(before: readonly Tenant[], after: readonly Tenant[]): Line[] {
  const out: Line[] = [];
  for (const { key: vrf, before: was, after: now } of pair(before, after, (t) => t.vrf, compareText)) {
    if (!was && now) {
      const what = `tenant ${vrf} (VLAN ${now.vlan}, ${cidr(now)}`;
      out.push(['tenant-added', `add ${what} via ${now.subinterface})`, `add ${what})`]);
    } else if (was && !now) {
      const what = `tenant ${vrf} (VLAN ${was.vlan}, ${cidr(was)}`;
      out.push(['tenant-removed', `remove ${what} via ${was.subinterface})`, `remove ${what})`]);
    } else if (was && now) {
      const fields = TENANT_FIELDS.filter((f) => f.value(was) !== f.value(now));
      if (fields.length > 0) {
        const what = fields.map((f) => `${f.label} ${f.value(was)} → ${f.value(now)}`).join(', ');
        out.push(['tenant-changed', `change tenant ${vrf} ${what}`, `change tenant ${vrf} ${fields.map((f) => f.label).join(', ')}`]);
      } else if (was.networkId !== now.networkId) {
        out.push(['network-recreated', `network ${vrf} recreated with the same tenant config`]);
      }
    }
  }
  return out;
}

function floatingIpChanges(before: readonly FloatingIp[], after: readonly FloatingIp[]): Line[] {
  const out: Line[] = [];
  for (const { key: global, before: was, after: now } of pair(before, after, (f) => f.global, byIpv4)) {
    if (!was && now) {
      out.push(['floating-ip-added', `add floating IP ${global} → ${now.local} (${where(now)})`]);
    } else if (was && !now) {
      out.push(['floating-ip-removed', `remove floating IP ${global} → ${was.local} (${where(was)})`]);
    } else if (was && now) {
      if (where(was) !== where(now)) {
        out.push(['floating-ip-changed', `change floating IP ${global}: ${was.local} (${where(was)}) → ${now.local} (${where(now)})`]);
      } else if (was.local !== now.local) {
        out.push(['floating-ip-changed', `change floating IP ${global}: ${was.local} → ${now.local} (${where(now)})`]);
      } else if (was.containerId !== now.containerId) {
        out.push(['container-recreated', `container ${now.container} recreated, keeps floating IP ${global} → ${now.local} (${now.vrf})`]);
      }
    }
  }
  return out;
}

/** The code is left out: a file written before rejections carried one names the same rejection. */
function rejectionKey(r: RecordedRejection): string {
  return `${r.kind}\u0000${r.object}\u0000${r.reason}`;
}

function rejectionChanges(before: readonly RecordedRejection[], after: readonly RecordedRejection[]): Line[] {
  const pairs = pair(before, after, rejectionKey, compareText);
  const added = pairs.flatMap(({ before: was, after: now }): Line[] =>
    now && !was ? [['object-rejected', `reject ${now.kind} ${now.object}: ${now.reason}`, `reject ${now.kind} ${now.object}`]] : [],
  );
  const cleared = pairs.flatMap(({ before: was, after: now }): Line[] =>
    was && !now
      ? [['rejection-cleared', `clear rejection of ${was.kind} ${was.object} (was: ${was.reason})`, `clear rejection of ${was.kind} ${was.object}`]]
      : [],
  );
  return [...added, ...cleared];
}

/**
 * Everything that changed for one router between the last committed render (`before`,
 * null when the router has none yet) and this one.
 */
export function summarizeChange(
  router: string,
  before: RouterIntent | null,
  after: RouterIntent,
  rejectionsBefore: readonly RecordedRejection[],
  rejectionsAfter: readonly RecordedRejection[],
): Change[] {
  const lines: Line[] = [
    ...settingChanges(before, after).map((t): Line => ['setting-changed', t]),
    ...tenantChanges(before?.tenants ?? [], after.tenants),
    ...floatingIpChanges(before?.floatingIps ?? [], after.floatingIps),
    ...rejectionChanges(rejectionsBefore, rejectionsAfter),
  ];
  return lines.map(([kind, text, short]) => ({
    router,
    kind,
    text: printable(`${router}: ${text}`),
    ...(short ? { short: printable(`${router}: ${short}`) } : {}),
  }));
}

/** A line for a file change the intent comparison cannot explain (templates, recorded state). */
export function fileOnlyChange(router: string, kind: 'config-updated' | 'record-updated'): Change {
  const text =
    kind === 'config-updated'
      ? 'update intended config (same tenants and floating IPs: templates or settings changed)'
      : 'update recorded Docker state (no change to the intended config)';
  return { router, kind, text: printable(`${router}: ${text}`) };
}

function countPhrase(changes: readonly Change[]): string {
  return (Object.keys(KINDS) as ChangeKind[])
    .map((kind) => {
      const n = changes.filter((c) => c.kind === kind).length;
      const [one, many] = KINDS[kind];
      return n === 0 ? '' : `${n} ${n === 1 ? one : many}`;
    })
    .filter(Boolean)
    .join(', ');
}

function subject(changes: readonly Change[]): string {
  const routers = [...new Set(changes.map((c) => printable(c.router)))].sort(compareText);
  const only = changes.length === 1 ? changes[0] : undefined;
  const single = only && [only.text, only.short].find((s) => s !== undefined && s.length <= SUBJECT_MAX);
  if (single) return single;
  const n = changes.length;
  const counted = `${n} change${n === 1 ? '' : 's'}`;
  const candidates = [
    `${routers.join(', ')}: ${counted} (${countPhrase(changes)})`,
    `${routers.join(', ')}: ${counted}`,
    `${counted} on ${routers.length} router${routers.length === 1 ? '' : 's'}`,
  ];
  return candidates.find((s) => s.length <= SUBJECT_MAX) ?? candidates[candidates.length - 1]!;
}

/**
 * The commit message for a set of changes (one or several routers): a short subject,
 * a blank line, then one bullet per change, and `notes` (what the changes rest on, e.g. a host
 * that did not answer) as a last paragraph. Null when there is no change: notes alone say nothing new.
 */
export function formatCommitMessage(changes: readonly Change[], notes: readonly string[] = []): string | null {
  if (changes.length === 0) return null;
  const shown = changes.slice(0, BODY_MAX_LINES).map((c) => `- ${c.text}`);
  const more = changes.length - shown.length;
  if (more > 0) shown.push(`- … and ${more} more change${more === 1 ? '' : 's'} (see the diff of state.json)`);
  const body = shown.join('\n');
  const tail = notes.length > 0 ? `\n\n${notes.map((note) => printable(note)).join('\n')}` : '';
  return `${subject(changes)}\n\n${body}${tail}\n`;
}
