import { resolve } from 'node:path';
import type { RouterRender } from '../gitops/publish.js';
import { routerStateFile, serializeState } from '../gitops/state-file.js';
import { buildIntent } from '../intent/build.js';
import type { FactsByRouter, Intent, Rejection, RouterIntent } from '../intent/types.js';
import type { DockerState } from '../observe/types.js';
import { createRenderer } from '../render/render.js';
import type { Settings } from '../settings/load.js';

/** One router's share of a render: its intent and the two files gitops writes for it. */
export interface RenderedRouter extends RouterRender {
  intent: RouterIntent;
}

export interface Rendered {
  intent: Intent;
  routers: RenderedRouter[];
}

/**
 * observe's output → intent → render, for the chosen routers. Pure apart from reading templates
 * (and running the template sandbox when the repository's overrides are enabled). `facts`: what
 * each router holds outside translator's objects, when known.
 */
export function renderState(docker: DockerState, settings: Settings, repo: string, routers: string[], facts?: FactsByRouter): Rendered {
  const intent = buildIntent(docker, settings, facts);
  const renderer = createRenderer(resolve(repo), { templateOverrides: settings.render.templateOverrides });
  // state.json records who asked for what: containers without the label asked for nothing,
  // and recording them would make a commit every time one starts or stops.
  const label = settings.labels.globalIp;
  const asked: DockerState = { networks: docker.networks, containers: docker.containers.filter((c) => c.labels[label] !== undefined) };
  return {
    intent,
    routers: intent.routers
      .filter((r) => routers.includes(r.router))
      .map((r) => ({
        router: r.router,
        intent: r,
        intendedCfg: renderer.render(r),
        stateJson: serializeState(routerStateFile(r.router, intent, asked)),
      })),
  };
}

/** One line per rejection, for stderr: object quoted (it is untrusted), router, reason. */
export function describeRejections(rejections: Rejection[]): string[] {
  return rejections.map(
    (r) => `rejected ${r.kind} ${JSON.stringify(r.object)}${r.router ? ` (router ${r.router})` : ''}: ${r.reason}`,
  );
}
