// translator watch tells what it does: the real deploy step to the lab router notifies Slack (a
// fake server) with the result, a webhook that never answers is given up and counted without
// holding up the daemon, and a container newly rejected is told once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateEngine } from '../helpers/docker-engine.js';
import { fakeHttp } from '../helpers/fake-http.js';
import { eventually, metricValue, startWatch } from '../unit/watch/harness.js';
import { watchWorld } from './watch-helpers.js';

test('watch notifies deploy results and newly rejected containers; a hanging notifier is counted, not waited for', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const hooks = await fakeHttp(t, (path) => (path.startsWith('/hook') ? 'hang' : { status: 200 }));
  const { lab, repo, env } = await watchWorld(
    t,
    'watch-notify',
    [
      'watch:',
      '  deploy: { policy: auto }',
      'notify:',
      '  deploySuccess: true',
      '  timeoutMs: 3000',
      '  slack: { url: { env: SLACK_URL } }',
      `  webhook: { url: "${hooks.url}/hook" }`,
    ],
    { SLACK_URL: `${hooks.url}/slack/T9/B9/watchSecret77` },
  );
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');

  const watch = await startWatch({ repo, dockerHost: engine.host, deployer: 'configured', env });
  t.after(() => watch.stop());
  const slackTexts = () => hooks.to('/slack/').map((r) => JSON.parse(r.body).text as string);

  await eventually('the seed deployed', () => /static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/.test(lab.runningConfig()));
  await eventually('Slack told of the deploy', () => slackTexts().some((text) => /deploy to edge1 done \(success\)/.test(text)));
  await eventually('the hanging webhook counted', async () => (await metricValue(watch.url, 'translator_notification_failures_total{notifier="webhook"}')) === 1);
  assert.equal(await metricValue(watch.url, 'translator_notification_failures_total{notifier="slack"}'), 0);
  assert.ok(watch.logs.some((l) => l.level === 'warn' && /notification to webhook gave up after 3000 ms/.test(String(l.msg))));

  await engine.docker('run', '-d', '--name', 'bad', '--net=mytenant', '--ip=192.168.1.9', '-l', 'global_ip=not-an-address', engine.image, 'sleep', '600');
  await eventually('Slack told of the rejection', () => slackTexts().some((text) => /newly rejected\*\ncontainer "bad"/.test(text)));
  // The daemon went on: Docker's next change is deployed while the webhook still hangs each time.
  await engine.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
  await eventually('the next change deployed', () => /static 192\.168\.1\.2 10\.0\.1\.2 vrf mytenant/.test(lab.runningConfig()));
  assert.equal(slackTexts().filter((text) => /newly rejected/.test(text)).length, 1, 'a rejection is told once');
  for (const request of hooks.requests) assert.ok(!request.body.includes('watchSecret77'));
  assert.ok(!JSON.stringify(watch.logs).includes('watchSecret77'));
});
