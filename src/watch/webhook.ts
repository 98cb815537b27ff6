/**
 * Git push webhooks from GitHub and GitLab: who sent it (signature or token, compared in constant
 * time), and which commit of which branch was pushed. Pure: bytes and headers in, a verdict out.
 *
 * GitHub signs the raw body with HMAC-SHA256 and the webhook secret: X-Hub-Signature-256:
 * sha256=<hex> (docs.github.com, "Validating webhook deliveries"). GitLab sends the configured
 * secret token as is in X-Gitlab-Token (docs.gitlab.com, "Webhooks", "Validate requests with a
 * secret token"). A push names the new tip in `after` (GitHub) / `checkout_sha` (GitLab) and the
 * branch in `ref` (refs/heads/<branch>).
 *
 * Which delivery it is (`deliveryKey`, for deliveries.ts to recognise one seen before):
 * - GitHub: X-GitHub-Delivery, a GUID that a redelivery keeps ("Best practices for using webhooks",
 *   docs.github.com; github/docs#32822: unique per event, not per delivery attempt).
 * - GitLab: Idempotency-Key, kept across automatic retries and manual resends (gitlabhq
 *   app/services/web_hook_service.rb: `idempotency_key || generate_idempotency_key`; MR 160952).
 *   Not X-Gitlab-Webhook-UUID (`SecureRandom.uuid` per request in the same build_headers: a resend
 *   gets a new one) nor X-Gitlab-Event-UUID (lib/gitlab/web_hooks/recursion_detection.rb: the
 *   recursion-detection id of the request that triggered the hook, not of the delivery).
 * - No usable id (GitLab before Idempotency-Key, an id that is not a plain token): the SHA-256 of
 *   the body as received, which a replay repeats byte for byte.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export type WebhookProvider = 'github' | 'gitlab';

export interface WebhookSecrets {
  github?: string;
  gitlab?: string;
}

/** Short codes, used as a metric label and in the log. */
const WEBHOOK_REFUSALS = [
  'unknown-provider',
  'provider-not-configured',
  'unsigned',
  'bad-signature',
  'not-a-push',
  'bad-payload',
  'other-branch',
  'branch-deleted',
] as const;
export type WebhookRefusal = (typeof WEBHOOK_REFUSALS)[number];
/** Every result a delivery can have (the webhooks metric's `result` label). */
export const WEBHOOK_RESULTS = ['accepted', 'replayed', ...WEBHOOK_REFUSALS] as const;

export type WebhookVerdict =
  /** `commit`: what the push names; it only says that the branch moved (webhook-tip.ts decides what is deployed). */
  | { ok: true; provider: WebhookProvider; branch: string; commit: string; delivery: string }
  | { ok: false; provider: WebhookProvider | 'unknown'; reason: WebhookRefusal; status: number; message: string };

const ZERO_SHA = /^0{40}$/;
const SHA = /^[0-9a-f]{40}$/;

function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Equal-length digests compared in constant time, so the comparison leaks nothing of the secret. */
function constantTimeEqual(a: string, b: string): boolean {
  const da = createHash('sha256').update(a).digest();
  const db = createHash('sha256').update(b).digest();
  return timingSafeEqual(da, db) && a.length === b.length;
}

function refuse(provider: WebhookProvider | 'unknown', reason: WebhookRefusal, status: number, message: string): WebhookVerdict {
  return { ok: false, provider, reason, status, message };
}

/** Checks a webhook request and extracts the push it announces, for `branch` only. */
export function verifyWebhook(headers: IncomingHttpHeaders, body: Buffer, secrets: WebhookSecrets, branch: string): WebhookVerdict {
  const provider: WebhookProvider | null =
    header(headers, 'x-github-event') !== undefined ? 'github' : header(headers, 'x-gitlab-event') !== undefined ? 'gitlab' : null;
  if (provider === null) {
    // Unsigned and unidentified: the same answer as a missing signature, nothing more to learn.
    return refuse('unknown', 'unknown-provider', 401, 'not a GitHub or GitLab webhook (no X-GitHub-Event / X-Gitlab-Event)');
  }
  const secret = secrets[provider];
  if (secret === undefined) return refuse(provider, 'provider-not-configured', 403, `${provider} webhooks are not configured`);

  if (provider === 'github') {
    const signature = header(headers, 'x-hub-signature-256');
    if (!signature) return refuse(provider, 'unsigned', 401, 'missing X-Hub-Signature-256');
    const expected = `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
    if (!constantTimeEqual(signature, expected)) return refuse(provider, 'bad-signature', 403, 'X-Hub-Signature-256 does not match');
    const event = header(headers, 'x-github-event');
    if (event === 'ping') return refuse(provider, 'not-a-push', 202, 'ping received');
    if (event !== 'push') return refuse(provider, 'not-a-push', 202, `event ${event} ignored`);
  } else {
    const token = header(headers, 'x-gitlab-token');
    if (!token) return refuse(provider, 'unsigned', 401, 'missing X-Gitlab-Token');
    if (!constantTimeEqual(token, secret)) return refuse(provider, 'bad-signature', 403, 'X-Gitlab-Token does not match');
    const event = header(headers, 'x-gitlab-event');
    if (event !== 'Push Hook') return refuse(provider, 'not-a-push', 202, `event ${event} ignored`);
  }

  let payload: { ref?: unknown; after?: unknown; checkout_sha?: unknown };
  try {
    payload = JSON.parse(body.toString('utf8')) as typeof payload;
  } catch {
    return refuse(provider, 'bad-payload', 400, 'body is not JSON');
  }
  const ref = typeof payload.ref === 'string' ? payload.ref : '';
  if (ref !== `refs/heads/${branch}`) return refuse(provider, 'other-branch', 202, `push to ${JSON.stringify(ref.slice(0, 200))} ignored: deploy branch is ${branch}`);
  const commit = provider === 'github' ? payload.after : payload.checkout_sha ?? payload.after;
  if (typeof commit !== 'string' || commit === '' || ZERO_SHA.test(commit)) {
    return refuse(provider, 'branch-deleted', 202, 'the push deleted the branch: nothing to deploy');
  }
  if (!SHA.test(commit)) return refuse(provider, 'bad-payload', 400, 'the pushed commit is not a 40-digit SHA-1');
  return { ok: true, provider, branch, commit, delivery: deliveryKey(provider, headers, body) };
}

/** The header each provider keeps when it sends a delivery again (see the top of this file). */
const DELIVERY_HEADER: Record<WebhookProvider, string> = { github: 'x-github-delivery', gitlab: 'idempotency-key' };
/** GUIDs and UUIDs; anything else is not trusted as an id (and would make the store's entries unbounded). */
const PLAIN_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** `github:<X-GitHub-Delivery>`, `gitlab:<Idempotency-Key>`, else `<provider>:sha256:<hex of the body>`. */
export function deliveryKey(provider: WebhookProvider, headers: IncomingHttpHeaders, body: Buffer): string {
  const id = header(headers, DELIVERY_HEADER[provider])?.trim();
  if (id !== undefined && PLAIN_ID.test(id)) return `${provider}:${id}`;
  return `${provider}:sha256:${createHash('sha256').update(body).digest('hex')}`;
}
