/**
 * What this build of translator is: the version of its package.json, the Node.js running it, the
 * platform, and the Git commit when it runs from a checkout of its own repository. A build that
 * cannot know its commit (an npm install, an image built from a tarball) says nothing about it
 * rather than guess.
 */
import { readFileSync, realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { once } from './lazy.js';

export interface BuildInfo {
  name: string;
  version: string;
  node: string;
  platform: string;
  arch: string;
  /** The commit of the checkout translator runs from, when it runs from one; else absent. */
  commit?: string;
}

/** The package root: this file is src/build-info.ts (tsx) or dist/build-info.js (built), one level below it. */
const PACKAGE_ROOT = fileURLToPath(new URL('../', import.meta.url));

function packageJson(): { name: string; version: string } {
  const json = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { name?: unknown; version?: unknown };
  if (typeof json.name !== 'string' || typeof json.version !== 'string') throw new Error(`${PACKAGE_ROOT}package.json has no name or version`);
  return { name: json.name, version: json.version };
}

/** The version alone: what `translator --version` prints, read without starting git. */
export function packageVersion(): string {
  return packageJson().version;
}

/**
 * The commit of the package root's own checkout. Only when the root is the top of its work tree:
 * a package installed inside someone else's repository (node_modules of a project) is not theirs.
 */
async function checkoutCommit(): Promise<string | undefined> {
  // Loaded here: `--version`, the logger and the metrics need the version alone, never git (issue 14).
  const { Git } = await import('./gitops/git.js');
  const git = new Git(PACKAGE_ROOT);
  try {
    const top = (await git.run(['rev-parse', '--show-toplevel'])).trim();
    if (realpathSync(top) !== realpathSync(PACKAGE_ROOT)) return undefined;
    return (await git.run(['rev-parse', '--verify', 'HEAD^{commit}'])).trim();
  } catch {
    return undefined;
  }
}

export async function buildInfo(): Promise<BuildInfo> {
  const commit = await checkoutCommit();
  return {
    ...packageJson(),
    node: process.version,
    platform: process.platform,
    arch: process.arch,
    ...(commit ? { commit } : {}),
  };
}

/** What every log line and translator_build_info carry: the version and the Node.js running it (read once). */
export const versionLabels = once(() => ({ version: packageVersion(), nodeVersion: process.versions.node }));
