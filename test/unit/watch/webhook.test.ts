import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createHash } from 'node:crypto';
import { deliveryKey, verifyWebhook } from '../../../src/watch/webhook.js';
import { parseEvent } from '../../../src/observe/docker-events.js';

const secrets = { github: 'gh-secret-123', gitlab: 'gl-token-456' };
const sha = '0123456789abcdef0123456789abcdef01234567';

function githubPush(body: object, secret = secrets.github, extra: Record<string, string> = {}) {
  const raw = Buffer.from(JSON.stringify(body));
  const signature = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
  return { headers: { 'x-github-event': 'push', 'x-hub-signature-256': signature, 'x-github-delivery': 'd-1', ...extra }, raw };
}

function gitlabPush(body: object, token = secrets.gitlab) {
  return { headers: { 'x-gitlab-event': 'Push Hook', 'x-gitlab-token': token }, raw: Buffer.from(JSON.stringify(body)) };
}

test('GitHub: a correctly signed push to the deploy branch names its commit (`after`)', () => {
  const { headers, raw } = githubPush({ ref: 'refs/heads/main', after: sha, before: '0'.repeat(40) });
  assert.deepEqual(verifyWebhook(headers, raw, secrets, 'main'), { ok: true, provider: 'github', branch: 'main', commit: sha, delivery: 'github:d-1' });
});

test('GitHub: missing signature is 401, a wrong one (other secret, or a tampered body) 403', () => {
  const { headers, raw } = githubPush({ ref: 'refs/heads/main', after: sha });
  const { ['x-hub-signature-256']: _dropped, ...unsigned } = headers;
  assert.deepEqual(pick(verifyWebhook(unsigned, raw, secrets, 'main')), [false, 'unsigned', 401]);
  const wrong = githubPush({ ref: 'refs/heads/main', after: sha }, 'not-the-secret');
  assert.deepEqual(pick(verifyWebhook(wrong.headers, wrong.raw, secrets, 'main')), [false, 'bad-signature', 403]);
  const tampered = Buffer.from(raw.toString().replace(sha, 'f'.repeat(40)));
  assert.deepEqual(pick(verifyWebhook(headers, tampered, secrets, 'main')), [false, 'bad-signature', 403]);
  const truncated = { ...headers, 'x-hub-signature-256': headers['x-hub-signature-256'].slice(0, 20) };
  assert.deepEqual(pick(verifyWebhook(truncated, raw, secrets, 'main')), [false, 'bad-signature', 403]);
});

test('GitLab: the right token passes (`checkout_sha`); missing is 401, wrong is 403', () => {
  const body = { object_kind: 'push', ref: 'refs/heads/main', before: '1'.repeat(40), after: sha, checkout_sha: sha };
  const ok = gitlabPush(body);
  const bodyDigest = createHash('sha256').update(ok.raw).digest('hex');
  assert.deepEqual(verifyWebhook(ok.headers, ok.raw, secrets, 'main'), { ok: true, provider: 'gitlab', branch: 'main', commit: sha, delivery: `gitlab:sha256:${bodyDigest}` });
  const { ['x-gitlab-token']: _dropped, ...unsigned } = ok.headers;
  assert.deepEqual(pick(verifyWebhook(unsigned, ok.raw, secrets, 'main')), [false, 'unsigned', 401]);
  const wrong = gitlabPush(body, 'gl-token-457');
  assert.deepEqual(pick(verifyWebhook(wrong.headers, wrong.raw, secrets, 'main')), [false, 'bad-signature', 403]);
  const prefix = gitlabPush(body, 'gl-token');
  assert.deepEqual(pick(verifyWebhook(prefix.headers, prefix.raw, secrets, 'main')), [false, 'bad-signature', 403]);
});

test('the delivery key: the header a provider keeps on redelivery, else the digest of the body', () => {
  const body = Buffer.from('{"ref":"refs/heads/main"}');
  const digest = createHash('sha256').update(body).digest('hex');
  // GitHub: X-GitHub-Delivery (a redelivery keeps it).
  assert.equal(deliveryKey('github', { 'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958' }, body), 'github:72d3162e-cc78-11e3-81ab-4c9367dc0958');
  // GitLab: Idempotency-Key; never X-Gitlab-Webhook-UUID (new on every attempt) or X-Gitlab-Event-UUID (recursion detection).
  const gitlab = {
    'idempotency-key': 'a5461c4d-9c7f-4af9-add6-cddebe3c426f',
    'x-gitlab-webhook-uuid': '3c5c0404-c866-44bc-a5f6-452bb1bfc76e',
    'x-gitlab-event-uuid': '9cebe914-4827-408f-b014-cfa23a47a35f',
  };
  assert.equal(deliveryKey('gitlab', gitlab, body), 'gitlab:a5461c4d-9c7f-4af9-add6-cddebe3c426f');
  const { ['idempotency-key']: _key, ...olderGitlab } = gitlab;
  assert.equal(deliveryKey('gitlab', olderGitlab, body), `gitlab:sha256:${digest}`);
  // An id that is not a plain token (too long, spaces, separators) is not trusted as a key.
  assert.equal(deliveryKey('github', { 'x-github-delivery': 'x'.repeat(129) }, body), `github:sha256:${digest}`);
  assert.equal(deliveryKey('github', { 'x-github-delivery': 'a b' }, body), `github:sha256:${digest}`);
  assert.equal(deliveryKey('github', { 'x-github-delivery': 'github:sha256:forged' }, body), `github:sha256:${digest}`);
});

test('requests from neither provider, or from one that is not configured, are refused', () => {
  assert.deepEqual(pick(verifyWebhook({}, Buffer.from('{}'), secrets, 'main')), [false, 'unknown-provider', 401]);
  const { headers, raw } = githubPush({ ref: 'refs/heads/main', after: sha });
  assert.deepEqual(pick(verifyWebhook(headers, raw, { gitlab: secrets.gitlab }, 'main')), [false, 'provider-not-configured', 403]);
});

test('signed but not a deploy: other branch, deleted branch, ping, other events', () => {
  const other = githubPush({ ref: 'refs/heads/feature', after: sha });
  assert.deepEqual(pick(verifyWebhook(other.headers, other.raw, secrets, 'main')), [false, 'other-branch', 202]);
  const deleted = githubPush({ ref: 'refs/heads/main', after: '0'.repeat(40), deleted: true });
  assert.deepEqual(pick(verifyWebhook(deleted.headers, deleted.raw, secrets, 'main')), [false, 'branch-deleted', 202]);
  const gitlabDeleted = gitlabPush({ ref: 'refs/heads/main', after: '0'.repeat(40), checkout_sha: null });
  assert.deepEqual(pick(verifyWebhook(gitlabDeleted.headers, gitlabDeleted.raw, secrets, 'main')), [false, 'branch-deleted', 202]);
  const ping = githubPush({ zen: 'hi' }, secrets.github, { 'x-github-event': 'ping' });
  assert.deepEqual(pick(verifyWebhook(ping.headers, ping.raw, secrets, 'main')), [false, 'not-a-push', 202]);
  const notJson = githubPush({});
  const garbage = Buffer.from('not json');
  const signed = { ...notJson.headers, 'x-hub-signature-256': `sha256=${createHmac('sha256', secrets.github).update(garbage).digest('hex')}` };
  assert.deepEqual(pick(verifyWebhook(signed, garbage, secrets, 'main')), [false, 'bad-payload', 400]);
  const badSha = githubPush({ ref: 'refs/heads/main', after: 'HEAD; rm -rf /' });
  assert.deepEqual(pick(verifyWebhook(badSha.headers, badSha.raw, secrets, 'main')), [false, 'bad-payload', 400]);
});

test('Docker event lines: watched network and container actions only', () => {
  const line = (type: string, action: string) => JSON.stringify({ Type: type, Action: action, Actor: { ID: 'abc', Attributes: {} }, time: 1 });
  assert.deepEqual(parseEvent(line('container', 'start')), { type: 'container', action: 'start', id: 'abc' });
  assert.deepEqual(parseEvent(line('network', 'disconnect')), { type: 'network', action: 'disconnect', id: 'abc' });
  assert.equal(parseEvent(line('container', 'exec_start: sh')), null);
  assert.equal(parseEvent(line('image', 'pull')), null);
  assert.equal(parseEvent('{not json'), null);
});

function pick(verdict: ReturnType<typeof verifyWebhook>): [boolean, string?, number?] {
  return verdict.ok ? [true] : [false, verdict.reason, verdict.status];
}
