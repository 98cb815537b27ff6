/**
 * promtool (Debian package `prometheus`): `check metrics` lints an exposition, `check rules` and
 * `test rules` check alerting rules. Missing outside CI: the test is skipped with the reason; in
 * CI (CI=true) a missing promtool fails it.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { TestContext } from 'node:test';

export function havePromtool(t: TestContext): boolean {
  const found = spawnSync('promtool', ['--version'], { encoding: 'utf8' }).status === 0;
  if (found) return true;
  if (process.env.CI) throw new Error('promtool is missing (apt-get install prometheus); CI needs it');
  t.skip('promtool is not installed (Debian package prometheus)');
  return false;
}

export function promtool(args: string[], input?: string, cwd?: string): { code: number; output: string } {
  const run = spawnSync('promtool', args, { encoding: 'utf8', ...(input !== undefined ? { input } : {}), ...(cwd ? { cwd } : {}) });
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

/**
 * prom-client's standard Node.js metrics that promtool's linter flags (gauges named *_total):
 * their names are what stock Node.js dashboards query, so they stay as prom-client names them.
 */
const STANDARD_NODE_FINDINGS = new Set(
  ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'].map((name) => `${name} non-counter metrics should not have "_total" suffix`),
);

/** `promtool check metrics` on an exposition: every finding but the standard Node.js ones fails. */
export function assertMetricsLint(text: string): void {
  const { code, output } = promtool(['check', 'metrics'], text);
  const findings = output.split('\n').filter((line) => line.trim() !== '' && !STANDARD_NODE_FINDINGS.has(line.trim()));
  assert.deepEqual(findings, [], `promtool check metrics:\n${output}`);
  assert.ok(code === 0 || output.split('\n').some((line) => STANDARD_NODE_FINDINGS.has(line.trim())), output);
}

/** The metric names of an exposition (histograms and summaries with their _bucket/_sum/_count series). */
export function exportedNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (sample) names.add(sample[1]!);
    const typed = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) /.exec(line);
    if (typed) names.add(typed[1]!);
  }
  return names;
}
