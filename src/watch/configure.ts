/** Settings (translator.yaml + environment) → the watch daemon's options: which features are on, with which secrets. */
import type { Logger } from 'pino';
import { DockerEngineSource } from '../observe/docker.js';
import type { Metrics } from '../ops/metrics.js';
import type { Settings } from '../settings/load.js';
import { resolveSecret } from '../settings/secret.js';
import { systemClock, type Clock } from './clock.js';
import type { WatchOptions } from './daemon.js';
import type { Deployer } from './deployer.js';
import { GitHubReviews, GitLabReviews, type ReviewHost } from './review.js';

export interface ConfigureInput {
  repoDir: string;
  settings: Settings;
  routers: string[];
  dockerHost: string;
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
  const remote = settings.git.remote ?? 'origin';
  const reviewing = settings.review !== undefined || input.review === true;
  if (reviewing && settings.watch.deploy.policy === 'auto') {
    throw new WatchConfigError(
      'review mode and watch.deploy.policy auto exclude each other: review-branch commits are not reviewed yet. ' +
        'Deploy the merged deploy branch instead (policy schedule, or webhooks), or leave the policy off',
    );
  }
  const host = reviewing ? reviewHost(settings, env) : undefined;
  const review = reviewing
    ? {
        branch: settings.review?.branch ?? 'translator/review',
        base: settings.review?.base ?? settings.git.branch ?? 'main',
        ...(host ? { host } : {}),
      }
    : undefined;
  const secrets = {
    ...(settings.webhook.githubSecret ? { github: resolveSecret(settings.webhook.githubSecret, env).reveal() } : {}),
    ...(settings.webhook.gitlabToken ? { gitlab: resolveSecret(settings.webhook.gitlabToken, env).reveal() } : {}),
  };
  const webhook = Object.keys(secrets).length > 0
    ? { secrets, branch: settings.webhook.branch ?? settings.git.branch ?? 'main', remote }
    : undefined;
  const http = input.http !== undefined ? input.http : settings.http.port === 0 ? null : { host: settings.http.host, port: settings.http.port };
  return {
    repoDir: input.repoDir,
    settings,
    routers: input.routers,
    dockerHost: input.dockerHost,
    source: new DockerEngineSource(input.dockerHost),
    ...(input.deployer ? { deployer: input.deployer } : {}),
    // Review mode always pushes (reviewers see the branch); otherwise only when a remote is configured.
    ...(review ? { push: { remote, branch: review.branch } } : settings.git.remote ? { push: { remote, ...(settings.git.branch ? { branch: settings.git.branch } : {}) } } : {}),
    ...(review ? { review } : {}),
    ...(webhook ? { webhook } : {}),
    http,
    clock: input.clock ?? systemClock,
    log: input.log,
    metrics: input.metrics,
  };
}

function reviewHost(settings: Settings, env: NodeJS.ProcessEnv): ReviewHost | undefined {
  const review = settings.review;
  if (review?.github) return new GitHubReviews(review.github.api, review.github.repository, resolveSecret(review.github.token, env));
  if (review?.gitlab) return new GitLabReviews(review.gitlab.api, review.gitlab.project, resolveSecret(review.gitlab.token, env));
  return undefined;
}
