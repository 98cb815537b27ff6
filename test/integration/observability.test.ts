// What operators scrape and read, from real processes: a `translator watch` daemon's /metrics
// (promtool lints it; build info, Docker reachability per engine, counters at zero, Node's
// standard process metrics), its JSON log lines (the version on each, every `err` an object), a
// `--metrics-file` from a real drift check against the lab router, and repo-example's alert
// rules and Grafana dashboard checked against the metric names those really export.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { versionLabels } from '../../src/build-info.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { privateEngine } from '../helpers/docker-engine.js';
import { git, initRepo, tempDir } from '../helpers/git.js';
import { assertMetricsLint, exportedNames, havePromtool, promtool } from '../helpers/promtool.js';
import { freePort, startCli } from '../helpers/watch-process.js';
import { eventually, SEED_ENV } from '../unit/watch/harness.js';
import { deployWorld, SEED_INTENDED } from './deploy-helpers.js';

const MONITORING = join(REPO_ROOT, 'repo-example', 'monitoring');
const METRIC = /\b(?:translator|process|nodejs)_[a-z0-9_]+\b/g;

/** Histograms' TYPE line names the family; queries name its _bucket/_sum/_count series. */
function withHistogramSeries(text: string, names: Set<string>): Set<string> {
  for (const [, name] of text.matchAll(/^# TYPE (\S+) histogram$/gm)) for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${name}${suffix}`);
  return names;
}

function assertLogLines(lines: readonly Record<string, unknown>[]): number {
  let errs = 0;
  for (const line of lines) {
    assert.equal(line.version, versionLabels().version, `a line without the version: ${JSON.stringify(line)}`);
    if (!('err' in line)) continue;
    errs += 1;
    const err = line.err as Record<string, unknown>;
    assert.equal(typeof err, 'object', `err is not an object: ${JSON.stringify(line)}`);
    assert.equal(typeof err.type, 'string');
    assert.equal(typeof err.message, 'string');
    assert.ok(Object.keys(err).every((key) => ['type', 'message', 'stack'].includes(key)), JSON.stringify(err));
  }
  return errs;
}

test('a real daemon, a real metrics file, and the alert rules and dashboard that use them', async (t) => {
  if (!havePromtool(t)) return;
  const engine = await privateEngine(t);
  if (!engine) return;
  const tmp = tempDir('observability');
  t.after(tmp.remove);
  const absent = `unix://${join(tmp.dir, 'absent.sock')}`;
  const exported = new Set<string>();

  await t.test("/metrics of translator watch reading two engines, one of them silent", async () => {
    const repo = initRepo(join(tmp.dir, 'repo'));
    writeFileSync(join(repo, 'translator.yaml'), `docker:\n  hosts: [${JSON.stringify(engine.host)}, ${JSON.stringify(absent)}]\n`);
    git(repo, 'add', 'translator.yaml');
    git(repo, 'commit', '-q', '-m', 'settings');
    const port = await freePort();
    const cli = startCli(repo, SEED_ENV, port);
    t.after(() => cli.child.kill('SIGKILL'));
    await eventually('ready', async () => (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.status === 200);
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    assertMetricsLint(text);
    const { version, nodeVersion } = versionLabels();
    assert.match(text, new RegExp(`^translator_build_info\\{version="${version.replace(/\./g, '\\.')}",node_version="${nodeVersion.replace(/\./g, '\\.')}"\\} 1$`, 'm'));
    assert.match(text, new RegExp(`^translator_docker_up\\{host="${engine.host}"\\} 1$`, 'm'));
    assert.match(text, new RegExp(`^translator_docker_up\\{host="${absent}"\\} 0$`, 'm'));
    // Counters exist at zero before anything happened to them; Node's metrics under their standard names.
    for (const zero of [
      'translator_renders_total{result="error"} 0',
      'translator_deploys_total{router="edge1",result="failed"} 0',
      'translator_git_push_failures_total{target="commits"} 0',
      'translator_review_api_failures_total{provider="github"} 0',
      'translator_notification_failures_total{notifier="slack"} 0',
      'translator_docker_events_total{type="container",action="die"} 0',
    ]) {
      assert.ok(text.split('\n').includes(zero), `missing: ${zero}`);
    }
    assert.match(text, /^process_cpu_seconds_total \S+$/m);
    assert.match(text, /^process_resident_memory_bytes \d+$/m);
    assert.match(text, /^nodejs_eventloop_lag_p99_seconds \S+$/m);
    assert.match(text, /^translator_last_successful_cycle_timestamp_seconds \d+(\.\d+)?(e\+\d+)?$/m);
    assert.doesNotMatch(text, /^translator_(process|nodejs)_/m);
    for (const name of withHistogramSeries(text, exportedNames(text))) exported.add(name);
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0, cli.out.stderr);
    assertLogLines(cli.lines());
  });

  await t.test('log lines of a daemon whose Docker is away: the version on each, every err an object', async () => {
    const repo = initRepo(join(tmp.dir, 'repo-away'));
    const port = await freePort();
    const cli = startCli(repo, { ...SEED_ENV, DOCKER_HOST: absent }, port);
    t.after(() => cli.child.kill('SIGKILL'));
    await eventually('a failed read logged', () => cli.lines().some((l) => l.msg === 'reading Docker failed; retrying'));
    cli.child.kill('SIGTERM');
    assert.equal(await cli.exited, 0, cli.out.stderr);
    const lines = cli.lines();
    assert.ok(assertLogLines(lines) >= 1, 'at least one line carries an err');
    const failed = lines.find((l) => l.msg === 'reading Docker failed; retrying')!;
    assert.equal((failed.err as { type: string }).type, 'DockerReadError');
    assert.match((failed.err as { message: string }).message, /ENOENT/);
  });

  await t.test('translator drift --metrics-file against the lab router', async (st) => {
    const w = await deployWorld(st);
    w.commitIntended(SEED_INTENDED);
    const file = join(w.dir, 'drift.prom');
    assert.equal((await w.cli('drift', '--metrics-file', file)).code, 2);
    const text = readFileSync(file, 'utf8');
    assertMetricsLint(text);
    for (const name of exportedNames(text)) exported.add(name);
    assert.ok(exported.has('translator_run_failed'));
  });

  await t.test('the alert rules pass promtool and its unit test, and use only exported metrics', () => {
    const rules = join(MONITORING, 'translator-alerts.yml');
    const checked = promtool(['check', 'rules', rules]);
    assert.equal(checked.code, 0, checked.output);
    const tested = promtool(['test', 'rules', 'translator-alerts.test.yml'], undefined, MONITORING);
    assert.equal(tested.code, 0, tested.output);
    const unitTest = readFileSync(join(MONITORING, 'translator-alerts.test.yml'), 'utf8');
    assert.ok((unitTest.match(/^\s+- eval_time: .*\n\s+alertname: .*\n\s+exp_alerts:\n\s+- exp_labels/gm) ?? []).length >= 2, 'at least two alerts fire in the unit test');
    const used = new Set(readFileSync(rules, 'utf8').match(METRIC));
    assert.ok(used.size >= 6, [...used].join(' '));
    assert.deepEqual([...used].filter((name) => !exported.has(name)), [], 'metrics the rules use that translator does not export');
  });

  await t.test("the Grafana dashboard's queries use only exported metrics", () => {
    const dashboard = JSON.parse(readFileSync(join(MONITORING, 'translator-dashboard.json'), 'utf8')) as { uid: string; panels: { targets?: { expr: string }[] }[] };
    assert.equal(dashboard.uid, 'translator');
    const exprs = dashboard.panels.flatMap((panel) => panel.targets ?? []).map((target) => target.expr);
    assert.ok(exprs.length >= 10);
    const used = new Set(exprs.flatMap((expr) => expr.match(METRIC) ?? []));
    assert.deepEqual([...used].filter((name) => !exported.has(name)), [], 'metrics the dashboard queries that translator does not export');
  });
});
