/**
 * Settings + repository → deploy requests for the chosen routers, run with the concurrency limit,
 * then the records branch pushed. Shared by deploy, rollback and drift --fix.
 */
import { connectDevice } from '../device/index.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { ScopeOptions } from '../iosxe/index.js';
import type { RouterSettings, Settings } from '../settings/load.js';
import { actorFromEnv } from './actor.js';
import { deployRouter, type DeployOptions, type DeployOutcome, type DeployRequest } from './deploy.js';
import type { InUsePolicy } from './in-use.js';
import { readIntended, type ResolvedRef } from './intended.js';
import { defaultLockDir } from './lock.js';
import type { DeployKind } from './record.js';
import { recordsStoreFor, type RecordsStore } from './records.js';
import { runLimited } from './run-all.js';
import { deviceTarget } from './target.js';

export interface DeployOverrides {
  revertTimerMinutes?: number;
  save?: DeployOptions['save'];
  inUse?: InUsePolicy;
  allowNoArchive?: boolean;
  acceptNewHostKey?: boolean;
  concurrency?: number;
}

export interface DeployRun {
  repo: GitOpsRepo;
  settings: Settings;
  routers: string[];
  kind: DeployKind;
  /** Which commit each router gets. */
  refFor: (router: string) => Promise<ResolvedRef>;
  overrides: DeployOverrides;
  approve?: DeployRequest['approve'];
  log?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
  /** The device driver (default: the IOS XE CLI driver over SSH). */
  connect?: DeployRequest['connect'];
  /** Progress hooks: lines answered during a push, and each router's outcome as it ends. */
  onPush?: DeployRequest['onPush'];
  onDone?: (outcome: DeployOutcome) => void;
}

export interface DeployRunResult {
  outcomes: DeployOutcome[];
  /** How the records reached the remote, or why they did not. */
  pushNote: string | null;
}

export function recordsStore(repo: GitOpsRepo, settings: Settings): RecordsStore {
  return recordsStoreFor(repo.git, settings);
}

export function scopeOf(settings: Settings, router: RouterSettings): ScopeOptions {
  return { inside: router.inside, outside: router.outside, marker: settings.ownership.marker, prefix: settings.ownership.prefix, adopt: [] };
}

export function routerSettings(settings: Settings, name: string): RouterSettings {
  const router = settings.routers.find((r) => r.name === name);
  if (!router) throw new Error(`unknown router ${name}`);
  return router;
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

export async function runDeploys(run: DeployRun): Promise<DeployRunResult> {
  const { repo, settings } = run;
  const records = recordsStore(repo, settings);
  const options = deployOptions(settings, run.overrides);
  const actor = actorFromEnv(run.env);
  // Every router's intended config is read before any router is touched: a bad ref fails the whole run.
  const requests: DeployRequest[] = [];
  for (const name of run.routers) {
    const router = routerSettings(settings, name);
    const { ref, commit } = await run.refFor(name);
    requests.push({
      router,
      scope: scopeOf(settings, router),
      kind: run.kind,
      ref,
      commit,
      intended: await readIntended(repo, name, commit),
      options,
      actor,
      records,
      target: () => deviceTarget(router, settings, { acceptNewHostKey: run.overrides.acceptNewHostKey === true, ...(run.env ? { env: run.env } : {}) }),
      connect: run.connect ?? connectDevice,
      ...(run.approve ? { approve: run.approve } : {}),
      ...(run.log ? { log: run.log } : {}),
      ...(run.onPush ? { onPush: run.onPush } : {}),
    });
  }
  // Questions on a terminal come one router at a time.
  const limit = run.approve ? 1 : (run.overrides.concurrency ?? settings.deploy.concurrency);
  const outcomes = await runLimited(requests, limit, async (request) => {
    const outcome = await deployRouter(request);
    run.onDone?.(outcome);
    return outcome;
  });
  return { outcomes, pushNote: await pushRecords(repo, settings, records) };
}

/** Pushes the records branch when a remote is configured and exists; a failure is a note, not an error (the deploy happened). */
export async function pushRecords(repo: GitOpsRepo, settings: Settings, records: RecordsStore): Promise<string | null> {
  if (!settings.deploy.pushRecords || (await records.tip()) === null) return null;
  const remote = settings.git.remote ?? 'origin';
  const isName = !/[:/]/.test(remote);
  if (isName && (await repo.git.run(['remote', 'get-url', remote]).catch(() => '')).trim() === '') return null;
  try {
    const pushed = await records.push(remote, settings.git.pushRetries);
    return `records pushed to ${remote} ${records.branch} (${pushed.sha.slice(0, 12)})`;
  } catch (error) {
    return `WARNING: records are committed locally on ${records.branch} but could not be pushed to ${remote}: ${(error as Error).message.split('\n')[0]}; push them with \`git push ${remote} ${records.branch}\``;
  }
}
