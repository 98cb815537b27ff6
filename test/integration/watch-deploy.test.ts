// translator watch with deploy policy auto: from `docker run` on a private dockerd to the static NAT
// in the lab router's running-config, through Git and the real deploy step; and the webhook
// trigger deploying the branch tip, refusing unsigned or wrongly signed requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { privateEngine } from '../helpers/docker-engine.js';
import { git } from '../helpers/git.js';
import { eventually, metricValue, startWatch } from '../unit/watch/harness.js';
import { assertLookalikesUntouched, ENABLE, PASSWORD } from './deploy-helpers.js';
import { watchWorld } from './watch-helpers.js';

const WEBHOOK_SECRET = 'whsec-9f8e7d6c';

test('watch deploys what Docker asks for to the lab router', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const { lab, repo, env } = await watchWorld(
    t,
    'watch-deploy',
    ['watch:', '  deploy: { policy: auto }', 'webhook:', '  branch: main', '  githubSecret: { env: WEBHOOK_SECRET }'],
    { WEBHOOK_SECRET },
  );
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');

  const watch = await startWatch({ repo, dockerHost: engine.host, deployer: 'gitops', env });
  t.after(() => watch.stop());
  const running = () => lab.runningConfig();

  await t.test('at start: what Docker holds is committed and deployed', async () => {
    await eventually('the seed on the router', () => /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m.test(running()));
    assert.match(running(), /^vrf definition mytenant$/m);
    assertLookalikesUntouched(running());
    await eventually('the deploy counted', async () => (await metricValue(watch.url, 'translator_deploys_total{router="edge1",result="success"}')) === 1);
    const done = watch.logs.find((l) => l.msg === 'deploy done');
    assert.equal(done?.router, 'edge1');
    assert.equal(done?.commit, git(repo, 'rev-parse', 'HEAD').trim());
    assert.ok((await metricValue(watch.url, 'translator_last_successful_deploy_timestamp_seconds{router="edge1"}'))! > 0);
  });

  await t.test('docker run → static NAT on the router; container gone → NAT gone', async () => {
    await engine.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
    await eventually('the new NAT on the router', () => /^ip nat inside source static 192\.168\.1\.2 10\.0\.1\.2 vrf mytenant$/m.test(running()));
    await engine.docker('rm', '-f', 'web');
    await eventually('the removed NAT gone from the router', () => !/10\.0\.1\.1/.test(running()));
    assert.match(running(), /static 192\.168\.1\.2 10\.0\.1\.2/);
    assertLookalikesUntouched(running());
  });

  await t.test('webhooks: unsigned and wrongly signed pushes are refused; a signed push deploys the branch tip', async () => {
    // The newest commit that still has web's NAT: a push naming it says only that the branch moved.
    const target = git(repo, 'rev-list', 'HEAD').trim().split('\n')
      .find((sha) => /10\.0\.1\.1/.test(git(repo, 'show', `${sha}:routers/edge1/intended.cfg`)))!;
    const body = Buffer.from(JSON.stringify({ ref: 'refs/heads/main', before: '0'.repeat(40), after: target }));
    const post = (headers: Record<string, string>) => fetch(`${watch.url}/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-github-event': 'push', ...headers }, body });

    assert.equal((await post({})).status, 401);
    assert.equal((await post({ 'x-hub-signature-256': `sha256=${createHmac('sha256', 'guess').update(body).digest('hex')}` })).status, 403);
    assert.doesNotMatch(running(), /10\.0\.1\.1/, 'refused requests deploy nothing');
    assert.equal(await metricValue(watch.url, 'translator_webhooks_total{provider="github",result="unsigned"}'), 1);
    assert.equal(await metricValue(watch.url, 'translator_webhooks_total{provider="github",result="bad-signature"}'), 1);
    assert.ok(watch.logs.some((l) => l.level === 'warn' && l.reason === 'bad-signature'));

    const accepted = await post({ 'x-hub-signature-256': `sha256=${createHmac('sha256', WEBHOOK_SECRET).update(body).digest('hex')}` });
    assert.equal(accepted.status, 202);
    // The tip (no remote here: the local branch) already runs on the router: nothing to send, and never the older commit.
    const tip = git(repo, 'rev-parse', 'HEAD').trim();
    await eventually('the webhook deploy logged', () => watch.logs.some((l) => l.msg === 'deploy done' && l.commit === tip && l.trigger === 'webhook' && l.result === 'unchanged'));
    assert.doesNotMatch(running(), /10\.0\.1\.1/);
    assertLookalikesUntouched(running());
  });

  await t.test('stopping during a deploy lets it finish: the router is in the new state, recorded, then the daemon stops', async () => {
    lab.setFaults({ perLineMs: 400 }); // a slow router: the deploy is still running when stop() comes
    const mark = watch.logs.length;
    await engine.docker('run', '-d', '--name', 'late', '--net=mytenant', '--ip=192.168.1.3', '-l', 'global_ip=10.0.1.3', engine.image, 'sleep', '600');
    await eventually('the deploy under way', () => watch.logs.slice(mark).some((l) => l.msg === 'deploy starting'));
    await watch.stop();
    lab.setFaults({});
    const after = watch.logs.slice(mark).map((l) => l.msg);
    assert.ok(after.indexOf('deploy done') >= 0 && after.indexOf('deploy done') < after.indexOf('stopped'), after.join(' | '));
    assert.match(running(), /^ip nat inside source static 192\.168\.1\.3 10\.0\.1\.3 vrf mytenant$/m);
    assert.ok(watch.logs.some((l) => l.msg === 'deploy done' && l.result === 'success' && l.trigger === 'auto' && String(l.commit) === git(repo, 'rev-parse', 'HEAD').trim()));
  });

  await t.test('no secret in any log line', () => {
    const text = JSON.stringify(watch.logs);
    for (const secret of [PASSWORD, ENABLE, WEBHOOK_SECRET]) assert.ok(!text.includes(secret), 'a secret leaked into the log');
  });
});
