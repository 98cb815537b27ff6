/**
 * What a deploy takes before it touches a router: the local lock (lock.ts: other processes of this
 * host) and, when the GitOps remote exists and deploy.lease is `remote`, the lease on that remote
 * (lease.ts: translators on other machines). Refusals are DeployBlocked errors naming the holder.
 */
import type { Actor } from './actor.js';
import { acquireLock } from './lock.js';
import { RemoteLeases, type HeldLease } from './lease.js';
import type { RecordsStore } from './records.js';

export interface GuardRequest {
  router: string;
  lockDir: string;
  /** What the deploy is, e.g. "deploy edge1 1a2b3c4d5e6f". */
  purpose: string;
  deployId: string;
  actor: Actor;
  /** Knows the shared remote, the lease settings and the identity lease commits are made with. */
  records: RecordsStore;
  log?: (message: string) => void;
}

export interface DeployGuard {
  /**
   * Why this deploy no longer holds the lease (taken over after it expired — a hung process —, or
   * removed by `translator unlock`), or null while it does. A deploy checks it before it sends and
   * before it confirms.
   */
  lost(): string | null;
  /** Releases the lease, then the lock. Never throws. */
  release(): Promise<void>;
}

/** Takes the router's lock, then its lease; throws DeployBlocked (LockBusy, LeaseBusy, …) when refused. */
export async function acquireDeployGuard(request: GuardRequest): Promise<DeployGuard> {
  const lock = acquireLock(request.lockDir, request.router, request.purpose);
  let lease: HeldLease | null;
  try {
    lease = await takeLease(request);
  } catch (error) {
    lock.release();
    throw error;
  }
  return {
    lost: () => lease?.lost() ?? null,
    async release() {
      await lease?.release();
      lock.release();
    },
  };
}

async function takeLease(request: GuardRequest): Promise<HeldLease | null> {
  const { records } = request;
  const settings = records.options.lease;
  if (!settings?.enabled) return null;
  const remote = await records.sharedRemote();
  if (remote === null) return null;
  return new RemoteLeases(records.git, remote, records.identity).take({
    router: request.router,
    deploy: request.deployId,
    purpose: request.purpose,
    actor: request.actor.name,
    seconds: settings.seconds,
    ...(request.log ? { log: request.log } : {}),
  });
}
