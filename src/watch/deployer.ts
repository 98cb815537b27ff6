/**
 * The deploy step as the watch daemon sees it: a function it is given. The daemon decides *when*
 * (policy, schedule, deny windows, webhooks, one job at a time); the deployer decides *how*
 * (lock, plan, revert timer, push, verify, confirm, record: src/deploy).
 */
import type { DeployResult } from '../deploy/record.js';

export type DeployTrigger = 'start' | 'auto' | 'schedule' | 'webhook';

export interface DeployRequest {
  /** The commit whose intended configs to deploy. */
  commit: string;
  routers: string[];
  trigger: DeployTrigger;
}

export interface DeployOutcome {
  router: string;
  commit: string;
  result: DeployResult;
  /** Commands sent to the router. */
  commands?: number;
  /** What a failure or refusal was about, for the log. */
  message?: string;
}

/**
 * Deploys one commit to the routers and resolves with what happened to each. `signal` is aborted
 * when the daemon stops. A deployer chooses what that means: src/deploy can stop on it (no
 * further line sent, an unconfirmed change reverted, the run recorded: RouterDeployRequest.signal),
 * and the daemon's own deployer (deploy-adapter.ts) lets a run in flight finish instead.
 */
export type Deployer = (request: DeployRequest, signal: AbortSignal) => Promise<DeployOutcome[]>;
