import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deployTimeline, escapeXml, historyChart, poolChart } from '../../../src/web/charts.js';
import type { DeployRow } from '../../../src/web/model.js';

/** The chart parses as XML with the DOM-less check we have: balanced tags and no raw '<' in text. */
function assertWellFormed(svg: string): void {
  assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]* role="img"/);
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)([^>]*?)(\/?)>/g)) {
    const [, closing, name, , selfClosing] = m;
    if (selfClosing) continue;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the wrong element`);
    else stack.push(name!);
  }
  assert.deepEqual(stack, [], 'every element is closed');
  assert.doesNotMatch(svg.replace(/<[^>]*>/g, ''), /[<>]/, 'no markup in text');
}

const deploy = (over: Partial<DeployRow>): DeployRow => ({
  id: 'x', kind: 'deploy', commit: 'a'.repeat(40), started: '2026-01-01T10:00:00.000Z', ended: '2026-01-01T10:00:04.000Z', durationMs: 4000,
  result: 'success', actor: 'ci', message: '', commands: ['a', 'b'], failedLines: [], ...over,
});

test('pool bars: used, rejected and free in proportion, with the counts written out', () => {
  const svg = poolChart([{ pool: '10.0.1.0/24', size: 256, used: 64, rejected: 32, free: 160 }, { pool: '10.0.2.0/30', size: 4, used: 0, rejected: 0, free: 4 }]);
  assertWellFormed(svg);
  const widths = [...svg.matchAll(/class="(used|rejected)" x="[\d.]+" y="(\d+)" width="([\d.]+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
  assert.deepEqual(widths, [['used', 10, 105], ['rejected', 10, 52.5], ['used', 44, 0], ['rejected', 44, 0]]);
  assert.match(svg, /64 used · 32 rejected · 160 free/);
  assert.match(svg, /fill="url\(#pools-hatch\)"/, 'rejected is hatched, not only coloured');
  assert.match(svg, /<desc id="pools-d">10\.0\.1\.0\/24: 64 used, 32 rejected, 160 free of 256; 10\.0\.2\.0\/30: 0 used/);
});

test('pool bars: a single used address stays visible', () => {
  const svg = poolChart([{ pool: '10.0.0.0/8', size: 2 ** 24, used: 1, rejected: 0, free: 2 ** 24 - 1 }]);
  assert.match(svg, /class="used" x="150" y="10" width="2"/);
});

test('deploy timeline: one bar per deploy at its start, as wide as it took, result as glyph and title', () => {
  const svg = deployTimeline([
    deploy({ id: '1', started: '2026-01-01T10:00:00.000Z', ended: '2026-01-01T10:00:10.000Z', durationMs: 10_000 }),
    deploy({ id: '2', result: 'reverted', started: '2026-01-01T10:01:30.000Z', ended: '2026-01-01T10:01:40.000Z', durationMs: 10_000 }),
  ]);
  assertWellFormed(svg);
  const bars = [...svg.matchAll(/<rect x="([\d.]+)" y="40" width="([\d.]+)" height="36" fill="(#[0-9a-f]+)"/g)].map((m) => [Number(m[1]), Number(m[2]), m[3]]);
  // 100 s across 780 px: the first at the left edge, 78 px wide; the second 90 s in.
  assert.deepEqual(bars, [[10, 78, '#2e7d32'], [712, 78, '#c77700']]);
  assert.match(svg, /✓<\/text>/);
  assert.match(svg, /↺<\/text>/);
  assert.match(svg, /<title>2026-01-01T10:01:40.000Z deploy reverted, 10.0 s, 2 lines, by ci<\/title>/);
  assert.match(svg, /2 deploys: 1 success, 1 reverted/);
});

test('deploy timeline: untrusted text is escaped; none recorded says so', () => {
  const svg = deployTimeline([deploy({ actor: '<script>alert(1)</script>&"' })]);
  assertWellFormed(svg);
  assert.ok(!svg.includes('<script>'));
  assert.match(svg, /&lt;script&gt;alert\(1\)&lt;\/script&gt;&amp;&quot;/);
  assert.match(deployTimeline([]), /No deploys recorded yet/);
});

test('history chart: step lines scaled to the largest count, solid and dashed', () => {
  const svg = historyChart([
    { commit: 'a', at: '2026-01-01T00:00:00.000Z', tenants: 1, floatingIps: 2 },
    { commit: 'b', at: '2026-01-02T00:00:00.000Z', tenants: 2, floatingIps: 4 },
  ]);
  assertWellFormed(svg);
  const fips = /class="floating-ips" points="([^"]+)"/.exec(svg)![1];
  // x from 44 to 790, y from 160 (0) to 14 (4): 2 → 87, 4 → 14; a step holds the old value until the next commit.
  assert.equal(fips, '44,87 790,87 790,14 790,14');
  assert.match(svg, /class="tenants" [^>]*stroke-dasharray="6 4"/);
  assert.match(svg, /now 2 tenants and 4 floating IPs/);
  assert.match(historyChart([]), /No history yet/);
});

test('escapeXml covers the five characters', () => {
  assert.equal(escapeXml(`<a href="x" title='y'>&</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
});
