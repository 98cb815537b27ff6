import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { routerStateFile, serializeState } from '../gitops/state-file.js';
import { intendedCfgPath, stateJsonPath } from '../gitops/layout.js';
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
