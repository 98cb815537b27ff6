/**
 * The pictures, as SVG text rendered on the server (no script, no external font, no CDN: the
 * management networks routers live on are often air-gapped). Pure functions of the model.
 * Colour is never the only signal: every mark also differs in pattern or dash and carries a text
 * label or a <title>; each chart has a <title> and a <desc> for screen readers, and the same
 * figures are in a table on the page.
 */
import type { DeployResult } from '../deploy/record.js';
import type { DeployRow, HistoryPoint, PoolUse } from './model.js';

const FONT = 'font-family="system-ui, sans-serif" font-size="12"';

const SPECIAL = /[&<>"']/;

export function escapeXml(text: string): string {
  if (!SPECIAL.test(text)) return text;
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const num = (n: number) => (Math.round(n * 10) / 10).toString();

function frame(id: string, width: number, height: number, title: string, desc: string, body: string): string {
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" aria-labelledby="${id}-t ${id}-d">` +
    `<title id="${id}-t">${escapeXml(title)}</title><desc id="${id}-d">${escapeXml(desc)}</desc>` +
    `<defs><pattern id="${id}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">` +
    `<rect width="6" height="6" fill="#f3c6c6"/><line x1="0" y1="0" x2="0" y2="6" stroke="#a61b1b" stroke-width="2"/></pattern></defs>` +
    `${body}</svg>`
  );
}

/** Pool utilisation: one stacked bar per pool (used solid, rejected hatched, free light), counts written beside. */
export function poolChart(pools: readonly PoolUse[], id = 'pools'): string {
  const rowHeight = 34;
  const labelWidth = 150;
  const barWidth = 420;
  const width = labelWidth + barWidth + 230;
  const height = pools.length * rowHeight + 34;
  const bars = pools.map((p, i) => {
    const y = 10 + i * rowHeight;
    const scale = p.size > 0 ? barWidth / p.size : 0;
    const used = p.used * scale;
    const rejected = p.rejected * scale;
    // A share too small to see still gets a visible sliver.
    const wUsed = p.used > 0 ? Math.max(used, 2) : 0;
    const wRejected = p.rejected > 0 ? Math.max(rejected, 2) : 0;
    const x0 = labelWidth;
    return (
      `<g class="pool"><title>${escapeXml(`${p.pool}: ${p.used} used, ${p.rejected} rejected, ${p.free} free of ${p.size}`)}</title>` +
      `<text x="0" y="${y + 15}" ${FONT}>${escapeXml(p.pool)}</text>` +
      `<rect x="${x0}" y="${y}" width="${barWidth}" height="20" fill="#e8eef4" stroke="#55616d"/>` +
      `<rect class="used" x="${x0}" y="${y}" width="${num(wUsed)}" height="20" fill="#1f5f99"/>` +
      `<rect class="rejected" x="${num(x0 + wUsed)}" y="${y}" width="${num(wRejected)}" height="20" fill="url(#${id}-hatch)"/>` +
      `<text x="${labelWidth + barWidth + 8}" y="${y + 15}" ${FONT}>${p.used} used · ${p.rejected} rejected · ${p.free} free</text></g>`
    );
  });
  const legendY = height - 12;
  const legend =
    `<g class="legend" ${FONT}><rect x="${labelWidth}" y="${legendY - 10}" width="12" height="12" fill="#1f5f99"/><text x="${labelWidth + 16}" y="${legendY}">used</text>` +
    `<rect x="${labelWidth + 70}" y="${legendY - 10}" width="12" height="12" fill="url(#${id}-hatch)"/><text x="${labelWidth + 86}" y="${legendY}">rejected (hatched)</text>` +
    `<rect x="${labelWidth + 210}" y="${legendY - 10}" width="12" height="12" fill="#e8eef4" stroke="#55616d"/><text x="${labelWidth + 226}" y="${legendY}">free</text></g>`;
  const desc = pools.map((p) => `${p.pool}: ${p.used} used, ${p.rejected} rejected, ${p.free} free of ${p.size}`).join('; ');
  return frame(id, width, height, 'Floating-IP pool utilisation', desc || 'no pools configured', bars.join('') + legend);
}

/** How each result is drawn: fill, and a glyph so the result does not rest on colour alone. */
export const RESULT_STYLE: Record<DeployResult, { fill: string; glyph: string; words: string }> = {
  success: { fill: '#2e7d32', glyph: '✓', words: 'success' },
  unchanged: { fill: '#7a8a99', glyph: '=', words: 'unchanged' },
  reverted: { fill: '#c77700', glyph: '↺', words: 'reverted' },
  failed: { fill: '#b3261e', glyph: '✗', words: 'failed' },
  refused: { fill: '#6a1b9a', glyph: '⊘', words: 'refused' },
  unknown: { fill: '#000000', glyph: '?', words: 'unknown' },
};

/** A deploy timeline: each deploy a bar at its start, as wide as it took (at least a few pixels), coloured and marked by result. */
export function deployTimeline(deploys: readonly DeployRow[], id = 'deploys'): string {
  const width = 800;
  const height = 120;
  const left = 10;
  const right = width - 10;
  const times = deploys.flatMap((d) => [Date.parse(d.started), Date.parse(d.ended)]).filter(Number.isFinite);
  if (times.length === 0) return frame(id, width, 40, 'Deploy timeline', 'no deploys recorded', `<text x="10" y="24" ${FONT}>No deploys recorded yet.</text>`);
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1000);
  const x = (t: number) => left + ((t - t0) / (t1 - t0)) * (right - left);
  const marks = [...deploys]
    .sort((a, b) => a.started.localeCompare(b.started))
    .map((d) => {
      const style = RESULT_STYLE[d.result];
      const start = Date.parse(d.started);
      const xs = Number.isFinite(start) ? x(start) : left;
      const w = Math.max(4, Number.isFinite(start) ? x(start + d.durationMs) - xs : 4);
      const label = `${d.ended} ${d.kind} ${style.words}, ${(d.durationMs / 1000).toFixed(1)} s, ${d.commands.length} lines, by ${d.actor}`;
      return (
        `<g class="deploy ${d.result}"><title>${escapeXml(label)}</title>` +
        `<rect x="${num(xs)}" y="40" width="${num(w)}" height="36" fill="${style.fill}"/>` +
        `<text x="${num(xs + w / 2)}" y="32" text-anchor="middle" ${FONT}>${style.glyph}</text></g>`
      );
    });
  const axis =
    `<line x1="${left}" y1="84" x2="${right}" y2="84" stroke="#55616d"/>` +
    `<text x="${left}" y="100" ${FONT}>${escapeXml(new Date(t0).toISOString().replace('.000Z', 'Z'))}</text>` +
    `<text x="${right}" y="100" text-anchor="end" ${FONT}>${escapeXml(new Date(t1).toISOString().replace('.000Z', 'Z'))}</text>`;
  const used = [...new Set(deploys.map((d) => d.result))];
  const legend = used
    .map((r, i) => `<g ${FONT}><rect x="${left + i * 120}" y="${height - 12}" width="10" height="10" fill="${RESULT_STYLE[r].fill}"/><text x="${left + i * 120 + 14}" y="${height - 3}">${RESULT_STYLE[r].glyph} ${RESULT_STYLE[r].words}</text></g>`)
    .join('');
  const counts = used.map((r) => `${deploys.filter((d) => d.result === r).length} ${r}`).join(', ');
  return frame(id, width, height + 8, 'Deploy timeline', `${deploys.length} deploys: ${counts}`, axis + marks.join('') + legend);
}

/** Tenants and floating IPs over time (one step line each: solid for floating IPs, dashed for tenants), from the Git history. */
export function historyChart(points: readonly HistoryPoint[], id = 'history'): string {
  const width = 800;
  const height = 200;
  const pad = { left: 44, right: 10, top: 14, bottom: 40 };
  if (points.length === 0) return frame(id, width, 40, 'Tenants and floating IPs over time', 'no history', `<text x="10" y="24" ${FONT}>No history yet.</text>`);
  const times = points.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times, t0 + 1000);
  const top = Math.max(1, ...points.map((p) => Math.max(p.tenants, p.floatingIps)));
  const x = (t: number) => pad.left + ((t - t0) / (t1 - t0)) * (width - pad.left - pad.right);
  const y = (v: number) => height - pad.bottom - (v / top) * (height - pad.top - pad.bottom);
  const step = (value: (p: HistoryPoint) => number) => {
    const parts: string[] = [];
    points.forEach((p, i) => {
      const px = x(times[i]!);
      if (i > 0) parts.push(`${num(px)},${num(y(value(points[i - 1]!)))}`);
      parts.push(`${num(px)},${num(y(value(p)))}`);
    });
    parts.push(`${num(width - pad.right)},${num(y(value(points.at(-1)!)))}`);
    return parts.join(' ');
  };
  const axis =
    `<line x1="${pad.left}" y1="${height - pad.bottom}" x2="${width - pad.right}" y2="${height - pad.bottom}" stroke="#55616d"/>` +
    `<line x1="${pad.left}" y1="${pad.top}" x2="${pad.left}" y2="${height - pad.bottom}" stroke="#55616d"/>` +
    `<text x="${pad.left - 6}" y="${pad.top + 4}" text-anchor="end" ${FONT}>${top}</text>` +
    `<text x="${pad.left - 6}" y="${height - pad.bottom}" text-anchor="end" ${FONT}>0</text>` +
    `<text x="${pad.left}" y="${height - pad.bottom + 16}" ${FONT}>${escapeXml(new Date(t0).toISOString().replace('.000Z', 'Z'))}</text>` +
    `<text x="${width - pad.right}" y="${height - pad.bottom + 16}" text-anchor="end" ${FONT}>${escapeXml(new Date(t1).toISOString().replace('.000Z', 'Z'))}</text>`;
  const lines =
    `<polyline class="floating-ips" points="${step((p) => p.floatingIps)}" fill="none" stroke="#1f5f99" stroke-width="2.5"/>` +
    `<polyline class="tenants" points="${step((p) => p.tenants)}" fill="none" stroke="#c77700" stroke-width="2" stroke-dasharray="6 4"/>`;
  const legend =
    `<g ${FONT}><line x1="${pad.left}" y1="${height - 8}" x2="${pad.left + 24}" y2="${height - 8}" stroke="#1f5f99" stroke-width="2.5"/><text x="${pad.left + 30}" y="${height - 4}">floating IPs (solid)</text>` +
    `<line x1="${pad.left + 170}" y1="${height - 8}" x2="${pad.left + 194}" y2="${height - 8}" stroke="#c77700" stroke-width="2" stroke-dasharray="6 4"/><text x="${pad.left + 200}" y="${height - 4}">tenants (dashed)</text></g>`;
  const last = points.at(-1)!;
  return frame(id, width, height, 'Tenants and floating IPs over time', `${points.length} commits; now ${last.tenants} tenants and ${last.floatingIps} floating IPs`, axis + lines + legend);
}
