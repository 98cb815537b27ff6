/**
 * translator.yaml's `notify:` (secrets resolved from the environment) → the notifiers and their
 * delivery. `remote`: the GitOps remote's name (git.sharedRemote).
 */
import type { DeployMetrics } from '../ops/metrics.js';
import type { NotifySettings } from '../settings/schema.js';
import { resolveSecret, Secret } from '../settings/secret.js';
import { slackNotifier, teamsNotifier } from './chat.js';
import { Notifications } from './deliver.js';
import { githubNotifier, gitlabNotifier } from './forges.js';
import type { Notifier } from './notifier.js';
import { webhookNotifier } from './webhook.js';

export function notificationsFor(
  settings: NotifySettings,
  remote: string,
  metrics: Pick<DeployMetrics, 'notificationFailures'>,
  warn: (problem: string) => void,
  env: NodeJS.ProcessEnv = process.env,
): Notifications {
  const policy = { deploySuccess: settings.deploySuccess };
  const { slack, teams, webhook, github, gitlab } = settings;
  const notifiers: Notifier[] = [
    ...(slack ? [slackNotifier(resolveSecret(slack.url, env), policy)] : []),
    ...(teams ? [teamsNotifier(resolveSecret(teams.url, env), policy)] : []),
    ...(webhook
      ? [webhookNotifier(typeof webhook.url === 'string' ? new Secret(webhook.url) : resolveSecret(webhook.url, env), webhook.secret ? resolveSecret(webhook.secret, env) : null, policy)]
      : []),
    ...(github ? [githubNotifier({ ...github, token: resolveSecret(github.token, env) })] : []),
    ...(gitlab ? [gitlabNotifier({ ...gitlab, token: resolveSecret(gitlab.token, env), remote })] : []),
  ];
  return new Notifications({ notifiers, timeoutMs: settings.timeoutMs, metrics, warn });
}
