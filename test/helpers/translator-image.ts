/**
 * The project's image built from its Dockerfile on a private engine, where no image registry is
 * reachable: the base made from this machine's files (node-base-image.ts), `npm ci` served from
 * the host's npm cache (npm-mirror.ts) in the engine's network namespace, the legacy builder on
 * the engine's host network. Used by the image test and the Swarm stack test.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { promisify } from 'node:util';
import { REPO_ROOT } from './cli.js';
import { dockerCli, type PrivateEngine } from './docker-engine.js';
import { importNodeBaseImage, missingBaseImagePrerequisites, NODE_BASE_IMAGE } from './node-base-image.js';
import { missingTarballs, npmCacheDir, startNpmMirror } from './npm-mirror.js';

const run = promisify(execFile);

/** The OCI labels' build arguments the tests pass, to find them on the image. */
export const IMAGE_BUILD_ARGS = { VERSION: '0.1.0-test', REVISION: '0123456789abcdef0123456789abcdef01234567', CREATED: '2026-12-01T00:00:00Z', SOURCE: 'https://example.invalid/translator' };

/**
 * Prerequisites beyond the engine (base image parts, npm cache); outside CI a missing one skips
 * `t` with its reason, in CI it fails.
 */
export function imagePrerequisitesMet(t: TestContext): boolean {
  const cacheDir = npmCacheDir();
  const uncached = existsSync(cacheDir) ? missingTarballs(REPO_ROOT, cacheDir) : ['(no npm cache)'];
  const missing = [
    missingBaseImagePrerequisites(),
    uncached.length ? `npm cache ${cacheDir} lacks ${uncached.slice(0, 5).join(', ')}${uncached.length > 5 ? ', …' : ''} (run npm ci)` : null,
  ].filter((reason): reason is string => reason !== null);
  if (missing.length === 0) return true;
  const reason = `cannot build the image: ${missing.join('; ')}`;
  if (process.env.CI) throw new Error(reason);
  t.skip(reason);
  return false;
}

/** Builds the repository's Dockerfile as `tag` in `engine` (the base image is made there first). */
export async function buildTranslatorImage(engine: PrivateEngine, tag: string): Promise<void> {
  await importNodeBaseImage(engine);
  const mirror = await startNpmMirror({ netns: engine.netns, lockfile: join(REPO_ROOT, 'package-lock.json'), cacheDir: npmCacheDir(), cwd: REPO_ROOT });
  const args = [
    'build', '--network', 'host', '--force-rm',
    '--build-arg', `BASE_IMAGE=${NODE_BASE_IMAGE}`,
    '--build-arg', `NPM_CONFIG_REGISTRY=${mirror.url}`,
    ...Object.entries(IMAGE_BUILD_ARGS).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]),
    '-t', tag, REPO_ROOT,
  ];
  try {
    await run(dockerCli() ?? 'docker', args, { env: { ...engine.env, DOCKER_BUILDKIT: '0' }, maxBuffer: 64 * 2 ** 20, timeout: 10 * 60_000 });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    const misses = mirror.notFound.length ? `\nnpm mirror could not answer: ${mirror.notFound.join(', ')}` : '';
    throw new Error(`docker build failed:\n${`${stdout}\n${stderr}`.trim().split('\n').slice(-30).join('\n')}${misses}`);
  } finally {
    await mirror.stop();
  }
}
