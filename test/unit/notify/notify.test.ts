// Notifications against local fake servers: the exact requests each notifier sends, no secret in
// any message, and a notifier that fails or hangs bounded and counted.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { DeployRecord } from '../../../src/deploy/record.js';
import { notificationsFor } from '../../../src/notify/configure.js';
import { deployEvent, driftEvent, newlyRejected } from '../../../src/notify/events.js';
import { versionLabels } from '../../../src/build-info.js';
import { createRunMetrics } from '../../../src/ops/metrics.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import { fakeHttp } from '../../helpers/fake-http.js';

const SLACK_SECRET = 'T000/B000/slackSecretPart1234';
const TEAMS_SECRET = 'workflows/abc?sig=teamsSecretSig5678';
const HMAC = 'hmac-key-9c1f';
const GH_TOKEN = 'ghp_notifyToken0000';
const GL_TOKEN = 'glpat-notifyToken1111';
const COMMIT = 'a'.repeat(40);

function record(result: DeployRecord['result'], message: string): DeployRecord {
  return {
    id: '20260105T080000Z-edge1-abc123',
    router: 'edge1',
    kind: 'deploy',
    ref: 'main',
    commit: COMMIT,
    previousLive: null,
    started: '2026-01-05T08:00:00.000Z',
    ended: '2026-01-05T08:00:07.500Z',
    actor: { kind: 'ci', name: 'ci-bot' },
    result,
    state: result === 'success' ? 'new' : 'old',
    message,
    commands: ['vrf definition mytenant', ' description translator: x'],
    rollback: [],
    failedLines: [],
    revertTimerMinutes: 5,
    saved: true,
    backupBlob: null,
    summary: { add: 1, change: 0, remove: 0 },
  };
}

function notifySettings(base: string, extra: Record<string, unknown> = {}) {
  const settings = settingsSchemas().settingsSchema.parse({
    notify: {
      deploySuccess: false,
      timeoutMs: 2000,
      slack: { url: { env: 'SLACK_URL' } },
      teams: { url: { env: 'TEAMS_URL' } },
      webhook: { url: `${base}/hook`, secret: { env: 'HOOK_SECRET' } },
      github: { api: `${base}/gh`, repository: 'acme/edge-config', token: { env: 'GH_TOKEN' }, environment: 'prod-{router}' },
      gitlab: { api: `${base}/gl/api/v4`, project: 'netops/edge-config', token: { env: 'GL_TOKEN' } },
      ...extra,
    },
  });
  const env = { SLACK_URL: `${base}/slack/${SLACK_SECRET}`, TEAMS_URL: `${base}/teams/${TEAMS_SECRET}`, HOOK_SECRET: HMAC, GH_TOKEN, GL_TOKEN };
  return { notify: settings.notify, env };
}

test('a failed deploy: the exact request of every notifier, and no secret in any body', async (t) => {
  const server = await fakeHttp(t, (path) =>
    path === '/gh/repos/acme/edge-config/deployments' ? { status: 201, json: { id: 42 } } : path.startsWith('/gh/') || path.startsWith('/gl/') ? { status: 201, json: {} } : { status: 200 },
  );
  const { notify, env } = notifySettings(server.url);
  const metrics = createRunMetrics();
  const warnings: string[] = [];
  const notifications = notificationsFor(notify, 'origin', metrics, (w) => warnings.push(w), env);
  // A record message quoting a remote with a token: it reaches nobody as it is.
  await notifications.deliver([deployEvent(record('reverted', 'push rejected by https://bot:ghp_inRecord@github.com/acme/x.git; the router is back in its old state'))]);
  assert.deepEqual(warnings, []);

  const [slack] = server.to('/slack/');
  assert.equal(slack!.method, 'POST');
  assert.equal(slack!.path, `/slack/${SLACK_SECRET}`);
  assert.equal(slack!.headers['content-type'], 'application/json');
  assert.deepEqual(JSON.parse(slack!.body), {
    text: [
      '*translator: deploy to edge1 FAILED (reverted)*',
      'push rejected by https://***@github.com/acme/x.git; the router is back in its old state',
      `commit ${COMMIT.slice(0, 12)} (ref main), 2 line(s) sent, by ci-bot`,
      'record 20260105T080000Z-edge1-abc123',
    ].join('\n'),
  });

  const [teams] = server.to('/teams/');
  assert.equal(teams!.path, `/teams/${TEAMS_SECRET}`);
  const card = JSON.parse(teams!.body);
  assert.equal(card.type, 'message');
  assert.equal(card.attachments[0].contentType, 'application/vnd.microsoft.card.adaptive');
  assert.equal(card.attachments[0].content.type, 'AdaptiveCard');
  assert.equal(card.attachments[0].content.body[0].text, 'translator: deploy to edge1 FAILED (reverted)');

  const [hook] = server.to('/hook');
  assert.equal(hook!.headers['x-translator-event'], 'deploy');
  assert.equal(hook!.headers['x-translator-signature-256'], `sha256=${createHmac('sha256', HMAC).update(hook!.body).digest('hex')}`);
  const doc = JSON.parse(hook!.body);
  assert.equal(doc.schemaVersion, 1);
  assert.equal(doc.translator.version, versionLabels().version);
  assert.deepEqual(doc.event, {
    type: 'deploy',
    router: 'edge1',
    kind: 'deploy',
    result: 'reverted',
    commit: COMMIT,
    ref: 'main',
    commands: 2,
    message: 'push rejected by https://***@github.com/acme/x.git; the router is back in its old state',
    actor: 'ci-bot',
    record: '20260105T080000Z-edge1-abc123',
  });

  const gh = server.to('/gh/');
  assert.deepEqual(gh.map((r) => `${r.method} ${r.path}`), ['POST /gh/repos/acme/edge-config/deployments', 'POST /gh/repos/acme/edge-config/deployments/42/statuses']);
  for (const r of gh) {
    assert.equal(r.headers.authorization, `Bearer ${GH_TOKEN}`);
    assert.equal(r.headers['x-github-api-version'], '2022-11-28');
    assert.equal(r.headers.accept, 'application/vnd.github+json');
  }
  assert.deepEqual(JSON.parse(gh[0]!.body), {
    ref: COMMIT,
    environment: 'prod-edge1',
    auto_merge: false,
    required_contexts: [],
    description: 'translator deploy to edge1',
    payload: { record: '20260105T080000Z-edge1-abc123' },
  });
  assert.deepEqual(JSON.parse(gh[1]!.body), {
    state: 'failure',
    environment: 'prod-edge1',
    description: 'reverted: push rejected by https://***@github.com/acme/x.git; the router is back in its old state',
  });

  const [gl] = server.to('/gl/');
  assert.equal(gl!.path, '/gl/api/v4/projects/netops%2Fedge-config/deployments');
  assert.equal(gl!.headers['private-token'], GL_TOKEN);
  assert.deepEqual(JSON.parse(gl!.body), { environment: 'edge1', sha: COMMIT, ref: 'main', tag: false, status: 'failed' });

  // Tokens travel only in their own headers; no body carries a secret.
  for (const request of server.requests) {
    for (const secret of [SLACK_SECRET, TEAMS_SECRET, HMAC, GH_TOKEN, GL_TOKEN, 'ghp_inRecord']) assert.ok(!request.body.includes(secret), `${request.path} body carries a secret`);
  }
  assert.equal(server.requests.length, 6);
});

test('which events go where: success only when asked, unchanged never, drift and rejections to the chats and the webhook', async (t) => {
  const server = await fakeHttp(t, (path) => (path.endsWith('/deployments') && path.startsWith('/gh/') ? { status: 201, json: { id: 7 } } : { status: 201, json: {} }));
  const quiet = notifySettings(server.url);
  const notifications = notificationsFor(quiet.notify, 'origin', createRunMetrics(), () => undefined, quiet.env);
  // CI deploys `origin/main`: GitLab is given the branch it knows.
  await notifications.deliver([deployEvent(record('unchanged', 'nothing to do')), deployEvent({ ...record('success', 'applied'), ref: 'origin/main' })]);
  // The forges record the successful deploy; the chats stay quiet about it (deploySuccess false).
  assert.deepEqual(server.requests.map((r) => r.path.split('/')[1]).sort(), ['gh', 'gh', 'gl']);
  assert.equal(JSON.parse(server.to('/gl/')[0]!.body).status, 'success');
  assert.equal(JSON.parse(server.to('/gl/')[0]!.body).ref, 'main');

  server.requests.length = 0;
  const rejected = newlyRejected(
    [{ kind: 'container', object: 'old', code: 'badGlobalIp', reason: 'old reason' }],
    [
      { kind: 'container', object: 'old', code: 'badGlobalIp', reason: 'old reason' },
      { kind: 'container', object: '<!channel> web', router: 'edge1', code: 'badGlobalIp', reason: 'global_ip "x" is not an IPv4 address' },
    ] as never,
  );
  await notifications.deliver([driftEvent('edge1', COMMIT, 1, 2, ['missing: vrf definition t1']), rejected!]);
  assert.deepEqual(server.requests.map((r) => r.path.split('/')[1]).sort(), ['hook', 'hook', 'slack', 'slack', 'teams', 'teams']);
  const slackTexts = server.to('/slack/').map((r) => JSON.parse(r.body).text as string);
  assert.match(slackTexts[0]!, /edge1 has DRIFTED from a{12} \(1 object\(s\)\)\*\nmissing: vrf definition t1$/);
  // A hostile name cannot mention @channel in Slack.
  assert.match(slackTexts[1]!, /container "&lt;!channel&gt; web" \(router edge1\)/);
  assert.doesNotMatch(slackTexts[1]!, /<!channel>/);

  server.requests.length = 0;
  const loud = notifySettings(server.url, { deploySuccess: true });
  await notificationsFor(loud.notify, 'origin', createRunMetrics(), () => undefined, loud.env).deliver([deployEvent(record('success', 'applied'))]);
  assert.equal(server.to('/slack/').length, 1);
  assert.match(JSON.parse(server.to('/slack/')[0]!.body).text, /deploy to edge1 done \(success\)/);
});

test('a notifier that answers 500 or never answers is given up after the timeout, counted, and named without its URL', async (t) => {
  const server = await fakeHttp(t, (path) => (path.startsWith('/teams/') ? 'hang' : path.startsWith('/slack/') ? { status: 500 } : { status: 201, json: { id: 1 } }));
  const { notify, env } = notifySettings(server.url, { timeoutMs: 2000, github: undefined, gitlab: undefined });
  const metrics = createRunMetrics();
  const warnings: string[] = [];
  await notificationsFor(notify, 'origin', metrics, (w) => warnings.push(w), env).deliver([deployEvent(record('failed', 'login failed'))]);
  const failures = await metrics.registry.getSingleMetricAsString('translator_notification_failures_total');
  assert.match(failures, /^translator_notification_failures_total\{notifier="slack"\} 1$/m);
  assert.match(failures, /^translator_notification_failures_total\{notifier="teams"\} 1$/m);
  assert.match(failures, /^translator_notification_failures_total\{notifier="webhook"\} 0$/m);
  assert.deepEqual(warnings.sort(), ['notification to slack failed (deploy): answered HTTP 500', 'notification to teams gave up after 2000 ms (1 event(s) not delivered)']);
  for (const warning of warnings) assert.ok(!warning.includes(SLACK_SECRET) && !warning.includes(TEAMS_SECRET));
  assert.equal(server.to('/hook').length, 1, 'the webhook got its event although the others failed');
});
