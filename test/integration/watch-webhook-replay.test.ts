// Webhooks that come again or come late (issue 10, item 4), against real parts: a private dockerd,
// the daemon with the real deploy step, a bare remote it pushes to and fetches from, the lab router.
// A delivery taken before is ignored, also after a restart; a correctly signed push naming an older
// commit deploys the branch tip; a commit off the branch deploys nothing; the router never goes back.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateEngine } from '../helpers/docker-engine.js';
import { cloneRepo, commitFile, git, initBare } from '../helpers/git.js';
import { eventually, metricValue, startWatch, type Harness } from '../unit/watch/harness.js';
import { assertLookalikesUntouched } from './deploy-helpers.js';
import { watchWorld } from './watch-helpers.js';

const GITHUB_SECRET = 'whsec-replay-51c0';
const GITLAB_TOKEN = 'gl-hook-token-77ad';
const WEB_NAT = /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m;

test('webhooks: replays are ignored, late pushes deploy the tip, the router never goes back', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const { dir, lab, repo, env } = await watchWorld(
    t,
    'webhook-replay',
    [
      'git: { remote: origin, branch: main }',
      'watch:',
      '  deploy: { policy: off }        # only webhooks deploy',
      'webhook:',
      '  branch: main',
      '  githubSecret: { env: WEBHOOK_SECRET }',
      '  gitlabToken: { env: GITLAB_HOOK_TOKEN }',
    ],
    { WEBHOOK_SECRET: GITHUB_SECRET, GITLAB_HOOK_TOKEN: GITLAB_TOKEN },
  );
  const bare = join(dir, 'remote.git');
  const url = initBare(bare);
  git(repo, 'remote', 'add', 'origin', url);
  git(repo, 'push', '-q', 'origin', 'main');
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');

  let watch: Harness = await startWatch({ repo, dockerHost: engine.host, deployer: 'gitops', env });
  t.after(() => watch.stop());
  const running = () => lab.runningConfig();
  const remoteTip = () => git(bare, 'rev-parse', 'main').trim();
  const remoteIntended = () => {
    try {
      return git(bare, 'show', 'main:routers/edge1/intended.cfg');
    } catch {
      return ''; // not pushed yet
    }
  };
  const github = (delivery: string, after: string) => {
    const body = Buffer.from(JSON.stringify({ ref: 'refs/heads/main', before: '0'.repeat(40), after }));
    const headers = {
      'content-type': 'application/json',
      'x-github-event': 'push',
      'x-github-delivery': delivery,
      'x-hub-signature-256': `sha256=${createHmac('sha256', GITHUB_SECRET).update(body).digest('hex')}`,
    };
    return { send: () => fetch(`${watch.url}/webhook`, { method: 'POST', headers, body }) };
  };
  const deployed = (commit: string, result: string, from = 0) =>
    eventually(`webhook deploy of ${commit.slice(0, 12)}: ${result}`, () =>
      watch.logs.slice(from).some((l) => l.msg === 'deploy done' && l.trigger === 'webhook' && l.commit === commit && l.result === result),
    );

  // The daemon commits what Docker holds and pushes it: C1 has web's static NAT.
  await eventually('web committed and pushed', () => WEB_NAT.test(remoteIntended()));
  const c1 = remoteTip();
  const first = github('delivery-1', c1);
  assert.equal((await first.send()).status, 202);
  await deployed(c1, 'success');
  assert.match(running(), WEB_NAT);

  // web goes away: C2 without it, pushed; its webhook deploys it.
  await engine.docker('rm', '-f', 'web');
  await eventually('C2 pushed', () => /vrf mytenant/.test(remoteIntended()) && !/10\.0\.1\.1/.test(remoteIntended()));
  const c2 = remoteTip();
  assert.equal((await github('delivery-2', c2).send()).status, 202);
  await deployed(c2, 'success');
  assert.doesNotMatch(running(), WEB_NAT);

  await t.test('the same delivery again (GitHub "Redeliver", or a captured request replayed) is ignored', async () => {
    const mark = watch.logs.length;
    const answer = await first.send();
    assert.equal(answer.status, 200);
    assert.deepEqual(await answer.json(), { ignored: 'delivery already taken', delivery: 'github:delivery-1' });
    assert.equal(await metricValue(watch.url, 'translator_webhooks_total{provider="github",result="replayed"}'), 1);
    assert.ok(watch.logs.slice(mark).some((l) => l.msg === 'webhook ignored: this delivery was taken before' && l.commit === c1));
    assert.ok(!watch.logs.slice(mark).some((l) => l.msg === 'deploy starting'), 'nothing deployed');
    assert.doesNotMatch(running(), WEB_NAT);
  });

  await t.test('a new, correctly authenticated delivery naming the older commit deploys the tip, not that commit', async () => {
    const mark = watch.logs.length;
    const body = Buffer.from(JSON.stringify({ object_kind: 'push', ref: 'refs/heads/main', before: '0'.repeat(40), after: c1, checkout_sha: c1 }));
    const answer = await fetch(`${watch.url}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': GITLAB_TOKEN, 'idempotency-key': 'b1f7c0de-0000-4000-8000-000000000001' },
      body,
    });
    assert.equal(answer.status, 202);
    await deployed(c2, 'unchanged', mark);
    assert.ok(watch.logs.slice(mark).some((l) => l.msg === 'webhook: the branch has moved on since that push: deploying its tip' && l.named === c1 && l.commit === c2));
    assert.ok(!watch.logs.slice(mark).some((l) => l.msg === 'deploy starting' && l.commit === c1), 'the older commit is never deployed');
    assert.doesNotMatch(running(), WEB_NAT);
  });

  await t.test('a push naming a commit that is not on the deploy branch deploys nothing', async () => {
    const developer = cloneRepo(url, join(dir, 'developer'));
    git(developer, 'switch', '-q', '-c', 'feature', c1);
    const oldConfig = git(bare, 'show', `${c1}:routers/edge1/intended.cfg`);
    const side = commitFile(developer, 'routers/edge1/intended.cfg', oldConfig.replace('10.0.1.1 vrf', '10.0.1.9 vrf'), 'another NAT, on a branch');
    git(developer, 'push', '-q', 'origin', 'feature');
    const mark = watch.logs.length;
    assert.equal((await github('delivery-side', side).send()).status, 202);
    await eventually('the refusal logged', () => watch.logs.slice(mark).some((l) => l.level === 'warn' && /^webhook not deployed: .* which is not (on|in) main/.test(String(l.msg))));
    assert.ok(!watch.logs.slice(mark).some((l) => l.msg === 'deploy starting'));
    assert.doesNotMatch(running(), WEB_NAT);
  });

  await t.test('after a restart the daemon still knows the deliveries it took', async () => {
    await watch.stop();
    const kept = JSON.parse(readFileSync(join(repo, '.git', 'translator', 'webhook-deliveries.json'), 'utf8')) as { deliveries: [string, number][] };
    assert.deepEqual(kept.deliveries.map(([key]) => key).sort(), ['github:delivery-1', 'github:delivery-2', 'github:delivery-side', 'gitlab:b1f7c0de-0000-4000-8000-000000000001']);
    watch = await startWatch({ repo, dockerHost: engine.host, deployer: 'gitops', env });
    const answer = await github('delivery-1', c1).send();
    assert.equal(answer.status, 200);
    assert.equal(await metricValue(watch.url, 'translator_webhooks_total{provider="github",result="replayed"}'), 1);
    assert.doesNotMatch(running(), WEB_NAT);
  });

  await t.test('the records: once C2 was deployed, every later deploy is of C2', () => {
    const log = git(repo, 'show', 'translator/records:routers/edge1/deploys.log').trim().split('\n');
    const commits = log.map((line) => JSON.parse(git(repo, 'show', `translator/records:deploys/edge1/${line.split(/\s{2,}/)[5]}.json`)).commit as string);
    assert.deepEqual(commits, [c1, c2, c2]);
    assertLookalikesUntouched(running());
  });
});
