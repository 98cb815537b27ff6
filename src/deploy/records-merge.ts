/**
 * Joining two records branches that diverged — two machines recorded deploys before either saw
 * the other's — without losing a record. Records are per file, so the join is a union, file by file:
 *
 *   only on one side                     taken as it is (records are never deleted)
 *   *.log (deploys.log, unlocks.log)     every line of both, sorted (each starts with its time), once
 *   routers/<r>/live.json                the one with the newest `since` (a damaged one loses)
 *   deploys/<r>/<id>.json                the one with the newest `ended` (ids are unique: rare)
 *   anything else (running.cfg, facts)   the side whose last commit of that file is newer
 *
 * The result is a merge commit with both histories as parents, so `git log` still shows who
 * recorded what, on either machine.
 */
import type { Git } from '../gitops/git.js';
import type { GitIdentity } from '../gitops/repo.js';
import { parseLive, parseRecord, type Parsed } from './record-files.js';
import { commitTree, type FileContent } from './records-tree.js';

/** Every line of both logs, sorted and once each. */
export function unionLines(ours: string, theirs: string): string {
  const lines = new Set([...ours.split('\n'), ...theirs.split('\n')].filter((line) => line !== ''));
  return lines.size ? `${[...lines].sort().join('\n')}\n` : '';
}

function newest<T>(parse: (text: string) => Parsed<T>, time: (value: T) => string, ours: string, theirs: string): string | null {
  const [a, b] = [parse(ours), parse(theirs)];
  if (a.ok && b.ok) return Date.parse(time(a.value)) > Date.parse(time(b.value)) ? ours : theirs;
  if (a.ok !== b.ok) return a.ok ? ours : theirs;
  return null;
}

const LIVE = /^routers\/[^/]+\/live\.json$/;
const RECORD = /^deploys\/[^/]+\/[^/]+\.json$/;

/** The joined content of a file both sides changed, or null: take the side that changed it last. */
export function joinFile(file: string, ours: string, theirs: string): string | null {
  if (file.endsWith('.log')) return unionLines(ours, theirs);
  if (LIVE.test(file)) return newest(parseLive, (live) => live.since, ours, theirs);
  if (RECORD.test(file)) return newest(parseRecord, (record) => record.ended, ours, theirs);
  return null;
}

/** One line of `git diff-tree -r --raw`: ":<mode> <mode> <blob> <blob> <status>\t<path>". */
function parseRaw(line: string): { ours: string; status: string; file: string } | null {
  const match = /^:\d+ \d+ [0-9a-f]+ ([0-9a-f]+) ([A-Z])\d*\t(.+)$/.exec(line);
  return match ? { ours: match[1]!, status: match[2]!, file: match[3]! } : null;
}

async function lastChanged(git: Git, commit: string, file: string): Promise<number> {
  return Number((await git.run(['log', '-1', '--format=%ct', commit, '--', file])).trim()) || 0;
}

/** A merge commit of `ours` and `theirs` (the remote's) holding every record of both. */
export async function mergeRecords(git: Git, identity: GitIdentity, ours: string, theirs: string, message: string): Promise<string> {
  const changes = (await git.run(['diff-tree', '-r', '--no-renames', '--no-abbrev', theirs, ours])).split('\n').map(parseRaw);
  const files: Record<string, FileContent> = {};
  const both: { file: string; ours: string; theirs: string }[] = [];
  for (const change of changes) {
    if (change === null || change.status === 'D') continue; // only theirs has it: kept
    if (change.status === 'A') files[change.file] = { blob: change.ours };
    else both.push({ file: change.file, ours: `${ours}:${change.file}`, theirs: `${theirs}:${change.file}` });
  }
  const texts = await git.readBlobs(both.flatMap((b) => [b.ours, b.theirs]));
  for (const b of both) {
    const [mine, other] = [texts.get(b.ours) ?? '', texts.get(b.theirs) ?? ''];
    const joined = joinFile(b.file, mine, other);
    if (joined !== null) files[b.file] = joined;
    else if ((await lastChanged(git, ours, b.file)) > (await lastChanged(git, theirs, b.file))) files[b.file] = mine;
  }
  return (await commitTree(git, { base: { commit: theirs }, files, message, identity, mergeParent: ours })).commit;
}
