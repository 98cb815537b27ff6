/**
 * Names of branches and remotes that come from settings or the command line, checked before any
 * git command sees them: a name git would refuse gets a clear error at load time instead of a
 * failed push later, and a name that begins with "-" can never be read as an option.
 *
 * The rules are git's own (git-check-ref-format(1), "--branch"; a remote name is valid when
 * `refs/remotes/<name>/x` is a valid ref, as `git remote add` checks), each with its reason; the
 * unit tests hold them against `git check-ref-format` itself. A remote may also be given as a URL
 * or a path, as `git push` takes it: anything with ":" or "/" is read so (remoteIsUrl).
 */

interface NameRule {
  refuses: (name: string) => boolean;
  reason: string;
}

/** Rules 1–10 of git-check-ref-format(1) for a ref of one or more components. */
const REF_RULES: readonly NameRule[] = [
  { refuses: (name) => name.length === 0, reason: 'is empty' },
  { refuses: (name) => name.split('/').some((part) => part.startsWith('.')), reason: 'has a part that begins with "."' },
  { refuses: (name) => name.split('/').some((part) => part.endsWith('.lock')), reason: 'has a part that ends with ".lock"' },
  { refuses: (name) => name.includes('..'), reason: 'contains ".."' },
  { refuses: (name) => /[\x00-\x20\x7f~^:?*[\\]/.test(name), reason: 'contains a space, a control character or one of ~ ^ : ? * [ \\' },
  { refuses: (name) => name.startsWith('/') || name.endsWith('/') || name.includes('//'), reason: 'begins or ends with "/" or contains "//"' },
  { refuses: (name) => name.endsWith('.'), reason: 'ends with "."' },
  { refuses: (name) => name.includes('@{'), reason: 'contains "@{"' },
  // `git branch @` makes one, but `@` in a revision means HEAD: such a branch could not be named.
  { refuses: (name) => name === '@', reason: 'is "@" (in a revision, HEAD)' },
];

/**
 * git takes longer parts, but a ref is changed through a file `<part>.lock`, and a file name has at
 * most 255 bytes on most file systems: git then fails with "File name too long".
 */
const PART_LENGTH_RULE: NameRule = {
  refuses: (name) => name.split('/').some((part) => Buffer.byteLength(part) > 255 - '.lock'.length),
  reason: 'has a part longer than 250 bytes (git changes a ref through a file <part>.lock, at most 255 bytes)',
};

/** What `git check-ref-format --branch` adds for a branch name. */
const BRANCH_RULES: readonly NameRule[] = [
  { refuses: (name) => name.startsWith('-'), reason: 'begins with "-" (git would read it as an option)' },
  { refuses: (name) => name === 'HEAD', reason: 'is "HEAD"' },
  // Settings name branches by their short name; `refs/heads/main` would become refs/heads/refs/heads/main.
  { refuses: (name) => name.startsWith('refs/'), reason: 'begins with "refs/" (give the short name, e.g. main)' },
  PART_LENGTH_RULE,
  ...REF_RULES,
];

/** A remote as a URL or a path: not an option, and one line. */
const REMOTE_URL_RULES: readonly NameRule[] = [
  { refuses: (name) => name.startsWith('-'), reason: 'begins with "-" (git would read it as an option)' },
  { refuses: (name) => /[\x00-\x1f\x7f]/.test(name), reason: 'contains a control character' },
];

/** A remote's name: not an option, and `refs/remotes/<name>/x` must be a valid ref. */
const REMOTE_NAME_RULES: readonly NameRule[] = [
  { refuses: (name) => name.length === 0, reason: 'is empty' },
  { refuses: (name) => name.startsWith('-'), reason: 'begins with "-" (git would read it as an option)' },
  ...[...REF_RULES, PART_LENGTH_RULE].map(({ refuses, reason }) => ({ refuses: (name: string) => refuses(`refs/remotes/${name}/x`), reason })),
];

/** Whether `remote` is a URL or a path (`git push` takes either) rather than a configured remote's name. */
export function remoteIsUrl(remote: string): boolean {
  return /[:/]/.test(remote);
}

function problemOf(rules: readonly NameRule[], what: string, name: string): string | null {
  const broken = rules.find((rule) => rule.refuses(name));
  return broken ? `${what} ${JSON.stringify(name)} ${broken.reason}` : null;
}

/** Why git would refuse `name` as a branch name, or null when it is a valid one. */
export function branchNameProblem(name: string): string | null {
  return problemOf(BRANCH_RULES, 'the branch name', name);
}

/** Why `remote` (a configured remote's name, a URL or a path) cannot be given to git, or null when it can. */
export function remoteNameProblem(remote: string): string | null {
  return remoteIsUrl(remote) ? problemOf(REMOTE_URL_RULES, 'the remote', remote) : problemOf(REMOTE_NAME_RULES, 'the remote name', remote);
}
