// Review mode: translator watch commits to a review branch, pushes it, and keeps a pull request
// (GitHub) or merge request (GitLab) open with the plan, against a local API server.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateEngine } from '../helpers/docker-engine.js';
import { git, initBare, initRepo, tempDir } from '../helpers/git.js';
import type { DeployJob } from '../../src/watch/deployer.js';
import { FakeClock } from '../unit/watch/fake-clock.js';
import { startFakeForge } from '../unit/watch/fake-forge.js';
import { eventually, metricValue, startWatch } from '../unit/watch/harness.js';

test('review mode keeps a pull/merge request with the plan', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const tmp = tempDir('watch-review');
  t.after(tmp.remove);
  const forge = await startFakeForge({ githubToken: 'ghp_review_token', gitlabToken: 'glpat_review_token' });
  t.after(() => forge.close());
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');

  /** A repository whose main (with the settings) is on a bare remote, as a team would have it. */
  function reviewRepo(name: string, review: string): { repo: string; remote: string } {
    const remote = join(tmp.dir, `${name}.git`);
    const repo = initRepo(join(tmp.dir, name));
    git(repo, 'remote', 'add', 'origin', initBare(remote));
    writeFileSync(join(repo, 'translator.yaml'), `review:\n${review}`);
    git(repo, 'add', 'translator.yaml');
    git(repo, 'commit', '-q', '-m', 'settings');
    git(repo, 'push', '-q', 'origin', 'main');
    return { repo, remote };
  }

  await t.test('GitHub: the review branch is pushed and a pull request opened, then updated with the new plan', async () => {
    const { repo, remote } = reviewRepo('gh', `  branch: translator/review\n  github:\n    api: ${forge.url}/github\n    repository: acme/edge-config\n    token: { env: GH_TOKEN }\n`);
    const watch = await startWatch({ repo, dockerHost: engine.host, env: { GH_TOKEN: 'ghp_review_token' } });
    t.after(() => watch.stop());
    await eventually('a pull request opened', () => forge.github.length === 1);
    const pull = forge.github[0]!;
    assert.deepEqual([pull.head, pull.base], ['translator/review', 'main']);
    assert.match(pull.body, /ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/);
    assert.match(pull.body, /edge1: plan against origin\/main \(no config of edge1 there yet: an empty router\)/);
    assert.equal(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD').trim(), 'translator/review');
    assert.equal(git(remote, 'rev-parse', 'translator/review').trim(), git(repo, 'rev-parse', 'HEAD').trim());
    assert.doesNotMatch(git(remote, 'show', 'main:translator.yaml'), /intended/, 'main is untouched');
    assert.throws(() => git(remote, 'show', 'main:routers/edge1/intended.cfg'), 'nothing rendered lands on main');

    // The team merges (fast-forward): from now on the plan is against main's intended config.
    git(repo, 'push', '-q', 'origin', 'translator/review:main');
    await engine.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
    await eventually('the pull request updated', () => /static 192\.168\.1\.2 10\.0\.1\.2/.test(forge.github[0]!.body));
    const body = forge.github[0]!.body;
    assert.match(body, /### edge1: plan against origin\/main\n/);
    assert.match(body, /\*\*1 to add, 0 to change, 0 to remove\*\*/, 'only the new floating IP, not the merged tenant');
    assert.equal(forge.github.length, 1, 'updated, not a second one');
    assert.ok(forge.requests.some((r) => r.method === 'PATCH' && r.path === '/github/repos/acme/edge-config/pulls/1'));
    assert.ok(watch.logs.some((l) => l.msg === 'review request updated' && l.number === 1));
    assert.ok(!JSON.stringify(watch.logs).includes('ghp_review_token'));
    await watch.stop();
    await engine.docker('rm', '-f', 'api');
  });

  await t.test('GitLab: a merge request is opened with the plan', async () => {
    const { repo } = reviewRepo('gl', `  branch: translator/review\n  gitlab:\n    api: ${forge.url}/gitlab/api/v4\n    project: netops/edge-config\n    token: { file: ${JSON.stringify(join(tmp.dir, 'gl-token'))} }\n`);
    writeFileSync(join(tmp.dir, 'gl-token'), 'glpat_review_token\n');
    const watch = await startWatch({ repo, dockerHost: engine.host });
    t.after(() => watch.stop());
    await eventually('a merge request opened', () => forge.gitlab.length === 1);
    const mr = forge.gitlab[0]!;
    assert.deepEqual([mr.head, mr.base], ['translator/review', 'main']);
    assert.match(mr.body, /static 192\.168\.1\.1 10\.0\.1\.1/);
    assert.doesNotMatch(mr.body, /10\.0\.1\.2/);
  });

  await t.test('policy schedule in review mode deploys the reviewed base branch, never the review branch', async () => {
    const { repo, remote } = reviewRepo('gh-sched', `  github:\n    api: ${forge.url}/github\n    repository: acme/edge-config\n    token: { env: GH_TOKEN }\n`);
    const clock = new FakeClock();
    const deploys: DeployJob[] = [];
    const watch = await startWatch({
      repo,
      dockerHost: engine.host,
      env: { GH_TOKEN: 'ghp_review_token' },
      clock,
      tune: (s) => {
        s.watch.deploy.policy = 'schedule';
        s.watch.deploy.schedule = '*/5 * * * *';
      },
      deployer: async (request) => {
        deploys.push(request);
        return [{ router: 'edge1', commit: request.commit, result: 'unchanged' }];
      },
    });
    t.after(() => watch.stop());
    await eventually('the review branch pushed', () => git(remote, 'branch', '--list', 'translator/review').trim() !== '');
    await clock.advance(5 * 60_000);
    await eventually('the scheduled deploy', () => deploys.length === 1);
    const mainTip = git(remote, 'rev-parse', 'main').trim();
    assert.equal(deploys[0]!.commit, mainTip);
    assert.notEqual(deploys[0]!.commit, git(repo, 'rev-parse', 'HEAD').trim());
    assert.equal(deploys[0]!.trigger, 'schedule');
  });

  await t.test('an API that refuses is logged; commits and pushes go on', async () => {
    const { repo, remote } = reviewRepo('gh-bad', `  github:\n    api: ${forge.url}/github\n    repository: acme/edge-config\n    token: { env: GH_TOKEN }\n`);
    const watch = await startWatch({ repo, dockerHost: engine.host, env: { GH_TOKEN: 'not-the-token' } });
    t.after(() => watch.stop());
    await eventually('the refusal logged', () => watch.logs.some((l) => l.msg === 'could not open or update the review request'));
    const line = watch.logs.find((l) => l.msg === 'could not open or update the review request')!;
    assert.equal((line.err as { type: string }).type, 'ReviewApiError');
    assert.match((line.err as { message: string }).message, /answered 401: Bad credentials/);
    assert.equal(await metricValue(watch.url, 'translator_review_api_failures_total{provider="github"}'), 1);
    assert.equal(await metricValue(watch.url, 'translator_review_api_failures_total{provider="gitlab"}'), 0);
    assert.equal(git(remote, 'rev-parse', 'translator/review').trim(), git(repo, 'rev-parse', 'HEAD').trim());
  });
});
