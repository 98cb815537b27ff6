/**
 * The chat notifiers: Slack and Microsoft Teams incoming webhooks. Their URL is the credential, so
 * it comes from a secret ({env}/{file}) and never reaches a message or a log.
 *
 * - Slack: a JSON body with `text` (https://api.slack.com/messaging/webhooks); `&`, `<`, `>` are
 *   escaped as Slack asks (https://api.slack.com/reference/surfaces/formatting#escaping), so a
 *   hostile container name cannot make `<!channel>` mentions or links.
 * - Teams: the Office 365 connectors (MessageCard) are retired; a channel's Workflows webhook
 *   ("Post to a channel when a webhook request is received") takes a message with an Adaptive
 *   Card attachment (MicrosoftDocs/msteams-docs, msteams-platform/webhooks-and-connectors/how-to/
 *   add-incoming-webhook.md: the retirement note and "Send Adaptive Cards using an Incoming Webhook").
 */
import type { Secret } from '../settings/secret.js';
import { describeEvent, type NotifyEvent } from './events.js';
import { chatWants, type ChatPolicy, type Notifier, type Post } from './notifier.js';

const JSON_HEADERS = { 'content-type': 'application/json' };

function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function slackBody(event: NotifyEvent): { text: string } {
  const { title, lines } = describeEvent(event);
  return { text: [`*${slackEscape(title)}*`, ...lines.map(slackEscape)].join('\n') };
}

function teamsBody(event: NotifyEvent): unknown {
  const { title, lines } = describeEvent(event);
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          body: [
            { type: 'TextBlock', text: title, weight: 'Bolder', size: 'Medium', wrap: true },
            ...lines.map((line) => ({ type: 'TextBlock', text: line, wrap: true, spacing: 'None' })),
          ],
        },
      },
    ],
  };
}

function chatNotifier(name: 'slack' | 'teams', url: Secret, policy: ChatPolicy, body: (event: NotifyEvent) => unknown): Notifier {
  return {
    name,
    wants: (event) => chatWants(policy, event),
    send: async (event: NotifyEvent, post: Post) => void (await post(url.reveal(), JSON_HEADERS, JSON.stringify(body(event)))),
  };
}

export function slackNotifier(url: Secret, policy: ChatPolicy): Notifier {
  return chatNotifier('slack', url, policy, slackBody);
}

export function teamsNotifier(url: Secret, policy: ChatPolicy): Notifier {
  return chatNotifier('teams', url, policy, teamsBody);
}
