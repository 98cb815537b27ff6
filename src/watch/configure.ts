/**
 * Settings (translator.yaml + environment) → the watch daemon's options: which features are on,
 * with which secrets, reading Docker through which source, deploying with which deployer.
 */
import type { Logger } from 'pino';
import type { GitOpsRepo } from '../gitops/repo.js';
import { systemClock, type Clock } from '../ops/clock.js';
import type { Metrics } from '../ops/metrics.js';
import { notificationsFor } from '../notify/configure.js';
import { openDocker, RouterFactsReader } from '../pipeline.js';
import type { Settings } from '../settings/load.js';
import { resolveSecret } from '../settings/secret.js';
import type { WatchOptions } from './daemon.js';
import { gitopsDeployer } from './deploy-adapter.js';
import type { Deployer } from './deployer.js';
import { GitHubReviews, GitLabReviews, type ReviewHost } from './review.js';

export interface ConfigureInput {
  repo: GitOpsRepo;
  settings: Settings;
  routers: string[];
  /** An explicit engine (--docker-host) instead of the settings' choice. */
  dockerHost?: string;
  /** The deploy step; default: src/deploy's, whenever the policy or webhooks deploy. */
  deployer?: Deployer;
  /** Commit to the review branch even when translator.yaml has no `review:` section. */
  review?: boolean;
  /** Overrides `http:` (port 0 = any free port; null = no server). */
  http?: { host: string; port: number } | null;
  log: Logger;
  metrics: Metrics;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
}

/** Settings that cannot work together; the message says what to change. */
export class WatchConfigError extends Error {
  override name = 'WatchConfigError';
}

export function configureWatch(input: ConfigureInput): WatchOptions {
  const { settings, env = process.env } = input;
  const remote = settings.git.sharedRemote;
  const reviewing = settings.review !== undefined || input.review === true;
  if (reviewing && settings.watch.deploy.policy === 'auto') {
    throw new WatchConfigError(
      'review mode and watch.deploy.policy auto exclude each other: review-branch commits are not reviewed yet. ' +
        'Deploy the merged deploy branch instead (policy schedule, or webhooks), or leave the policy off',
    );
  }
  const host = reviewing ? reviewHost(settings, env) : undefined;
  const chosen = settings.review ?? settings.reviewDefaults;
  const review = reviewing ? { branch: chosen.branch, base: chosen.base, ...(host ? { host } : {}) } : undefined;
  const secrets = {
    ...(settings.webhook.githubSecret ? { github: resolveSecret(settings.webhook.githubSecret, env).reveal() } : {}),
    ...(settings.webhook.gitlabToken ? { gitlab: resolveSecret(settings.webhook.gitlabToken, env).reveal() } : {}),
  };
  const webhook = Object.keys(secrets).length > 0
    ? { secrets, branch: settings.webhook.branch, remote }
    : undefined;
  const http = input.http !== undefined ? input.http : settings.http.port === 0 ? null : { host: settings.http.host, port: settings.http.port };
  // The one place that says when a deployer is needed: a policy that deploys, or webhooks.
  const deploys = settings.watch.deploy.policy !== 'off' || webhook !== undefined;
  const notifications = notificationsFor(settings.notify, remote, input.metrics, (problem) => input.log.warn(problem), env);
  const deployer = input.deployer ?? (deploys ? gitopsDeployer(input.repo.dir, settings, input.log, env, { metrics: input.metrics, notifications }) : undefined);
  return {
    repo: input.repo,
    settings,
    routers: input.routers,
    source: openDocker(settings, { repo: input.repo, ...(input.dockerHost !== undefined ? { host: input.dockerHost } : {}), env }),
    facts: new RouterFactsReader(input.repo, settings),
    ...(deployer ? { deployer } : {}),
    // Review mode always pushes (reviewers see the branch); otherwise only when a remote is configured.
    ...(review ? { push: { remote, branch: review.branch } } : settings.git.remote ? { push: { remote, ...(settings.git.branch ? { branch: settings.git.branch } : {}) } } : {}),
    ...(review ? { review } : {}),
    ...(webhook ? { webhook } : {}),
    http,
    clock: input.clock ?? systemClock,
    log: input.log,
    metrics: input.metrics,
    ...(notifications.enabled ? { notifications } : {}),
  };
}

function reviewHost(settings: Settings, env: NodeJS.ProcessEnv): ReviewHost | undefined {
  const review = settings.review;
  if (review?.github) return new GitHubReviews(review.github.api, review.github.repository, resolveSecret(review.github.token, env));
  if (review?.gitlab) return new GitLabReviews(review.gitlab.api, review.gitlab.project, resolveSecret(review.gitlab.token, env));
  return undefined;
}
