/**
 * What a webhook deploys: the deploy branch's tip as fetched now, never the commit the payload
 * names. A push payload (`after` / `checkout_sha`) only says that the branch moved; a delivery
 * that arrives late, is redelivered or is replayed names an older commit, and deploying that
 * would roll the routers back while the branch holds something newer (issue 10, item 4).
 *
 * The named commit must be the tip or one of its ancestors; otherwise (force-pushed away,
 * another repository's commit, a forged payload) nothing is deployed.
 */
import type { GitOpsRepo } from '../gitops/repo.js';

export type TipDecision =
  | { deploy: string }
  /** `retry`: the delivery may succeed later (fetch failed), so it should not count as taken. */
  | { ignore: string; retry: boolean };

/** `remote`: the remote the branch is fetched from, when this repository has it; else the local branch is the branch. */
export async function tipToDeploy(repo: GitOpsRepo, remote: string | undefined, branch: string, named: string): Promise<TipDecision> {
  let ref = `refs/heads/${branch}`;
  if (remote !== undefined && (await repo.hasRemote(remote))) {
    const fetched = await repo.fetchBranch(remote, branch);
    if ('error' in fetched) return { ignore: `fetching ${branch} from ${remote} failed (${fetched.error}): nothing deployed`, retry: true };
    ref = fetched.ref;
  }
  const tip = await repo.commitOf(ref);
  if (tip === null) return { ignore: `${ref} names no commit: nothing deployed`, retry: true };
  if (tip === named) return { deploy: tip };
  if ((await repo.commitOf(named)) === null) {
    return { ignore: `the push names ${named.slice(0, 12)}, which is not in ${branch} as fetched (tip ${tip.slice(0, 12)}): nothing deployed`, retry: false };
  }
  // An ancestor of the tip: the branch has moved on since; the tip holds that push and everything after it.
  if (!(await repo.isAncestor(named, tip))) {
    return { ignore: `the push names ${named.slice(0, 12)}, which is not on ${branch} (tip ${tip.slice(0, 12)}): nothing deployed`, retry: false };
  }
  return { deploy: tip };
}
