/**
 * The generic JSON webhook: one versioned document per event, for whatever the receiver is.
 *
 *   POST <url>
 *   content-type: application/json
 *   x-translator-event: deploy | drift | rejected
 *   x-translator-signature-256: sha256=<hex HMAC-SHA256 of the body with the secret>   (when a secret is set)
 *   {"schemaVersion": 1, "translator": {"version": "…"}, "sentAt": "…", "event": {…}}
 *
 * The signature is GitHub's webhook scheme under our own header name, so receivers can reuse
 * their checking code: compare in constant time over the raw body.
 */
import { createHmac } from 'node:crypto';
import { versionLabels } from '../build-info.js';
import type { Secret } from '../settings/secret.js';
import type { NotifyEvent } from './events.js';
import { chatWants, type ChatPolicy, type Notifier } from './notifier.js';

const WEBHOOK_SCHEMA_VERSION = 1;
const SIGNATURE_HEADER = 'x-translator-signature-256';

function webhookDocument(event: NotifyEvent, sentAt: Date): unknown {
  return { schemaVersion: WEBHOOK_SCHEMA_VERSION, translator: { version: versionLabels().version }, sentAt: sentAt.toISOString(), event };
}

function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export function webhookNotifier(url: Secret, secret: Secret | null, policy: ChatPolicy, now: () => Date = () => new Date()): Notifier {
  return {
    name: 'webhook',
    wants: (event) => chatWants(policy, event),
    send: async (event, post) => {
      const body = JSON.stringify(webhookDocument(event, now()));
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-translator-event': event.type };
      if (secret) headers[SIGNATURE_HEADER] = signature(secret.reveal(), body);
      await post(url.reveal(), headers, body);
    },
  };
}
