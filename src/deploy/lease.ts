/**
 * The deploy lease: deploys to one router exclude each other across machines — every translator
 * that shares the GitOps remote (a CI job, a `watch` daemon, a laptop) respects it.
 *
 * The lease is a ref on the remote, `refs/translator/leases/<router>`, naming a small commit
 * whose message holds who holds it (host, pid, deploy id, actor, purpose), when it was taken and
 * last renewed, and for how long a renewal counts. Every change of the ref is a compare-and-swap
 * push: `git push --force-with-lease=<ref>:<expected> <remote> <new>:<ref>`. git sends the expected
 * value as the ref's old value and the receiving side updates the ref under its lock only if it
 * still holds that value, so of several pushes from one expected value exactly one lands; the
 * others are rejected ("stale info" when the client already saw the change, "failed to update ref"
 * when the server did). An empty expected value means "must not exist": taking a free lease.
 *
 *   take      push expecting absent. Rejected: fetch the ref and read the holder. Alive: refused,
 *             naming it. Expired (not renewed for its `seconds` by this machine's clock), or held
 *             by a process of this host that is gone: push expecting that commit (a take-over).
 *   renew     every third of `seconds`, push a fresh commit expecting ours. Rejected: the lease was
 *             taken over (we were too slow: a hung process) or removed by `translator unlock`; the
 *             holder learns it has lost the lease (`lost()`).
 *   release   push a deletion expecting ours (never deletes someone else's lease).
 *
 * A remote that cannot be reached refuses the deploy: without the lease nobody can tell whether a
 * translator elsewhere is deploying to the router right now. `deploy.lease: local` turns the lease
 * off for a router only one machine deploys to. docs/deploying.md "Design notes" says why and what clock
 * skew does.
 */
import { randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { once, zod } from '../lazy.js';
import { GitCommandError, gitReason, type Git } from '../gitops/git.js';
import { writeCommits, type CommitObject } from '../gitops/commit-objects.js';
import type { GitIdentity } from '../gitops/repo.js';
import { GroupCommits } from './records-batch.js';
import { pushLease, type Cas } from './lease-push.js';
import { DeployBlocked, liveHere, thisProcess } from './lock.js';
import { firstLine } from '../errors.js';

export interface LeaseInfo {
  router: string;
  deploy: string;
  purpose: string;
  actor: string;
  host: string;
  pid: number;
  processStart?: string;
  taken: string;
  renewed: string;
  /** Renewals count for this long; `expires` = renewed + seconds (for people reading the ref). */
  seconds: number;
  expires: string;
  /** Makes every lease commit unique: an identical commit would make a push a no-op, not a CAS. */
  nonce: string;
}

/** Built on first use, like every schema (src/lazy.ts). */
const leaseSchema = once((): z.ZodType<LeaseInfo> => {
  const { z } = zod();
  return z.looseObject({
    router: z.string(),
    deploy: z.string(),
    purpose: z.string(),
    actor: z.string(),
    host: z.string(),
    pid: z.number().int(),
    processStart: z.string().exactOptional(),
    taken: z.string(),
    renewed: z.string().refine((t) => !Number.isNaN(Date.parse(t))),
    seconds: z.number().positive(),
    expires: z.string(),
    nonce: z.string(),
  });
});

export const leaseRef = (router: string): string => `refs/translator/leases/${router}`;
/** Where a lease read from the remote is kept locally (fetching it brings its commit). */
const seenRef = (router: string): string => `refs/translator/leases-seen/${router}`;

/** A lease on the remote as read: its commit, and its holder (null when the commit is not a lease translator wrote). */
export interface RemoteLease {
  commit: string;
  info: LeaseInfo | null;
}

export type LeaseState = 'held' | 'expired' | 'holder-gone';

/**
 * Whether a lease still keeps others out, judged on this machine's clock: expired when not
 * renewed for its `seconds`; a holder of this host whose process is gone needs no wait.
 */
export function leaseState(info: LeaseInfo, now: number): LeaseState {
  if (info.host === thisProcess().host && !liveHere(info)) return 'holder-gone';
  return now - Date.parse(info.renewed) > info.seconds * 1000 ? 'expired' : 'held';
}

export function describeHolder(info: LeaseInfo): string {
  return `deploy ${info.deploy} (${info.purpose}) by ${info.actor}, pid ${info.pid} on ${info.host}, taken ${info.taken}, renewed ${info.renewed}`;
}

export class LeaseBusy extends DeployBlocked {
  override name = 'LeaseBusy';
  constructor(
    readonly router: string,
    readonly remote: string,
    readonly holder: LeaseInfo | null,
  ) {
    // No router in the message: it goes into the router's record and line, which name it.
    super(
      holder
        ? `another translator holds the deploy lease on ${remote}: ${describeHolder(holder)}; wait for it to finish. ` +
            `If it is gone, the lease expires by itself at ${holder.expires} (its clock), or \`translator unlock --router ${router}\` removes it (recorded)`
        : `${leaseRef(router)} on ${remote} holds something that is not a translator lease: \`translator unlock --router ${router}\` removes it (recorded)`,
    );
  }
}

export class LeaseUnavailable extends DeployBlocked {
  override name = 'LeaseUnavailable';
}

/** A lease this process holds. */
export interface HeldLease {
  readonly info: LeaseInfo;
  /** Why the lease is no longer ours (taken over, removed), or null while it is. */
  lost(): string | null;
  /** Stops renewing and deletes the lease (only if still ours). Never throws. */
  release(): Promise<void>;
}

export interface TakeRequest {
  router: string;
  deploy: string;
  purpose: string;
  actor: string;
  seconds: number;
  log?: (message: string) => void;
}



/** The leases of one remote. */
/** The empty tree's id per repository (its hash depends on the object format): one `git mktree` for all leases. */
const emptyTrees = new WeakMap<Git, Promise<string>>();
/** Lease commits asked for while others are being written go into the next write (one git process): a fleet takes one per router. */
const commitWriters = new WeakMap<Git, GroupCommits<CommitObject, string>>();

export class RemoteLeases {

  constructor(
    readonly git: Git,
    readonly remote: string,
    private readonly identity: GitIdentity,
  ) {}

  /** The router's lease as the remote has it now, or null (free). */
  async current(router: string): Promise<RemoteLease | null> {
    try {
      await this.git.run(['fetch', '--quiet', '--no-tags', this.remote, `+${leaseRef(router)}:${seenRef(router)}`]);
    } catch (error) {
      if (error instanceof GitCommandError && /couldn't find remote ref/.test(error.stderr)) return null;
      throw this.unavailable(error);
    }
    const out = await this.git.run(['log', '-1', '--format=%H%x00%B', seenRef(router)]);
    const [commit, message = ''] = out.split('\0');
    return { commit: commit!.trim(), info: parseLease(message) };
  }

  /** Takes the router's lease, or throws LeaseBusy (held) / LeaseUnavailable (remote unreachable, refusing). */
  async take(request: TakeRequest): Promise<HeldLease> {
    const taken = new Date().toISOString();
    let expected: string | null = null;
    for (let attempt = 0; attempt < 10; attempt++) {
      const info = this.#info(request, taken);
      const commit = await this.#commit(info);
      if ((await this.#cas(request.router, commit, expected)) === 'ok') return this.#held(request, info, commit);
      const found = await this.current(request.router);
      if (found === null) {
        expected = null; // released meanwhile: take the free lease
        continue;
      }
      if (found.info === null) throw new LeaseBusy(request.router, this.remote, null);
      const state = leaseState(found.info, Date.now());
      if (state === 'held') throw new LeaseBusy(request.router, this.remote, found.info);
      request.log?.(
        `taking over the deploy lease of ${describeHolder(found.info)}: ` +
          (state === 'expired' ? `not renewed since ${found.info.renewed} (expired ${found.info.expires})` : 'its process is gone'),
      );
      expected = found.commit;
    }
    throw new LeaseUnavailable(`could not take the deploy lease on ${this.remote}: it kept changing hands (10 attempts)`);
  }

  /** Deletes the lease if it is still `commit` (translator unlock). False: it changed meanwhile, left alone. */
  async remove(router: string, commit: string): Promise<boolean> {
    return (await this.#cas(router, null, commit)) === 'ok';
  }

  #info(request: TakeRequest, taken: string, now = new Date()): LeaseInfo {
    return {
      router: request.router,
      deploy: request.deploy,
      purpose: request.purpose,
      actor: request.actor,
      ...thisProcess(),
      taken,
      renewed: now.toISOString(),
      seconds: request.seconds,
      expires: new Date(now.getTime() + request.seconds * 1000).toISOString(),
      nonce: randomBytes(8).toString('hex'),
    };
  }

  /** The lease commit of `info`: written together with the lease commits other runs of this process ask for meanwhile. */
  async #commit(info: LeaseInfo): Promise<string> {
    let emptyTree = emptyTrees.get(this.git);
    if (!emptyTree) {
      emptyTrees.set(this.git, (emptyTree = this.git.runWithInput(['mktree'], '').then((out) => out.toString('utf8').trim())));
      emptyTree.catch(() => emptyTrees.delete(this.git)); // a failure is this attempt's, not every later one's
    }
    const message = `lease ${info.router}: ${info.purpose} by ${info.actor} on ${info.host}\n\n${JSON.stringify(info, null, 2)}\n`;
    const commit: CommitObject = { tree: await emptyTree, message, author: this.identity };
    let writer = commitWriters.get(this.git);
    if (!writer) commitWriters.set(this.git, (writer = new GroupCommits((batch) => writeCommits(this.git, batch))));
    return writer.add(commit);
  }

  /** Moves the lease ref from `expected` (null: absent) to `commit` (null: delete), or says someone else moved it. */
  async #cas(router: string, commit: string | null, expected: string | null): Promise<Cas> {
    try {
      return await pushLease(this.git, this.remote, { ref: leaseRef(router), commit, expected });
    } catch (error) {
      throw this.unavailable(error);
    }
  }

  /** No router in the message: it goes into the router's record, line or status row, which name it. */
  unavailable(error: unknown): LeaseUnavailable {
    const reason = gitReason(error);
    return new LeaseUnavailable(
      `cannot reach the deploy lease on ${this.remote} (${reason}). Refusing: without the lease, a translator on ` +
        'another machine could be deploying to this router right now. Fix the remote, or, if only this machine deploys to ' +
        'the router, set deploy.lease: local',
    );
  }

  #held(request: TakeRequest, first: LeaseInfo, firstCommit: string): HeldLease {
    let info = first;
    let current = firstCommit;
    let renewedAt = Date.now();
    let lost: string | null = null;
    let released = false;
    let pending: Promise<void> = Promise.resolve();
    const renew = async () => {
      if (released || lost) return;
      const next = this.#info(request, info.taken);
      try {
        const commit = await this.#commit(next);
        if ((await this.#cas(request.router, commit, current)) === 'ok') {
          [info, current, renewedAt] = [next, commit, Date.now()];
          return;
        }
        lost = `the deploy lease on ${this.remote} was taken over or removed while this deploy held it`;
      } catch (error) {
        if (Date.now() - renewedAt <= request.seconds * 1000) {
          request.log?.(`could not renew the deploy lease (${firstLine(error)}); trying again`);
          return;
        }
        lost = `the deploy lease on ${this.remote} could not be renewed for longer than it lasts: another translator may have taken it`;
      }
      clearInterval(timer);
      request.log?.(`WARNING: ${lost}`);
    };
    const timer = setInterval(() => {
      pending = pending.then(renew);
    }, (request.seconds * 1000) / 3);
    timer.unref();
    return {
      get info() {
        return info;
      },
      lost: () => lost,
      release: async () => {
        if (released) return;
        released = true;
        clearInterval(timer);
        await pending;
        if (lost) return;
        try {
          if ((await this.#cas(request.router, null, current)) === 'moved') request.log?.('the deploy lease had changed hands before its release: left as it is');
        } catch (error) {
          request.log?.(`could not release the deploy lease (${firstLine(error)}); it expires by itself at ${info.expires}`);
        }
      },
    };
  }
}

/** The holder a lease commit's message names, or null when it is not a lease translator wrote. */
function parseLease(message: string): LeaseInfo | null {
  const json = message.slice(message.indexOf('\n\n') + 2);
  try {
    const parsed = leaseSchema().safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
