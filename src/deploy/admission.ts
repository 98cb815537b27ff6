/**
 * Whether a run that changes routers may start at all, decided once before any router is touched
 * (service.ts runDeploys, for every path that deploys):
 *
 * - **Reviewed** (`deploy`, `rollback`, `drift --fix`): the commit deployed must be reachable from
 *   the deploy branch (deploy.branch, else git.branch, else `main`; the local branch or the shared
 *   remote's tracking ref), i.e. merged — what a pull request's review let through. `--allow-unreviewed`
 *   overrides it, and the record says so. Like Atlantis's `apply_requirements: [approved, mergeable]`
 *   (runatlantis.io, "Command Requirements"): the apply waits for what the review decided. Not asked
 *   by a decommission (it deploys an empty config from the archive commit it makes itself) nor by
 *   the daemon, whose deploys are the deploy branch's own commits (watch/webhook-tip.ts checks a
 *   webhook's).
 * - **Deny windows** (`watch.deploy.deny`, deny-window.ts): inside one, nothing starts. Refused with
 *   the window and its end, unless `--ignore-deny-window`, recorded. The daemon asks the same
 *   question first, on its own clock, and defers to the window's end instead (watch/deploy-gate.ts).
 *   Like Argo CD's sync windows (argo-cd.readthedocs.io, "Sync Windows"): a deny window blocks
 *   syncs, and a manual override exists for the emergency.
 *
 * A refusal sends nothing and writes no record (nothing was attempted on any router): the command
 * ends with exit code 1, as any refused deploy, and a message naming what to do.
 */
import type { GitOpsRepo } from '../gitops/repo.js';
import { remoteIsUrl } from '../gitops/ref-names.js';
import type { Settings } from '../settings/load.js';
import { denyWindowAt } from './deny-window.js';

export class DeployRefused extends Error {
  override name = 'DeployRefused';
}

export interface AdmissionRequest {
  repo: GitOpsRepo;
  settings: Settings;
  /** The commits the run would deploy, by router. */
  commits: ReadonlyArray<{ router: string; ref: string; commit: string }>;
  /** Ask whether the commits are on the deploy branch (see above). */
  reviewed: boolean;
  /** Ask whether a deny window is open (the daemon asked already). */
  denyWindow: boolean;
  allowUnreviewed?: boolean;
  ignoreDenyWindow?: boolean;
  now?: Date;
}

/**
 * Throws DeployRefused when the run may not start; else returns, per router, the checks that an
 * override let through, in words, for its record (`overrides`).
 */
export async function admit(request: AdmissionRequest): Promise<Map<string, string[]>> {
  const overridden = new Map<string, string[]>(request.commits.map(({ router }) => [router, []]));
  const window = request.denyWindow ? denyWindowAt(request.now ?? new Date(), request.settings.watch.deploy.deny) : null;
  if (window) {
    const what = `deny window "${window.window.cron}" (${window.window.minutes} min, watch.deploy.deny) is open until ${window.until.toISOString()}`;
    if (!request.ignoreDenyWindow) throw new DeployRefused(`a ${what}: nothing was sent. Deploy after it ends, or pass --ignore-deny-window (recorded)`);
    for (const list of overridden.values()) list.push(`--ignore-deny-window: the ${what}`);
  }
  if (!request.reviewed) return overridden;
  const branch = request.settings.deploy.branch ?? request.settings.git.mainline;
  const heads = await branchHeads(request.repo, request.settings, branch);
  // A fleet deploys one commit to every router: each commit is looked at once.
  const verdicts = new Map<string, Promise<boolean>>();
  for (const { router, ref, commit } of request.commits) {
    if (!verdicts.has(commit)) verdicts.set(commit, reachable(request.repo, commit, heads));
    if (await verdicts.get(commit)!) continue;
    const named = ref === commit ? commit.slice(0, 12) : `${ref} (${commit.slice(0, 12)})`;
    const names = heads.map((head) => head.name);
    const where = heads.length ? `not reachable from the deploy branch ${branch} (${names.join(', ')})` : `not checked: the deploy branch ${branch} is not in this clone (fetch it)`;
    if (!request.allowUnreviewed) {
      throw new DeployRefused(`${router}: ${named} is ${where}: it was not merged, so not reviewed. Nothing was sent. Merge it first, or pass --allow-unreviewed (recorded)`);
    }
    overridden.get(router)!.push(`--allow-unreviewed: ${named} is ${where}`);
  }
  return overridden;
}

/** The deploy branch as this clone has it: the local branch and the shared remote's tracking ref, those that exist, with their commits. */
async function branchHeads(repo: GitOpsRepo, settings: Settings, branch: string): Promise<Array<{ name: string; tip: string }>> {
  const remote = settings.git.sharedRemote;
  const candidates = [`refs/heads/${branch}`, ...(remoteIsUrl(remote) ? [] : [`refs/remotes/${remote}/${branch}`])];
  const found: Array<{ name: string; tip: string }> = [];
  for (const ref of candidates) {
    const tip = await repo.commitOf(ref);
    if (tip !== null) found.push({ name: ref.replace(/^refs\/(heads|remotes)\//, ''), tip });
  }
  return found;
}

async function reachable(repo: GitOpsRepo, commit: string, heads: ReadonlyArray<{ tip: string }>): Promise<boolean> {
  for (const { tip } of heads) if (tip === commit || (await repo.isAncestor(commit, tip))) return true;
  return false;
}
