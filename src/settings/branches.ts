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
  /** The user did not set it: the branch is its default. */
  defaulted?: boolean;
}

export interface BranchProblem {
  setting: string;
  message: string;
}

const label = (named: NamedBranch) => `${named.setting}${named.defaulted ? ' (by default)' : ''}`;

/** Of two settings in conflict, the one to name as wrong: one the user set rather than a default. */
function blamed(first: NamedBranch, second: NamedBranch): [NamedBranch, NamedBranch] {
  return first.defaulted && !second.defaulted ? [second, first] : [first, second];
}

export function branchProblems(named: readonly NamedBranch[]): BranchProblem[] {
  const problems: BranchProblem[] = [];
  named.forEach((a, i) => {
    for (const b of named.slice(i + 1)) {
      if (a.branch === b.branch) {
        const why = a.ownBecause ?? b.ownBecause;
        if (why === undefined) continue;
        const [wrong, other] = blamed(a.ownBecause !== undefined ? a : b, a.ownBecause !== undefined ? b : a);
        problems.push({ setting: wrong.setting, message: `"${wrong.branch}" is also ${label(other)}: ${why}` });
      } else {
        const [outer, inner] = a.branch.length < b.branch.length ? [a, b] : [b, a];
        if (!inner.branch.startsWith(`${outer.branch}/`)) continue;
        const [wrong, other] = blamed(inner, outer);
        problems.push({
          setting: wrong.setting,
          message: `"${wrong.branch}" cannot be a branch beside ${label(other)} "${other.branch}" (git keeps one ref per path: refs/heads/${outer.branch} and refs/heads/${inner.branch} cannot both exist)`,
        });
      }
    }
  });
  // One sentence per setting: a branch shared by several settings would otherwise be told once for each.
  return problems.filter((problem, i) => problems.findIndex((p) => p.setting === problem.setting) === i);
}
