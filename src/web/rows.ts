/**
 * The floating-IP table's rows as HTML, written here rather than in a nunjucks loop: a router may
 * hold tens of thousands of floating IPs, and a macro call per cell costs about 100× a string
 * join (BENCHMARKS.md, issue 15). Every value is escaped; the markup matches macros.njk's table.
 */
import { escapeXml as esc } from './charts.js';
import type { FloatingIpRow } from './model.js';

/** Since values are Date.toISOString() output (snapshot.ts): sliced, not matched, for speed. */
const ISO = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
const time = (iso: string) => (ISO.test(iso) ? `<time datetime="${iso}">${iso.slice(0, 10)} ${iso.slice(11, 19)}Z</time>` : esc(iso));
// Entities, not the characters: one non-Latin-1 character makes V8 build every row as a two-byte string (3× slower).
const NONE = '&mdash;';

export function floatingIpRowsHtml(rows: readonly FloatingIpRow[], showRouter: boolean): string {
  if (rows.length === 0) return `<tr><td colspan="${showRouter ? 9 : 8}">None.</td></tr>`;
  return rows
    .map((f) => {
      const router = showRouter ? `<td><a href="/routers/${encodeURIComponent(f.router)}">${esc(f.router)}</a></td>` : '';
      const since = f.since ? time(f.since) : 'before the history shown';
      const live = f.live ? '<span class="yes">&#10003; live</span>' : '<span class="no">&hellip; not deployed yet</span>';
      return `<tr>${router}<th scope="row">${esc(f.global)}</th><td>${esc(f.local)}</td><td>${esc(f.vrf)}</td><td>${esc(f.container)}</td><td>${(f.service === null ? NONE : esc(f.service))}</td><td>${(f.host === null ? NONE : esc(f.host))}</td><td>${since}</td><td>${live}</td></tr>`;
    })
    .join('\n');
}
