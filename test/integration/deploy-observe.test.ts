// translator deploy and drift as CI runs them, observed: --metrics-file for node_exporter's
// textfile collector (promtool accepts it, its values are the record's, written also when the
// deploy fails) and notifications to local fake servers — one that answers 500 and one that never
// answers change neither the exit code nor the result.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeHttp } from '../helpers/fake-http.js';
import { assertMetricsLint, havePromtool } from '../helpers/promtool.js';
import { deployWorld, SEED_INTENDED } from './deploy-helpers.js';

/** `name{labels} value` of a metrics file, as a map. */
function samples(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split('\n')) {
    const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

test('deploy --metrics-file and notifications: the file matches the record; failing notifiers change nothing', async (t) => {
  if (!havePromtool(t)) return;
  const hooks = await fakeHttp(t, (path) => (path.startsWith('/teams/') ? 'hang' : path.startsWith('/hook') ? { status: 500 } : { status: 200 }));
  const w = await deployWorld(
    t,
    {},
    [
      'notify:',
      '  deploySuccess: true',
      '  timeoutMs: 3000',
      '  slack: {url: {env: SLACK_URL}}',
      '  teams: {url: {env: TEAMS_URL}}',
      `  webhook: {url: "${hooks.url}/hook", secret: {env: HOOK_SECRET}}`,
      '',
    ].join('\n'),
  );
  Object.assign(w.env, { SLACK_URL: `${hooks.url}/slack/T1/B1/slackSecret42`, TEAMS_URL: `${hooks.url}/teams/flow?sig=teamsSig42`, HOOK_SECRET: 'hmacSecret42' });
  const file = join(w.dir, 'textfile', 'translator-deploy.prom');
  mkdirSync(join(w.dir, 'textfile'));
  const commit = w.commitIntended(SEED_INTENDED);

  const deployed = await w.cli('deploy', '--yes', '--metrics-file', file);
  assert.equal(deployed.code, 0, deployed.stderr);
  const record = w.lastRecord();
  assert.equal(record.result, 'success');
  assert.equal(record.commit, commit);

  // The file: promtool accepts it, its values are the record's; no temporary file is left beside it.
  const text = readFileSync(file, 'utf8');
  assertMetricsLint(text);
  assert.deepEqual(readdirSync(join(w.dir, 'textfile')), ['translator-deploy.prom']);
  const values = samples(text);
  assert.equal(values.get('translator_last_deploy_result{router="edge1",result="success"}'), 1);
  assert.equal(values.get('translator_last_deploy_result{router="edge1",result="failed"}'), 0);
  assert.equal(values.get('translator_last_deploy_commands{router="edge1"}'), record.commands.length);
  const ended = Date.parse(record.ended) / 1000;
  assert.equal(values.get('translator_last_deploy_timestamp_seconds{router="edge1"}'), ended);
  assert.equal(values.get('translator_last_successful_deploy_timestamp_seconds{router="edge1"}'), ended);
  assert.equal(values.get('translator_last_deploy_duration_seconds{router="edge1"}'), (Date.parse(record.ended) - Date.parse(record.started)) / 1000);
  assert.equal(values.get('translator_drift_commands{router="edge1"}'), 0);
  assert.equal(values.get('translator_run_failed{command="deploy"}'), 0);
  assert.equal(values.get('translator_notification_failures_total{notifier="webhook"}'), 1);
  assert.equal(values.get('translator_notification_failures_total{notifier="teams"}'), 1);
  assert.equal(values.get('translator_notification_failures_total{notifier="slack"}'), 0);
  assert.match(text, /^translator_build_info\{version="[^"]+",node_version="[^"]+"\} 1$/m);

  // Slack was told; the hanging and the failing notifier are named on stderr, without their URLs.
  const [slack] = hooks.to('/slack/');
  assert.match(JSON.parse(slack!.body).text, new RegExp(`deploy to edge1 done \\(success\\)[\\s\\S]*commit ${commit.slice(0, 12)}`));
  assert.match(deployed.stderr, /WARNING: notification to webhook failed \(deploy\): answered HTTP 500/);
  assert.match(deployed.stderr, /WARNING: notification to teams gave up after 3000 ms/);
  for (const secret of ['slackSecret42', 'teamsSig42', 'hmacSecret42']) {
    assert.ok(!w.outputs.join('').includes(secret), `${secret} in the CLI's output`);
    for (const request of hooks.requests) assert.ok(!request.body.includes(secret), `${secret} in a notification`);
  }

  // A deploy that fails (the router is gone): exit 1 as ever, the file rewritten with the failure
  // and the last success still known from the records.
  w.commitIntended(SEED_INTENDED.replace(/^ip nat inside source static .*\n/m, ''), 'remove the floating IP');
  await w.lab.close();
  const failed = await w.cli('deploy', '--yes', '--metrics-file', file);
  assert.equal(failed.code, 1, failed.stderr);
  const after = samples(readFileSync(file, 'utf8'));
  const failure = w.lastRecord();
  assert.equal(failure.result, 'failed');
  assert.equal(after.get('translator_last_deploy_result{router="edge1",result="failed"}'), 1);
  assert.equal(after.get('translator_last_deploy_result{router="edge1",result="success"}'), 0);
  assert.equal(after.get('translator_last_deploy_timestamp_seconds{router="edge1"}'), Date.parse(failure.ended) / 1000);
  assert.equal(after.get('translator_last_successful_deploy_timestamp_seconds{router="edge1"}'), ended);
  assert.equal(after.get('translator_run_failed{command="deploy"}'), 1);
  assert.match(JSON.parse(hooks.to('/slack/').at(-1)!.body).text, /deploy to edge1 FAILED \(failed\)/);

  // A run that fails before any router (an unknown ref) still writes the file, saying it failed.
  const bad = await w.cli('deploy', '--yes', '--ref', 'no-such-ref', '--metrics-file', file);
  assert.notEqual(bad.code, 0);
  assert.equal(samples(readFileSync(file, 'utf8')).get('translator_run_failed{command="deploy"}'), 1);
  assert.ok(existsSync(file));
});

test('drift --metrics-file: objects and lines per router, and the drift told', async (t) => {
  if (!havePromtool(t)) return;
  const hooks = await fakeHttp(t, () => ({ status: 200 }));
  const w = await deployWorld(t, {}, ['notify:', '  slack: {url: {env: SLACK_URL}}', ''].join('\n'));
  Object.assign(w.env, { SLACK_URL: `${hooks.url}/slack/T1/B1/x` });
  w.commitIntended(SEED_INTENDED);
  const file = join(w.dir, 'drift.prom');
  const drift = await w.cli('drift', '--metrics-file', file);
  assert.equal(drift.code, 2, drift.stderr);
  const objects = (drift.stdout.match(/^ {2}\S/gm) ?? []).length;
  assert.ok(objects > 0);
  const text = readFileSync(file, 'utf8');
  assertMetricsLint(text);
  const values = samples(text);
  assert.equal(values.get('translator_drift_objects{router="edge1"}'), objects);
  assert.ok(values.get('translator_drift_commands{router="edge1"}')! >= objects);
  assert.equal(values.get('translator_run_failed{command="drift"}'), 0, 'drift found is exit 2, not a failure');
  assert.match(JSON.parse(hooks.to('/slack/')[0]!.body).text, new RegExp(`edge1 has DRIFTED from \\w{12} \\(${objects} object\\(s\\)\\)`));

  assert.equal((await w.cli('deploy', '--yes')).code, 0);
  assert.equal((await w.cli('drift', '--metrics-file', file)).code, 0);
  assert.equal(samples(readFileSync(file, 'utf8')).get('translator_drift_objects{router="edge1"}'), 0);
  assert.equal(hooks.to('/slack/').length, 1, 'no drift, nothing told');
});
