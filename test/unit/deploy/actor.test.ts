import { test } from 'node:test';
import assert from 'node:assert/strict';
import { actorFromEnv } from '../../../src/deploy/actor.js';

test('the actor of a deploy: GitHub and GitLab jobs, an event, or the user', () => {
  assert.deepEqual(actorFromEnv({ GITHUB_ACTIONS: 'true', GITHUB_REPOSITORY: 'acme/edge', GITHUB_RUN_ID: '42', GITHUB_ACTOR: 'alice' }), {
    kind: 'ci',
    name: 'github acme/edge run 42 (alice)',
  });
  assert.deepEqual(actorFromEnv({ GITLAB_CI: 'true', CI_PROJECT_PATH: 'net/edge', CI_JOB_ID: '7', GITLAB_USER_LOGIN: 'bob', CI: 'true' }), {
    kind: 'ci',
    name: 'gitlab net/edge job 7 (bob)',
  });
  assert.deepEqual(actorFromEnv({ TRANSLATOR_ACTOR: 'watch: docker event container start web' }), {
    kind: 'event',
    name: 'watch: docker event container start web',
  });
  const user = actorFromEnv({ USER: 'carol' });
  assert.equal(user.kind, 'user');
  assert.match(user.name, /^carol@/);
});
