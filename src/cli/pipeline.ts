import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { intendedCfgPath, stateJsonPath } from '../gitops/layout.js';
import type { CommitResult, GitIdentity, GitOpsRepo } from '../gitops/repo.js';
import { parseState, routerStateFile, serializeState } from '../gitops/state-file.js';
import { fileOnlyChange, formatCommitMessage, summarizeChange, type Change } from '../gitops/summary.js';
import { buildIntent } from '../intent/build.js';
import type { Intent, Rejection, RouterIntent } from '../intent/types.js';
import type { DockerState } from '../observe/types.js';
import { createRenderer } from '../render/render.js';
import type { Settings } from '../settings/load.js';

/** One router's share of a render: its intent, its config text and its state.json text. */
export interface RenderedRouter {
  router: string;
  intent: RouterIntent;
  config: string;
  state: string;
}

export interface Rendered {
  intent: Intent;
  routers: RenderedRouter[];
}

/** observe's output → intent → render, for the chosen routers. Pure apart from reading templates. */
export function renderState(docker: DockerState, settings: Settings, repo: string, routers: string[]): Rendered {
  const intent = buildIntent(docker, settings);
  const renderer = createRenderer(resolve(repo));
  return {
    intent,
    routers: intent.routers
      .filter((r) => routers.includes(r.router))
      .map((r) => ({
        router: r.router,
        intent: r,
        config: renderer.render(r),
        state: serializeState(routerStateFile(r.router, intent, docker)),
      })),
  };
}

/** The repository paths and their new contents, for the writer or the committer. */
export function filesOf(rendered: Rendered): Map<string, string> {
  const files = new Map<string, string>();
  for (const r of rendered.routers) {
    files.set(intendedCfgPath(r.router), r.config);
    files.set(stateJsonPath(r.router), r.state);
  }
  return files;
}

export function writeFiles(repo: string, files: Map<string, string>): void {
  for (const [path, text] of files) {
    const target = join(repo, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
  }
}

/** One line per rejection, for stderr: object quoted (it is untrusted), router, reason. */
export function describeRejections(rejections: Rejection[]): string[] {
  return rejections.map(
    (r) => `rejected ${r.kind} ${JSON.stringify(r.object)}${r.router ? ` (router ${r.router})` : ''}: ${r.reason}`,
  );
}

/**
 * Writes each rendered router's files and commits them with a message that says what changed
 * since the committed state.json. Null when nothing changed (no empty commits).
 */
export async function commitRendered(repo: GitOpsRepo, rendered: Rendered, author: GitIdentity): Promise<CommitResult | null> {
  const changes: Change[] = [];
  for (const router of rendered.routers) {
    changes.push(...(await changesOf(repo, router)));
    await repo.writeRouterFiles(router.router, { intendedCfg: router.config, stateJson: router.state });
  }
  const message = formatCommitMessage(changes);
  if (message === null) return null;
  const paths = rendered.routers.flatMap((r) => [intendedCfgPath(r.router), stateJsonPath(r.router)]);
  return repo.commit({ message, paths, author });
}

/** What changed for one router since the committed state.json, in words; file-level when intent did not change. */
async function changesOf(repo: GitOpsRepo, router: RenderedRouter): Promise<Change[]> {
  const previousState = await repo.readFile(stateJsonPath(router.router));
  const previous = previousState === null ? null : parseState(previousState);
  const changes = summarizeChange(
    router.router,
    previous?.intent ?? null,
    router.intent,
    previous?.rejections ?? [],
    parseState(router.state).rejections,
  );
  if (changes.length > 0) return changes;
  if ((await repo.readFile(intendedCfgPath(router.router))) !== router.config) return [fileOnlyChange(router.router, 'config-updated')];
  if (previousState !== router.state) return [fileOnlyChange(router.router, 'record-updated')];
  return [];
}
