/**
 * `plan --from-records`: a plan that needs no router and no credentials, for pull requests. A
 * branch can edit the workflow that plans it, so a plan job holding router credentials hands them
 * to every branch; this one reads only the GitOps repository and its records branch.
 *
 * What the router holds is what translator last knew, from the records branch:
 * - the intended config of the live commit (`live.json`), when the deploy that made it live ended
 *   after the last backup: that deploy verified, after `configure confirm`, that the router's owned
 *   config equals it;
 * - else the last backup (`running.cfg`: the owned part of the running-config, taken before a
 *   change), which is then the newer knowledge (a later deploy failed, was reverted or refused);
 * - nothing recorded: a router holding none of translator's config, as before a first deploy.
 * How old that knowledge is goes with the plan: changes made on the router since (by hand) are
 * not seen here; the deploy reads the router again before it sends anything.
 *
 * The records are fetched from the shared remote (and joined with this clone's) but never pushed:
 * a plan writes nowhere but this clone's own records ref.
 */
import type { GitOpsRepo } from '../gitops/repo.js';
import type { ScopeOptions } from '../iosxe/index.js';
import type { Settings } from '../settings/load.js';
import type { RouterView } from './inspect.js';
import { readIntended, type ResolvedRef } from './intended.js';
import { RecordsStore } from './records.js';
import { recordPaths } from '../gitops/layout.js';
import { runLimited } from './run-all.js';
import { planRouter, routerSettings, scopeOf } from './routers.js';

/** What translator last knew a router's owned config to be. */
export interface RecordedRunning {
  /** The owned config ('' when nothing is recorded). */
  text: string;
  /** When it was known (ISO time), or null when nothing is recorded. */
  at: string | null;
  /** Where it comes from, in words. */
  source: string;
  /** Why it may not be what the router holds even apart from hand edits. */
  warnings: string[];
}

export interface RecordedView extends RouterView {
  recorded?: RecordedRunning;
}

export interface RecordedPlanOptions {
  repo: GitOpsRepo;
  settings: Settings;
  routers: string[];
  refFor: (router: string) => Promise<ResolvedRef | null>;
  adopt?: readonly string[];
}

/** The records store a plan reads: the settings' branch and remote, never pushed back. */
export function readOnlyRecords(repo: GitOpsRepo, settings: Settings): RecordsStore {
  return new RecordsStore(repo.git, settings.deploy.recordsBranch, settings.git.author, { remote: settings.git.sharedRemote, pushBack: false });
}

/** Each router's plan from its intended config at the ref against what the records last knew it to hold. */
export async function planFromRecords(options: RecordedPlanOptions): Promise<RecordedView[]> {
  const { repo, settings } = options;
  const store = readOnlyRecords(repo, settings);
  const sync = await store.synced();
  return runLimited(options.routers, settings.deploy.concurrency, async (name): Promise<RecordedView> => {
    const scope: ScopeOptions = scopeOf(settings, routerSettings(settings, name), options.adopt);
    const resolved = await options.refFor(name);
    if (!resolved) return { router: name, ref: '', commit: '', scope, error: 'no intended commit to compare with' };
    const view: RecordedView = { router: name, ...resolved, scope };
    try {
      const intended = await readIntended(repo, name, resolved.commit);
      view.recorded = await recordedRunning(repo, store, name);
      if (sync.warning) view.recorded.warnings.push(sync.warning);
      // As deploy decides it: `ip nat outside` is translator's to remove only when its first backup lacked it.
      view.scope = { ...scope, outsideNatAddedByTranslator: (await store.outsideNatBeforeTranslator(name, scope)) === false };
      view.plan = planRouter(name, view.recorded.text, intended, view.scope);
    } catch (error) {
      view.error = (error as Error).message;
    }
    return view;
  });
}

/** The newer of the live commit's intended config and the last backup; see the file comment. */
export async function recordedRunning(repo: GitOpsRepo, store: RecordsStore, router: string): Promise<RecordedRunning> {
  const warnings: string[] = [];
  const [live, backup, last] = [await store.live(router), await lastBackup(store, router), (await store.history(router, 1))[0]];
  for (const problem of store.problems(router)) warnings.push(`${problem.file}: ${problem.problem}`);
  let recorded: RecordedRunning | null = null;
  // A deploy that found the router already running the live commit commits its backup with its record: the live config, seen again then.
  const seenAgain = backup?.unchangedOf !== null && backup?.unchangedOf === live?.commit;
  if (live && (!backup || seenAgain || Date.parse(live.since) >= Date.parse(backup.at))) {
    const text = await readIntended(repo, router, live.commit).catch(() => null);
    if (text !== null) {
      recorded = {
        text,
        at: seenAgain ? backup!.at : live.since,
        source: `the intended config of ${live.commit.slice(0, 12)}, live since deploy ${live.deploy} (verified on the router when it ended)`,
        warnings,
      };
    } else {
      warnings.push(`the live commit ${live.commit.slice(0, 12)} is not in this clone (fetch it): the older backup is used`);
    }
  }
  if (!recorded && backup) {
    recorded = { text: backup.text, at: backup.at, source: `the backup of its running-config${backup.deploy ? ` taken by deploy ${backup.deploy}` : ''}`, warnings };
  }
  recorded ??= {
    text: '',
    at: null,
    source: `nothing recorded on ${store.branch} yet: planned as if the router held none of translator's config`,
    warnings,
  };
  if (last?.state === 'unknown' && (recorded.at === null || Date.parse(last.ended) >= Date.parse(recorded.at))) {
    warnings.push(`the last deploy (${last.id}, ${last.ended}) ended with the router in an unknown state: this plan may not start from what it holds`);
  }
  return recorded;
}

/**
 * The backup file at the branch tip, with the time and deploy of the commit that last wrote it, and
 * the intended commit when that commit is the record of a deploy that found nothing to change.
 */
async function lastBackup(store: RecordsStore, router: string): Promise<{ text: string; at: string; deploy: string | null; unchangedOf: string | null } | null> {
  const file = recordPaths.backup(router);
  const text = await store.read(file);
  if (text === null) return null;
  const format = '%cI%x00%s%x00%(trailers:key=Deploy-Id,valueonly)%x00%(trailers:key=Result,valueonly)%x00%(trailers:key=Intended-Commit,valueonly)';
  const [at = '', subject = '', id = '', result = '', intended = ''] = (await store.git.run(['log', '-1', `--format=${format}`, store.ref, '--', file])).split('\0').map((f) => f.trim());
  return {
    text,
    at,
    deploy: /before deploy (\S+)$/.exec(subject)?.[1] ?? (id || null),
    unchangedOf: result === 'unchanged' && intended ? intended : null,
  };
}

/** A duration for people: `45 s`, `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function describeAge(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/** One line saying what a records plan started from and how old it is. */
export function describeRecorded(router: string, recorded: RecordedRunning, now: Date): string {
  const age = recorded.at === null ? '' : `, recorded ${recorded.at} (${describeAge(now.getTime() - Date.parse(recorded.at))} ago)`;
  const warnings = recorded.warnings.map((w) => ` WARNING: ${w}.`).join('');
  return (
    `${router}: planned offline against ${recorded.source}${age}. Changes made on the router since are not seen; ` +
    `the deploy reads the router again before it sends anything.${warnings}`
  );
}
