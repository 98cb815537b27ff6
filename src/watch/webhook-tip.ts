/**
 * What a webhook deploys: the deploy branch's tip as fetched now, never the commit the payload
 * names. A push payload (`after` / `checkout_sha`) only says that the branch moved; a delivery
 * that arrives late, is redelivered or is replayed names an older commit, and deploying that
 * would roll the routers back while the branch holds something newer (issue 10, item 4).
 *
 * The named commit must be the tip or one of its ancestors; otherwise (force-pushed away,
 * another repository's commit, a forged payload) nothing is deployed.
 */
import { GitCommandError, type Git } from '../gitops/git.js';

export type TipDecision =
  | { deploy: string }
  /** `retry`: the delivery may succeed later (fetch failed), so it should not count as taken. */
  | { ignore: string; retry: boolean };

/** `remote`: the remote the branch is fetched from, when this repository has it; else the local branch is the branch. */
export async function tipToDeploy(git: Git, remote: string | undefined, branch: string, named: string): Promise<TipDecision> {
  let ref = `refs/heads/${branch}`;
  if (remote !== undefined && (await hasRemote(git, remote))) {
    // A remote given as a URL has no remote-tracking namespace: a ref of translator's own.
    ref = isUrl(remote) ? `refs/translator/webhook/${branch}` : `refs/remotes/${remote}/${branch}`;
    try {
      await git.run(['fetch', '--quiet', '--no-tags', remote, `+refs/heads/${branch}:${ref}`]);
    } catch (error) {
      const reason = error instanceof GitCommandError ? error.stderr.trim().split('\n').at(-1) : (error as Error).message;
      return { ignore: `fetching ${branch} from ${remote} failed (${reason}): nothing deployed`, retry: true };
    }
  }
  const tip = await commitOf(git, ref);
  if (tip === null) return { ignore: `${ref} names no commit: nothing deployed`, retry: true };
  if (tip === named) return { deploy: tip };
  if ((await commitOf(git, named)) === null) {
    return { ignore: `the push names ${named.slice(0, 12)}, which is not in ${branch} as fetched (tip ${tip.slice(0, 12)}): nothing deployed`, retry: false };
  }
  // An ancestor of the tip: the branch has moved on since; the tip holds that push and everything after it.
  const base = (await git.run(['merge-base', named, tip]).catch(() => '')).trim();
  if (base !== named) {
    return { ignore: `the push names ${named.slice(0, 12)}, which is not on ${branch} (tip ${tip.slice(0, 12)}): nothing deployed`, retry: false };
  }
  return { deploy: tip };
}

const isUrl = (remote: string) => /[:/]/.test(remote);

async function hasRemote(git: Git, remote: string): Promise<boolean> {
  if (isUrl(remote)) return true;
  return (await git.run(['remote', 'get-url', remote]).catch(() => '')).trim() !== '';
}

async function commitOf(git: Git, rev: string): Promise<string | null> {
  const out = (await git.run(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]).catch(() => '')).trim();
  return out === '' ? null : out;
}
