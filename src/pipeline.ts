/**
 * The pipeline: observe → intent → render → gitops, one path for the commands (`render`,
 * `commit`, `forget-host`, `demo`) and the watch daemon alike.
 *
 * - observe: Docker through the source the settings choose (observe/factory.ts), with the routers'
 *   committed state.json as what a silent host last held (observe/last-known.ts); and each
 *   router's facts (what it holds outside translator's objects) from the records branch, which the
 *   records store fetches from the GitOps remote first.
 * - intent + render: pure, apart from reading templates (and the template sandbox when the
 *   repository's overrides are enabled).
 * - gitops: the rendered files committed with a message that says what changed, and which hosts
 *   did not answer.
 */
import { recordsStoreFor, type RecordsStore } from './deploy/records.js';
import { errorText } from './errors.js';
import { stateJsonPath } from './gitops/layout.js';
import { publishRenders, type PublishResult, type RouterRender } from './gitops/publish.js';
import type { GitOpsRepo } from './gitops/repo.js';
import { routerStateFile, serializeState } from './gitops/state-file.js';
import { buildIntent } from './intent/build.js';
import type { FactsByRouter, Intent, Rejection, RouterIntent } from './intent/types.js';
import type { RouterFacts } from './iosxe/facts-types.js';
import { openSource } from './observe/factory.js';
import { recordedState, staleNotes, withoutHost } from './observe/last-known.js';
import type { Source } from './observe/source.js';
import type { DockerState } from './observe/types.js';
import { createRenderer } from './render/render.js';
import type { Settings } from './settings/load.js';

// --- observe -------------------------------------------------------------------------------

/** Docker could not be read; the message says which host and why. */
export class DockerReadError extends Error {
  override name = 'DockerReadError';
}

export interface DockerOptions {
  /** The GitOps repository: its routers' committed state.json hold what a silent host last held (null: nothing recorded). */
  repo: GitOpsRepo | null;
  /** An explicit engine (--docker-host). */
  host?: string;
  /** A host whose last known objects are dropped (`translator forget-host`). */
  forget?: string;
  /** Upper bound for one read, in milliseconds. */
  timeoutMs?: number;
  env?: NodeJS.ProcessEnv;
}

/** The source the settings choose, with the repository's recorded state as its last known objects. */
export function openDocker(settings: Settings, options: DockerOptions): Source {
  const { repo, forget } = options;
  const recorded = repo ? committedDockerState(repo, settings) : null;
  const lastKnown = recorded && (forget === undefined ? recorded : async () => withoutHost(await recorded(), forget));
  return openSource(settings, {
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(lastKnown ? { lastKnown } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.env ? { env: options.env } : {}),
  });
}

/** One read of the source; any failure is a DockerReadError (the sources' messages name the host). */
export async function readDocker(source: Source): Promise<DockerState> {
  try {
    return await source.read();
  } catch (error) {
    throw new DockerReadError(errorText(error), { cause: error });
  }
}

/**
 * The union of the Docker slices of every configured router's state.json at HEAD, read when a
 * source needs it and parsed again only when HEAD has moved (a swarm read asks every time).
 */
function committedDockerState(repo: GitOpsRepo, settings: Settings): () => Promise<DockerState> {
  let cached: { head: string | null; state: DockerState } | null = null;
  return async () => {
    const head = await repo.head();
    if (cached?.head === head) return cached.state;
    const files = await repo.readFiles(settings.routers.map((router) => stateJsonPath(router.name)));
    const texts = [...files].flatMap(([file, text]) => (text === null ? [] : [{ file, text }]));
    let state: DockerState;
    try {
      state = recordedState(texts.map((t) => t.text));
    } catch (error) {
      const bad = texts.find(({ text }) => !readable(text));
      throw new Error(`${bad?.file ?? 'a state.json'} at ${head?.slice(0, 12) ?? 'HEAD'}: ${errorText(error)}`, { cause: error });
    }
    cached = { head, state };
    return state;
  };
}

function readable(stateJson: string): boolean {
  try {
    recordedState([stateJson]);
    return true;
  } catch {
    return false;
  }
}

/**
 * Each router's facts as its last deploy saved them on the records branch. The store fetches the
 * branch from the GitOps remote once; `refresh()` makes the next read fetch again (the daemon does
 * at every periodic resync, so another machine's deploys are seen without a restart).
 */
export class RouterFactsReader {
  #store: RecordsStore | null = null;

  constructor(
    private readonly repo: GitOpsRepo,
    private readonly settings: Settings,
  ) {}

  refresh(): void {
    this.#store = null;
  }

  /** The facts known for `routers`, and what the reader could not do (a remote that did not answer, a damaged file). */
  async read(routers: readonly string[]): Promise<{ facts: FactsByRouter; warnings: string[] }> {
    const store = (this.#store ??= recordsStoreFor(this.repo.git, this.settings, { readOnly: true }));
    const { warning } = await store.synced();
    const facts = new Map<string, RouterFacts>();
    for (const router of routers) {
      const found = await store.facts(router);
      if (found) facts.set(router, found);
    }
    const damaged = routers.flatMap((router) => store.problems(router)).map((p) => `${p.file} on ${store.branch}: ${p.problem} (its facts are not used)`);
    return { facts, warnings: [...(warning ? [warning] : []), ...damaged] };
  }
}

// --- intent + render -----------------------------------------------------------------------

/** One router's share of a render: its intent and the two files gitops writes for it. */
export interface RenderedRouter extends RouterRender {
  intent: RouterIntent;
}

export interface Rendered {
  intent: Intent;
  routers: RenderedRouter[];
  /** The state it came from (its stale hosts go into the commit message). */
  docker: DockerState;
}

/**
 * Docker state → intent → render, for the chosen routers. `facts`: what each router holds
 * outside translator's objects, when known (a colliding tenant or floating IP is rejected).
 */
export function renderState(docker: DockerState, settings: Settings, repoDir: string, routers: readonly string[], facts?: FactsByRouter): Rendered {
  const intent = buildIntent(docker, settings, facts);
  const renderer = createRenderer(repoDir, { templateOverrides: settings.render.templateOverrides });
  // state.json records who asked for what: containers without the label asked for nothing,
  // and recording them would make a commit every time one starts or stops.
  const label = settings.labels.globalIp;
  const asked: DockerState = { networks: docker.networks, containers: docker.containers.filter((c) => c.labels[label] !== undefined) };
  return {
    intent,
    docker,
    routers: intent.routers
      .filter((r) => routers.includes(r.router))
      .map((r) => {
        let stateJson: string | undefined;
        return {
          router: r.router,
          intent: r,
          intendedCfg: renderer.render(r),
          // Serialised when first read: a commit needs it, `render --stdout` does not (≈ 1 s of CPU
          // and a 50 MB string for 100,000 floating IPs, issue 14).
          get stateJson(): string {
            return (stateJson ??= serializeState(routerStateFile(r.router, intent, asked)));
          },
        };
      }),
  };
}

/** One line per rejection, for stderr: object quoted (it is untrusted), router, reason. */
export function describeRejections(rejections: readonly Rejection[]): string[] {
  return rejections.map(
    (r) => `rejected ${r.kind} ${JSON.stringify(r.object)}${r.router ? ` (router ${r.router})` : ''}: ${r.reason}`,
  );
}

// --- gitops --------------------------------------------------------------------------------

/**
 * Writes and commits the rendered files (no commit when nothing changed). The message says what
 * changed and, below, which hosts did not answer and what of theirs is kept; `notes` adds lines.
 */
export function commitRendered(repo: GitOpsRepo, rendered: Rendered, settings: Settings, notes: readonly string[] = []): Promise<PublishResult> {
  return publishRenders(repo, rendered.routers, {
    author: settings.git.author,
    ...(settings.git.committer ? { committer: settings.git.committer } : {}),
    notes: [...notes, ...staleNotes(rendered.docker)],
  });
}

/** `translator forget-host` refused: the host answers, or translator does not read it. */
export class ForgetHostRefused extends Error {
  override name = 'ForgetHostRefused';
}

export interface ForgetResult {
  rendered: Rendered;
  commit: PublishResult['commit'];
}

/**
 * `translator forget-host H`: H's last known objects leave the committed state. Refused unless H
 * is a host translator reads and it does not answer now (a host that answers has nothing kept:
 * its objects are read). Renders from the source with the recorded state minus H's objects
 * (last-known.ts withoutHost) and commits, saying so.
 */
export async function forgetHost(repo: GitOpsRepo, settings: Settings, routers: readonly string[], host: string): Promise<ForgetResult> {
  const now = await readDocker(openDocker(settings, { repo }));
  if (!(now.unreachable ?? []).includes(host)) {
    const known = [...(settings.docker.hosts ?? []), ...(settings.docker.swarm?.nodes ?? []), ...(settings.docker.swarm?.managers ?? [])];
    if (!known.includes(host)) {
      throw new ForgetHostRefused(`${host} is not a Docker host translator reads (docker.hosts or docker.swarm: ${known.join(', ') || 'none'}); nothing was changed`);
    }
    throw new ForgetHostRefused(`${host} answers: its objects are read as they are, none is kept for it; nothing was changed`);
  }
  const without = await readDocker(openDocker(settings, { repo, forget: host }));
  const docker = { ...without, unreachable: (without.unreachable ?? []).filter((h) => h !== host) };
  const { facts, warnings } = await new RouterFactsReader(repo, settings).read(routers);
  const rendered = renderState(docker, settings, repo.dir, routers, facts);
  const { commit } = await commitRendered(repo, rendered, settings, [
    `Docker host ${host} forgotten (translator forget-host): its last known objects are no longer kept`,
    ...warnings.map((warning) => `(${warning})`),
  ]);
  return { rendered, commit };
}

/** Hosts whose objects a router's committed state.json keeps as last known (stale), in words (`translator status`). */
export async function committedStaleNotes(repo: GitOpsRepo, router: string): Promise<string[]> {
  const text = await repo.readFile(stateJsonPath(router));
  if (text === null || !readable(text)) return [];
  const recorded = recordedState([text]);
  const hosts = new Set([
    ...recorded.networks.filter((n) => n.stale).flatMap((n) => n.hosts ?? []),
    ...recorded.containers.flatMap((c) => (c.stale && c.host ? [c.host] : [])),
  ]);
  return staleNotes({ ...recorded, unreachable: [...hosts].sort() });
}
