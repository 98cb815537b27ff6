/**
 * A read-only npm registry made from the host's npm cache, for building the project's image
 * in a network namespace that reaches no registry (test/integration/image.test.ts).
 *
 * The Dockerfile runs a plain `npm ci`; its build argument NPM_CONFIG_REGISTRY (a mirror, as
 * used behind corporate proxies) points it here. Every package of package-lock.json is
 * answered with a packument made from the lockfile (name, version, integrity, and what npm needs
 * to resolve a tree without a lockfile: dependencies, bin, engines, platforms) and a tarball
 * read from the npm cache, where `npm ci` on the host left it (cacache stores content under
 * the hex of its sha512). Nothing is fetched from anywhere: a tarball missing from the cache
 * is a 404, and `missingTarballs` says beforehand which ones are missing.
 *
 * For an image build the server runs inside the engine's network namespace
 * (`npm-mirror-server.ts`, started through nsenter), since builds there only see that namespace's
 * loopback; for an install on this machine (the package test) it runs here.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const SERVER = fileURLToPath(new URL('./npm-mirror-server.ts', import.meta.url));

export interface LockedPackage {
  name: string;
  version: string;
  integrity: string;
  /** Where the package sits in node_modules (the lockfile's key). */
  path: string;
  /** What a registry's version document says that npm needs to resolve a tree (the lockfile keeps it). */
  manifest: Record<string, unknown>;
}

/** Lockfile fields that are also a version document's: dependencies, platforms, binaries. */
const MANIFEST_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bin', 'engines', 'os', 'cpu', 'license'];

/** Every registry package pinned by a lockfile (v2/v3 `packages`). Links and the root are not. */
export function lockedPackages(lockfile: string): LockedPackage[] {
  const lock = JSON.parse(readFileSync(lockfile, 'utf8')) as {
    packages?: Record<string, { name?: string; version?: string; integrity?: string; link?: boolean } & Record<string, unknown>>;
  };
  if (!lock.packages) throw new Error(`${lockfile}: no "packages" (lockfileVersion 2 or 3 expected)`);
  return Object.entries(lock.packages).flatMap(([path, entry]) => {
    if (path === '' || entry.link || !entry.version || !entry.integrity) return [];
    const name = entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
    const manifest = Object.fromEntries(MANIFEST_FIELDS.filter((field) => entry[field] !== undefined).map((field) => [field, entry[field]]));
    return [{ name, version: entry.version, integrity: entry.integrity, path, manifest }];
  });
}

/** The npm cache's content directory (cacache) of this user: `npm config get cache` + `_cacache`. */
export function npmCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const cache = env.npm_config_cache ?? env.NPM_CONFIG_CACHE ?? join(homedir(), '.npm');
  return join(cache, '_cacache');
}

/** Where cacache keeps the content of `integrity` (its first sha512/sha1 hash), or null. */
export function cachedContentPath(cacheDir: string, integrity: string): string | null {
  const hash = integrity.split(/\s+/).find((h) => /^sha(512|1)-/.test(h));
  if (!hash) return null;
  const [algorithm, digest] = [hash.slice(0, hash.indexOf('-')), hash.slice(hash.indexOf('-') + 1)];
  const hex = Buffer.from(digest, 'base64').toString('hex');
  return join(cacheDir, 'content-v2', algorithm, hex.slice(0, 2), hex.slice(2, 4), hex.slice(4));
}

/**
 * Packages installed under `root/node_modules` (so needed on this platform) whose tarball the
 * cache lacks: an image build through the mirror would fail on them.
 */
export function missingTarballs(root: string, cacheDir: string): string[] {
  return lockedPackages(join(root, 'package-lock.json'))
    .filter((pkg) => existsSync(join(root, pkg.path)))
    .filter((pkg) => {
      const content = cachedContentPath(cacheDir, pkg.integrity);
      return content === null || !existsSync(content);
    })
    .map((pkg) => `${pkg.name}@${pkg.version}`);
}

export interface NpmMirror {
  /** Registry URL as seen from inside the namespace, e.g. `http://127.0.0.1:40123/`. */
  readonly url: string;
  /** Requests answered 404 so far (for a helpful failure message). */
  readonly notFound: string[];
  stop(): Promise<void>;
}

/** Starts the mirror, inside network namespace `netns` (a name under /run/netns) when given. */
export async function startNpmMirror(options: { netns?: string; lockfile: string; cacheDir: string; cwd: string }): Promise<NpmMirror> {
  const server = [process.execPath, '--import', 'tsx', relative(options.cwd, SERVER), options.lockfile, options.cacheDir];
  const [command, ...args] = options.netns === undefined ? server : ['nsenter', `--net=/run/netns/${options.netns}`, ...server];
  const child = spawn(command!, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const notFound: string[] = [];
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const lines = createInterface({ input: child.stdout });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code, signal) => reject(new Error(`npm mirror exited (${signal ?? code}) before listening: ${stderr.trim()}`)));
    lines.on('line', (line) => {
      const listening = /^listening (\S+)$/.exec(line);
      if (listening) resolve(listening[1]!);
      const missing = /^404 (\S+)$/.exec(line);
      if (missing) notFound.push(missing[1]!);
    });
  });
  child.removeAllListeners('exit');
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    notFound,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
