/**
 * The GitOps step of the pipeline: write each router's rendered files and commit them
 * with a message that says what changed since the last commit (read back from that
 * commit's state.json). Nothing changed → no commit.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { GitOpsRepo, type CommitResult, type GitIdentity } from './repo.js';
import { intendedCfgPath, stateJsonPath } from './layout.js';
import { parseState } from './state-file.js';
import { fileOnlyChange, formatCommitMessage, summarizeChange, type Change } from './summary.js';

export interface RouterRender {
  router: string;
  /** The rendered intended config of the router. */
  intendedCfg: string;
  /** serializeState(routerStateFile(router, intent, dockerState)). */
  stateJson: string;
}

export interface PublishOptions {
  author: GitIdentity;
  committer?: GitIdentity;
  /** Lines for the message's last paragraph (hosts that did not answer); they never make a commit by themselves. */
  notes?: readonly string[];
}

export interface PublishResult {
  /** Null when nothing changed. */
  commit: CommitResult | null;
  /** What the message describes, per router, in order. */
  changes: Change[];
}

/** What changed for one router against HEAD's files (pure once the old files are read). */
function changesFor(
  render: RouterRender,
  previous: { intendedCfg: string | null; stateJson: string | null },
): Change[] {
  const { router, stateJson } = render;
  // The common case of a resync: both files as committed. Nothing to parse (state.json can be many MB).
  if (previous.intendedCfg === render.intendedCfg && previous.stateJson === stateJson) return [];
  const { intent, rejections } = parseState(stateJson);
  let before: ReturnType<typeof parseState> | null = null;
  try {
    before = previous.stateJson === null ? null : parseState(previous.stateJson);
  } catch {
    before = null; // unreadable (hand-edited, older format): describe everything as new
  }
  const changes = summarizeChange(router, before?.intent ?? null, intent, before?.rejections ?? [], rejections);
  if (changes.length > 0) return changes;
  if (previous.intendedCfg !== render.intendedCfg) return [fileOnlyChange(router, 'config-updated')];
  if (previous.stateJson !== stateJson) return [fileOnlyChange(router, 'record-updated')];
  return [];
}

function renderFiles(renders: readonly RouterRender[]): Record<string, string> {
  const files: Record<string, string> = {};
  for (const render of renders) {
    files[intendedCfgPath(render.router)] = render.intendedCfg;
    files[stateJsonPath(render.router)] = render.stateJson;
  }
  return files;
}

/** Writes every router's files (refusing first if any holds someone else's change). */
async function writeRenders(repo: GitOpsRepo, renders: readonly RouterRender[]): Promise<string[]> {
  const files = renderFiles(renders);
  await repo.writeFiles(files);
  return Object.keys(files).sort();
}

/**
 * Writes the files into `dir` for `translator render`. Inside a Git work tree this goes
 * through GitOpsRepo (refusing to clobber someone's edit, and remembering the write so a
 * later commit knows the dirty files are its own); elsewhere it is a plain write.
 */
export async function writeRendersIn(dir: string, renders: readonly RouterRender[]): Promise<string[]> {
  const repo = await GitOpsRepo.find(dir);
  if (repo) return writeRenders(repo, renders);
  const written: string[] = [];
  for (const render of renders) {
    for (const [file, text] of [[intendedCfgPath(render.router), render.intendedCfg], [stateJsonPath(render.router), render.stateJson]] as const) {
      const target = path.join(dir, file);
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, text);
      written.push(file);
    }
  }
  return written.sort();
}

/** Writes and commits all routers in one commit; returns null commit when nothing changed. */
export async function publishRenders(
  repo: GitOpsRepo,
  renders: readonly RouterRender[],
  options: PublishOptions,
): Promise<PublishResult> {
  const changes: Change[] = [];
  const before = await repo.readFiles(renders.flatMap((r) => [intendedCfgPath(r.router), stateJsonPath(r.router)]));
  for (const render of renders) {
    const router = render.router;
    const previous = {
      intendedCfg: before.get(intendedCfgPath(router)) ?? null,
      stateJson: before.get(stateJsonPath(router)) ?? null,
    };
    changes.push(...changesFor(render, previous));
  }
  const written = renderFiles(renders);
  await repo.writeFiles(written);
  const message = formatCommitMessage(changes, options.notes);
  if (message === null) return { commit: null, changes };
  const paths = Object.keys(written).sort();
  const commit = await repo.commit({ message, paths, written, author: options.author, ...(options.committer ? { committer: options.committer } : {}) });
  return { commit, changes };
}
