/**
 * Settings + repository → deploy requests for the chosen routers, run with the concurrency limit,
 * then the records branch pushed. Shared by deploy, rollback, drift --fix and watch. Records a
 * failed earlier run could not commit (unrecorded.ts) are committed first.
 */
import { setMaxListeners } from 'node:events';
import { connectDevice } from '../device/index.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { Settings } from '../settings/load.js';
import { actorFromEnv } from './actor.js';
import { admit } from './admission.js';
import { deployRouter, runStarted, startRun } from './deploy.js';
import { fleetCheck, refusedByFleet } from './fleet.js';
import type { InUsePolicy } from './in-use.js';
import { readIntendedOf, type ResolvedRef } from './intended.js';
import { defaultLockDir } from './lock.js';
import type { DeployKind } from './record.js';
import { recordsStoreFor, type RecordsStore } from './records.js';
import type { DeployOptions, RouterDeployOutcome, RouterDeployRequest } from './request.js';
import { routerSettings, scopeOf } from './routers.js';
import { runLimited } from './run-all.js';
import { deviceTarget } from './target.js';
import { commitUnrecorded } from './unrecorded.js';
import { errorText, firstLine } from '../errors.js';

export interface DeployOverrides {
  revertTimerMinutes?: number;
  save?: DeployOptions['save'];
  inUse?: InUsePolicy;
  allowNoArchive?: boolean;
  acceptNewHostKey?: boolean;
  concurrency?: number;
  /** Unmarked objects to take over (--adopt): VRF or interface names. */
  adopt?: string[];
  /** Deploy although the fleet check finds another router holding a VLAN or global IP (fleet.ts); recorded. */
  force?: boolean;
  /** Deploy a commit the deploy branch does not reach (admission.ts); recorded. */
  allowUnreviewed?: boolean;
  /** Deploy inside a deny window (admission.ts); recorded. */
  ignoreDenyWindow?: boolean;
}

/** One deploy, rollback or drift fix over several routers. */
export interface DeployBatch {
  repo: GitOpsRepo;
  settings: Settings;
  routers: string[];
  kind: DeployKind;
  /** Which commit each router gets. */
  refFor: (router: string) => Promise<ResolvedRef>;
  /** The intended config of a router at its commit (default: routers/<r>/intended.cfg there; decommission: none). */
  intendedFor?: (router: string, commit: string) => Promise<string>;
  overrides: DeployOverrides;
  /**
   * What admission.ts asks before anything starts: whether the commits are on the deploy branch
   * (the CLI's deploy, rollback, drift --fix), whether a deny window is open (every path but the
   * daemon, whose gate asked on its own clock). Default: both.
   */
  admission?: { reviewed: boolean; denyWindow: boolean };
  approve?: RouterDeployRequest['approve'];
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The device driver (default: the IOS XE CLI driver over SSH). */
  connect?: RouterDeployRequest['connect'];
  /** Progress hooks: lines answered during a push, and each router's outcome as it ends. */
  onPush?: RouterDeployRequest['onPush'];
  onDone?: (outcome: RouterDeployOutcome) => void;
  /** Interrupts every router's run (RouterDeployRequest.signal). */
  signal?: AbortSignal;
}

export interface RecordsPush {
  /** What happened, in words: pushed where, or why not and how to push them later. */
  note: string;
  /** The push was tried and failed: the records are only in this clone. */
  failed: boolean;
}

export interface DeployBatchResult {
  outcomes: RouterDeployOutcome[];
  /** How the records reached the remote, or why they did not; null when there is no remote to push to. */
  push: RecordsPush | null;
  /** Records of earlier runs committed now (or still waiting), one line each. */
  earlier: string[];
  /** The records branch as this run read and wrote it (already fetched: asking it again costs no fetch). */
  records: RecordsStore;
}

export function recordsStore(repo: GitOpsRepo, settings: Settings): RecordsStore {
  return recordsStoreFor(repo.git, settings);
}

export function deployOptions(settings: Settings, overrides: DeployOverrides): DeployOptions {
  const d = settings.deploy;
  return {
    revertTimerMinutes: overrides.revertTimerMinutes ?? d.revertTimerMinutes,
    save: overrides.save ?? d.save,
    inUse: overrides.inUse ?? d.inUse,
    allowNoArchive: overrides.allowNoArchive ?? d.allowNoArchive,
    lockDir: d.lockDir ?? defaultLockDir(),
  };
}

export async function runDeploys(batch: DeployBatch): Promise<DeployBatchResult> {
  const { repo, settings } = batch;
  const records = recordsStore(repo, settings);
  const options = deployOptions(settings, batch.overrides);
  const actor = actorFromEnv(batch.env);
  // Every router's intended config is read before any router is touched: a bad ref fails the whole run.
  const refs = new Map<string, ResolvedRef>();
  for (const name of batch.routers) refs.set(name, await batch.refFor(name));
  const overridden = await admit({
    repo,
    settings,
    commits: [...refs].map(([router, { ref, commit }]) => ({ router, ref, commit })),
    ...(batch.admission ?? { reviewed: true, denyWindow: true }),
    allowUnreviewed: batch.overrides.allowUnreviewed === true,
    ignoreDenyWindow: batch.overrides.ignoreDenyWindow === true,
  });
  const intended = batch.intendedFor
    ? new Map(await Promise.all(batch.routers.map(async (name) => [name, await batch.intendedFor!(name, refs.get(name)!.commit)] as const)))
    : await readIntendedOf(repo, new Map([...refs].map(([name, { commit }]) => [name, commit])));
  const requests: RouterDeployRequest[] = [];
  for (const name of batch.routers) {
    const router = routerSettings(settings, name);
    const { ref, commit } = refs.get(name)!;
    requests.push({
      router,
      scope: scopeOf(settings, router, batch.overrides.adopt),
      kind: batch.kind,
      ref,
      commit,
      intended: intended.get(name)!,
      options,
      actor,
      records,
      target: () => deviceTarget(router, settings, { acceptNewHostKey: batch.overrides.acceptNewHostKey === true, ...(batch.env ? { env: batch.env } : {}) }),
      connect: batch.connect ?? connectDevice,
      ...(batch.approve ? { approve: batch.approve } : {}),
      ...(batch.log ? { log: batch.log } : {}),
      ...(batch.onPush ? { onPush: batch.onPush } : {}),
      ...(batch.signal ? { signal: batch.signal } : {}),
      overrides: overridden.get(name) ?? [],
    });
  }
  const refusals = await fleetCheck({ repo, settings, records, requests, force: batch.overrides.force === true, ...(batch.log ? { log: batch.log } : {}) });
  const earlier = await commitUnrecorded(records).catch((error: unknown) => [`earlier unrecorded deploys could not be looked at: ${errorText(error)}`]);
  for (const line of earlier) batch.log?.(line);
  // Questions on a terminal come one router at a time.
  const limit = batch.approve ? 1 : (batch.overrides.concurrency ?? settings.deploy.concurrency);
  // Every router running waits on the batch's signal (deploy.ts untilInterrupted): `limit` listeners
  // at once are the design, not the leak Node warns of beyond 10.
  if (batch.signal) setMaxListeners(limit + 10, batch.signal);
  // Several routers at once: every lock and lease taken together up front (one lease push, deploy.ts
  // startRun), a router's place given to the next once its session is closed, releases awaited at the end.
  const together = limit > 1 && requests.length > 1;
  const started = new Map(requests.filter((r) => together && !refusals.has(r.router.name)).map((r) => [r, startRun(r)] as const));
  const releases: Array<Promise<void>> = [];
  let outcomes;
  try {
    outcomes = await runLimited(requests, limit, async (request, free) => {
      const refusal = refusals.get(request.router.name);
      const run = started.get(request);
      let outcome;
      if (refusal) outcome = await refusedByFleet(request, refusal);
      else if (run) outcome = await runStarted(run, { routerDone: free, release: (released) => releases.push(released) });
      else outcome = await deployRouter(request);
      batch.onDone?.(outcome);
      return outcome;
    });
  } finally {
    await Promise.all(releases);
  }
  return { outcomes, push: await pushRecords(settings, records), earlier, records };
}

/**
 * Pushes the records branch when a remote is configured and exists; it carries the records of
 * earlier runs that could not be pushed too. A failure is reported, not thrown: the routers
 * have changed whatever happens to their records.
 */
export async function pushRecords(settings: Settings, records: RecordsStore): Promise<RecordsPush | null> {
  if (!settings.deploy.pushRecords || (await records.tip()) === null) return null;
  // The store asked already (when it fetched the records): a configured remote that exists, else null.
  const remote = await records.sharedRemote();
  if (remote === null) return null;
  try {
    const pushed = await records.push(remote, settings.git.pushRetries);
    return { note: `records pushed to ${remote} ${records.branch} (${pushed.sha.slice(0, 12)})`, failed: false };
  } catch (error) {
    return {
      note:
        `the records are committed locally on ${records.branch} but could not be pushed to ${remote}: ${firstLine(error)}. ` +
        `Push them with \`git push ${remote} ${records.branch}\`; the next deploy from this clone pushes them too`,
      failed: true,
    };
  }
}
