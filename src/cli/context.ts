import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { DockerEngineSource } from '../observe/docker.js';
import { defaultDockerHost } from '../observe/docker-host.js';
import { dockerStateSchema } from '../observe/schema.js';
import type { DockerState } from '../observe/types.js';
import { loadSettings, SettingsError, type Settings } from '../settings/load.js';
import { ExitCode, UserError } from './exit-codes.js';
import { errorText } from '../errors.js';

/** Options every command that reads settings shares. */
export interface RepoOptions {
  repo: string;
  config?: string;
}

/** Options of the commands that read Docker state. */
export interface StateOptions extends RepoOptions {
  dockerHost?: string;
  state?: string;
}

export function withRepoOptions(command: Command): Command {
  return command
    .option('--repo <dir>', 'the GitOps repository', '.')
    .option('--config <file>', 'settings file (default: <repo>/translator.yaml; optional when the environment describes the router)');
}

export function withStateOptions(command: Command): Command {
  return withRepoOptions(command)
    .option('--docker-host <url>', 'Docker engine to read (default: DOCKER_HOST, else unix:///var/run/docker.sock)')
    .option('--state <file>', 'read Docker state from a JSON file (as in routers/<r>/state.json "docker") instead of a Docker engine');
}

export function settingsOf(options: RepoOptions): Settings {
  try {
    return loadSettings({ repo: resolve(options.repo), ...(options.config ? { file: options.config } : {}) });
  } catch (error) {
    if (error instanceof SettingsError) throw new UserError(error.message);
    throw error;
  }
}

/** Docker state from the file named by --state, else from the engine (flag, settings, DOCKER_HOST, socket). */
export async function readDockerState(options: StateOptions, settings: Settings): Promise<DockerState> {
  if (options.state) return readStateFile(options.state);
  const host = options.dockerHost ?? settings.docker.host ?? defaultDockerHost();
  try {
    return await new DockerEngineSource(host).read();
  } catch (error) {
    throw new UserError(`${errorText(error)}\n(use --docker-host or DOCKER_HOST, or --state FILE to render a saved state)`);
  }
}

function readStateFile(path: string): DockerState {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new UserError(`cannot read Docker state from ${path}: ${errorText(error)}`);
  }
  // A state.json from the repository holds the Docker state under "docker".
  const result = dockerStateSchema.safeParse((parsed as { docker?: unknown }).docker ?? parsed);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new UserError(`${path}: not a Docker state: ${issue.path.join('.') || '(top level)'}: ${issue.message}`);
  }
  const { networks, containers } = result.data;
  return { networks, containers };
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
