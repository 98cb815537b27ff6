/**
 * The branches the settings name, checked together: the records branch and the review branch
 * each need a branch of their own (records committed onto the deploy branch, or review commits
 * landing where deploys are taken from, would defeat them), and git cannot hold both
 * refs/heads/a and refs/heads/a/b (`cannot lock ref`). Pure.
 */

export interface NamedBranch {
  /** The setting's path, e.g. `deploy.recordsBranch`. */
  setting: string;
  branch: string;
  /** Why no other setting may name this branch; none: it may be shared (git.branch and webhook.branch usually are). */
  ownBecause?: string;
}

export interface BranchProblem {
  setting: string;
  message: string;
}

export function branchProblems(named: readonly NamedBranch[]): BranchProblem[] {
  const problems: BranchProblem[] = [];
  named.forEach((a, i) => {
    for (const b of named.slice(i + 1)) {
      if (a.branch === b.branch) {
        const [own, other] = b.ownBecause !== undefined ? [b, a] : [a, b];
        if (own.ownBecause !== undefined) problems.push({ setting: own.setting, message: `"${own.branch}" is also ${other.setting}: ${own.ownBecause}` });
      } else {
        const [outer, inner] = a.branch.length < b.branch.length ? [a, b] : [b, a];
        if (inner.branch.startsWith(`${outer.branch}/`)) {
          problems.push({
            setting: inner.setting,
            message: `"${inner.branch}" cannot be a branch beside ${outer.setting} "${outer.branch}" (git keeps one ref per path: refs/heads/${outer.branch} and refs/heads/${inner.branch} cannot both exist)`,
          });
        }
      }
    }
  });
  // One sentence per setting: a branch shared by several settings would otherwise be told once for each.
  return problems.filter((problem, i) => problems.findIndex((p) => p.setting === problem.setting) === i);
}
