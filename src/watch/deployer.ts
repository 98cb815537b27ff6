/**
 * The deploy step as the watch daemon sees it: a function it is given. The daemon decides *when*
 * (policy, schedule, deny windows, webhooks, one job at a time); the deployer decides *how*
 * (lock, plan, revert timer, push, verify, confirm, record: src/deploy).
 */
import type { DeployResult } from '../deploy/record.js';

export type DeployTrigger = 'start' | 'auto' | 'schedule' | 'webhook';

/** One deploy the daemon starts: a commit for some routers, and why. */
export interface DeployJob {
  /** The commit whose intended configs to deploy. */
  commit: string;
  routers: string[];
  trigger: DeployTrigger;
}

/** What a job did to one router, in short: for the daemon's log and metrics (the full record is src/deploy's). */
export interface RouterResult {
  router: string;
  commit: string;
  result: DeployResult;
  /** Commands sent to the router. */
  commands?: number;
  /** What a failure or refusal was about, for the log. */
  message?: string;
}

/**
 * Deploys one commit to the routers and resolves with what happened to each. It is never
 * interrupted: when the daemon stops, a job in flight runs to its end (bounded by the device
 * timeouts) and the daemon waits for it, as `translator watch` promises.
 */
export type Deployer = ((job: DeployJob) => Promise<RouterResult[]>) & {
  /** Lets go of what the deployer keeps between jobs (its SSH sessions); the daemon calls it once stopped. */
  close?: () => Promise<void>;
};
