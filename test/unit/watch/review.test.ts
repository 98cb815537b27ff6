import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GitHubReviews, GitLabReviews, REVIEW_BODY_LIMIT, ReviewApiError, reviewBody } from '../../../src/watch/review.js';
import { Secret } from '../../../src/settings/secret.js';
import { startFakeForge } from './fake-forge.js';

test('review requests against a local API that answers the documented calls', async (t) => {
  const forge = await startFakeForge({ githubToken: 'ghp_test', gitlabToken: 'glpat_test' });
  t.after(() => forge.close());

  await t.test('GitHub: the first upsert opens a pull request, the next updates its body', async () => {
    const github = new GitHubReviews(`${forge.url}/github`, 'acme/edge-config', new Secret('ghp_test'));
    const opened = await github.upsert({ head: 'translator/review', base: 'main', title: 't1', body: 'plan 1' });
    assert.deepEqual(opened, { action: 'opened', number: 1, url: 'https://github.example/acme/edge-config/pull/1' });
    const updated = await github.upsert({ head: 'translator/review', base: 'main', title: 't2', body: 'plan 2' });
    assert.equal(updated.action, 'updated');
    assert.equal(updated.number, 1);
    assert.deepEqual(forge.github.map((p) => [p.title, p.body, p.head, p.base]), [['t2', 'plan 2', 'translator/review', 'main']]);
    const calls = forge.requests.filter((r) => r.path.startsWith('/github')).map((r) => `${r.method} ${r.path}`);
    assert.deepEqual(calls, [
      'GET /github/repos/acme/edge-config/pulls',
      'POST /github/repos/acme/edge-config/pulls',
      'GET /github/repos/acme/edge-config/pulls',
      'PATCH /github/repos/acme/edge-config/pulls/1',
    ]);
    const list = forge.requests.find((r) => r.method === 'GET' && r.path.startsWith('/github'))!;
    assert.deepEqual(list.query, { state: 'open', head: 'acme:translator/review', base: 'main' });
    assert.equal(list.headers['x-github-api-version'], '2022-11-28');
  });

  await t.test('GitLab: opens a merge request, then updates its description', async () => {
    const gitlab = new GitLabReviews(`${forge.url}/gitlab/api/v4`, 'netops/edge-config', new Secret('glpat_test'));
    const opened = await gitlab.upsert({ head: 'translator/review', base: 'main', title: 't1', body: 'plan 1' });
    assert.equal(opened.action, 'opened');
    const updated = await gitlab.upsert({ head: 'translator/review', base: 'main', title: 't2', body: 'plan 2' });
    assert.deepEqual(updated, { action: 'updated', number: 1, url: 'https://gitlab.example/netops/edge-config/-/merge_requests/1' });
    assert.deepEqual(forge.gitlab.map((p) => [p.title, p.body]), [['t2', 'plan 2']]);
    const paths = forge.requests.filter((r) => r.path.startsWith('/gitlab')).map((r) => `${r.method} ${r.path}`);
    assert.equal(paths[0], 'GET /gitlab/api/v4/projects/netops%2Fedge-config/merge_requests');
    assert.equal(paths.at(-1), 'PUT /gitlab/api/v4/projects/netops%2Fedge-config/merge_requests/1');
  });

  await t.test('a refused call is an error with the status and the API message, never the token', async () => {
    const github = new GitHubReviews(`${forge.url}/github`, 'acme/edge-config', new Secret('wrong-token-value'));
    await assert.rejects(github.upsert({ head: 'x', base: 'main', title: 't', body: 'b' }), (error: unknown) => {
      assert.ok(error instanceof ReviewApiError);
      assert.equal(error.status, 401);
      assert.match(error.message, /answered 401: Bad credentials/);
      assert.doesNotMatch(error.message, /wrong-token-value/);
      return true;
    });
  });
});

test('a description longer than the limit is cut with a note', () => {
  const body = reviewBody('x'.repeat(REVIEW_BODY_LIMIT + 10));
  assert.equal(body.length <= REVIEW_BODY_LIMIT, true);
  assert.match(body, /run `translator plan` for all of it/);
  assert.equal(reviewBody('short'), 'short');
});
