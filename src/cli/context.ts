/** What several commands share when they run: the settings, the routers chosen, Docker's state (their options: options.ts). */
import { isAscii } from 'node:buffer';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorText } from '../errors.js';
import type { GitOpsRepo } from '../gitops/repo.js';
import type { FactsByRouter } from '../intent/types.js';
import type { parseDockerState } from '../observe/schema.js';
import type { DockerState } from '../observe/types.js';
import { loadSettings, type Settings } from '../settings/load.js';
import { ExitCode, UserError } from './exit-codes.js';
import type { RepoOptions, StateOptions } from './options.js';

export function settingsOf(options: RepoOptions): Settings {
  return loadSettings({ repo: resolve(options.repo), ...(options.config ? { file: options.config } : {}) });
}

export interface Observed {
  docker: DockerState;
  facts: FactsByRouter;
}

/**
 * Docker's state (from the file named by --state, else through the source the settings and
 * --docker-host choose, with the repository's recorded state for silent hosts) and the routers'
 * facts from the records branch. What could not be used is said on stderr.
 *
 * The pipeline (Docker sources, intent, render) is imported here, not at the top: deploy, drift and
 * the other commands that share this module's settings and routers never read Docker: that is 36
 * modules fewer at their start (issue 14).
 */
export async function observe(options: StateOptions, settings: Settings, repo: GitOpsRepo | null, routers: readonly string[]): Promise<Observed> {
  const [{ openDocker, readDocker, RouterFactsReader }, { staleNotes }, schemas] = await Promise.all([
    import('../pipeline.js'),
    import('../observe/last-known.js'),
    import('../observe/schema.js'),
  ]);
  const docker = options.state
    ? readStateFile(options.state, schemas.parseDockerState)
    : await readDocker(openDocker(settings, { repo, ...(options.dockerHost !== undefined ? { host: options.dockerHost } : {}) }));
  const { facts, warnings } = repo ? await new RouterFactsReader(repo, settings).read(routers) : { facts: new Map(), warnings: [] };
  for (const warning of [...staleNotes(docker), ...warnings]) process.stderr.write(`translator: WARNING: ${warning}\n`);
  return { docker, facts };
}

/** A saved Docker state: a routers/<r>/state.json (its "docker") or a bare DockerState, checked like any input. */
function readStateFile(path: string, parse: typeof parseDockerState): DockerState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readText(path));
  } catch (error) {
    throw new UserError(`cannot read Docker state from ${path}: ${errorText(error)}`);
  }
  const result = parse((parsed as { docker?: unknown }).docker ?? parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserError(`${path}: not a Docker state: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const { networks, containers, sourceRejections, unreachable } = result.data;
  return { networks, containers, ...(sourceRejections ? { sourceRejections } : {}), ...(unreachable ? { unreachable } : {}) };
}

/**
 * A file's text as UTF-8. A saved state is ASCII but for odd labels: then the bytes are the text
 * and are copied as they are, without decoding 17 MB (100,000 containers, issue 14).
 */
export function readText(path: string): string {
  const bytes = readFileSync(path);
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

/**
 * The routers a command works on: the one named by --router, or all of them. Commands that
 * change routers pass `all` (their --all flag) and get every router only when asked, or when
 * there is just one; reading commands (render, watch) take all by default.
 */
export function selectRouters(settings: Settings, router: string | undefined, all?: boolean): string[] {
  if (settings.routers.length === 0) {
    throw new UserError(
      'no router is configured: declare routers in translator.yaml, or set INSIDE_INTERFACE and OUTSIDE_INTERFACE (and IOS_MGMT_IP to deploy)',
    );
  }
  const names = settings.routers.map((r) => r.name);
  if (router !== undefined && all) throw new UserError('give --router R or --all, not both', ExitCode.Usage);
  if (router !== undefined) {
    if (!names.includes(router)) throw new UserError(`unknown router "${router}" (configured: ${names.join(', ')})`);
    return [router];
  }
  if (all !== false || names.length === 1) return names;
  throw new UserError(`${names.length} routers are configured (${names.join(', ')}): choose one with --router R, or --all`, ExitCode.Usage);
}
