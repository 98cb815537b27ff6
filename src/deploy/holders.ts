/**
 * Who keeps a router's deploys out right now — the local lock and the lease on the shared remote —
 * as `translator status` shows it and `translator unlock` removes it (on purpose, on the record).
 */
import { hostname } from 'node:os';
import type { Actor } from './actor.js';
import { currentLock, liveHere, LockBusy, removeStaleLocks, type HeldLock } from './lock.js';
import { describeHolder, leaseState, RemoteLeases, type LeaseState, type RemoteLease } from './lease.js';
import type { RecordsStore } from './records.js';
import { errorText } from '../errors.js';

export interface Holders {
  lock: HeldLock | null;
  /** The remote's lease (null: free), with its state on this machine's clock; undefined: no lease is kept (no remote, or deploy.lease: local). */
  lease?: (RemoteLease & { state: LeaseState | 'unreadable' }) | null;
  /** Why the lease could not be read (remote unreachable). */
  leaseError?: string;
}

export class UnlockRefused extends Error {
  override name = 'UnlockRefused';
}

async function leases(records: RecordsStore): Promise<RemoteLeases | null> {
  if (!records.options.lease?.enabled) return null;
  const remote = await records.sharedRemote();
  return remote === null ? null : new RemoteLeases(records.git, remote, records.identity);
}

/** The router's lock and lease. Throws LockDirUnsafe when the lock directory is not safely ours. */
export async function holders(records: RecordsStore, lockDir: string, router: string): Promise<Holders> {
  const lock = currentLock(lockDir, router);
  const remote = await leases(records);
  if (remote === null) return { lock };
  try {
    const lease = await remote.current(router);
    return { lock, lease: lease && { ...lease, state: lease.info ? leaseState(lease.info, Date.now()) : 'unreadable' } };
  } catch (error) {
    return { lock, leaseError: errorText(error) };
  }
}

/** One line a person reads: who holds it, and whether translator can tell it is alive. */
export function describeLock(lock: HeldLock): string {
  const { holder } = lock;
  const state = lock.live ? 'a live process of this host' : holder.host === hostname() ? 'its process is gone' : 'another host: translator cannot tell whether it still runs';
  return `pid ${holder.pid} on ${holder.host} since ${holder.started} (${holder.purpose}): ${state}`;
}

export function describeLease(lease: NonNullable<Holders['lease']>): string {
  if (!lease.info) return `${lease.commit.slice(0, 12)}: not a lease translator wrote`;
  const state = { held: `held until ${lease.info.expires} unless renewed`, expired: `EXPIRED at ${lease.info.expires}`, 'holder-gone': 'its process on this host is gone', unreadable: '' }[lease.state];
  return `${describeHolder(lease.info)}: ${state}`;
}

/**
 * Removes the router's stale lock and its lease (`translator unlock`), and records what was
 * removed, by whom, on the records branch. Refuses — removing nothing — when a live process of
 * this host holds either. Returns the descriptions of what was removed (empty: nothing held).
 */
export async function unlock(records: RecordsStore, lockDir: string, router: string, actor: Actor): Promise<string[]> {
  const found = await holders(records, lockDir, router);
  if (found.leaseError) throw new UnlockRefused(`${found.leaseError}; nothing removed`);
  if (found.lock?.live) throw new UnlockRefused(`${router}: the lock is held by ${describeLock(found.lock)}: wait for it to finish (or stop it); nothing removed`);
  const lease = found.lease;
  if (lease?.info && liveHere(lease.info)) {
    throw new UnlockRefused(`${router}: the lease is held by a live process of this host (${describeHolder(lease.info)}): wait for it to finish; nothing removed`);
  }
  const removed: string[] = [];
  try {
    for (const lock of removeStaleLocks(lockDir, router)) removed.push(`the lock ${lock.file}: ${describeLock(lock)}`);
    if (lease) {
      const remote = (await leases(records))!;
      if (!(await remote.remove(router, lease.commit))) {
        throw new UnlockRefused(`${router}: the lease on ${remote.remote} changed while unlocking (renewed or taken: its holder is alive); left as it is`);
      }
      removed.push(`the deploy lease on ${remote.remote}: ${describeLease(lease)}`);
    }
  } catch (error) {
    if (error instanceof LockBusy) throw new UnlockRefused(`${router}: a deploy of this host took the lock meanwhile: ${error.message}`);
    throw error;
  } finally {
    // Whatever was removed is on the record, also when the rest was refused.
    if (removed.length > 0) await records.saveUnlock(router, actor, removed);
  }
  return removed;
}
