/**
 * Installable: `npm pack` makes the package the README tells people to install, under its own name
 * (translator-gitops: the npm name `translator` is an unrelated package), and `npm install -g` of
 * that tarball puts a working `translator` on PATH, templates and all, from any directory.
 *
 * The package carries the lockfile as npm-shrinkwrap.json, so a global install gets the tested
 * dependency versions. The pack runs on a copy of the project (its `prepack` compiles into the
 * copy's dist/, not the checkout's). The install goes into a temporary prefix, with the dependencies served by a mirror
 * made from this machine's npm cache (helpers/npm-mirror): no registry is reachable here, and
 * nothing outside the temporary directory is written.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import { REPO_ROOT } from '../helpers/cli.js';
import { tempDir } from '../helpers/git.js';
import { missingTarballs, npmCacheDir, startNpmMirror } from '../helpers/npm-mirror.js';

const run = promisify(execFile);
const NAME = 'translator-gitops';
const NPM = join(dirname(process.execPath), 'npm');
const SEED_CFG = readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'render', 'seed.cfg'), 'utf8');

test('npm pack → npm install -g → `translator` on PATH runs from anywhere', { timeout: 10 * 60_000 }, async (t) => {
  const uncached = existsSync(npmCacheDir()) ? missingTarballs(REPO_ROOT, npmCacheDir()) : ['(no npm cache)'];
  const missing = [!existsSync(NPM) && `npm beside node (${NPM})`, uncached.length > 0 && `the npm cache lacks ${uncached.slice(0, 5).join(', ')} (run npm ci)`].filter(Boolean);
  if (missing.length > 0) {
    const reason = `cannot pack and install: ${missing.join('; ')}`;
    if (process.env.CI) throw new Error(reason);
    return t.skip(reason);
  }
  const tmp = tempDir('pack');
  t.after(() => tmp.remove());
  const dirs = Object.fromEntries(['project', 'out', 'home', 'cache', 'prefix', 'elsewhere', 'gitops'].map((name) => [name, join(tmp.dir, name)]));
  for (const dir of Object.values(dirs)) mkdirSync(dir);
  // npm as a user with nothing configured: no ~/.npmrc, no cache but this run's.
  const npmEnv = { PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: dirs.home, npm_config_cache: dirs.cache, npm_config_update_notifier: 'false' };

  for (const entry of ['package.json', 'package-lock.json', 'tsconfig.json', 'README.md', 'src', 'templates']) cpSync(join(REPO_ROOT, entry), join(dirs.project!, entry), { recursive: true });
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(dirs.project!, 'node_modules')); // the compiler, for prepack

  let tarball = '';
  await t.test(`npm pack: ${NAME}, the compiled CLI, the templates and the locked dependency tree, nothing else`, async () => {
    const { stdout } = await run(NPM, ['pack', '--json', '--pack-destination', dirs.out!], { cwd: dirs.project, env: npmEnv, maxBuffer: 16 * 2 ** 20 });
    const [packed] = JSON.parse(stdout.slice(stdout.indexOf('['))) as { name: string; filename: string; files: { path: string }[] }[];
    assert.equal(packed!.name, NAME);
    tarball = join(dirs.out!, packed!.filename);
    assert.ok(existsSync(tarball));
    const files = packed!.files.map((file) => file.path);
    for (const needed of ['package.json', 'README.md', 'npm-shrinkwrap.json', 'dist/cli/main.js', 'dist/render/render.js', 'dist/render/sandbox-program.js', 'templates/iosxe/router.cfg.njk']) {
      assert.ok(files.includes(needed), `${needed} is in the package (has ${files.length} files)`);
    }
    const stray = files.filter((file) => !/^(package\.json|README\.md|npm-shrinkwrap\.json|dist\/.+\.js|templates\/.+)$/.test(file));
    assert.deepEqual(stray, [], 'no sources, tests, source maps or local files');
    assert.ok(!existsSync(join(dirs.project!, 'npm-shrinkwrap.json')), 'the shrinkwrap is made for the package only (prepack), removed after (postpack)');
  });

  await t.test('npm install -g of the tarball, its dependencies from the npm cache', async () => {
    const mirror = await startNpmMirror({ lockfile: join(REPO_ROOT, 'package-lock.json'), cacheDir: npmCacheDir(), cwd: REPO_ROOT });
    try {
      await run(NPM, ['install', '--global', '--prefix', dirs.prefix!, '--registry', mirror.url, '--no-audit', '--no-fund', tarball], { cwd: dirs.elsewhere, env: npmEnv, maxBuffer: 16 * 2 ** 20 });
    } catch (error) {
      const misses = mirror.notFound.length ? `\nthe mirror could not answer: ${mirror.notFound.join(', ')}` : '';
      throw new Error(`${(error as Error).message}${misses}`);
    } finally {
      await mirror.stop();
    }
    const installed = join(dirs.prefix!, 'lib', 'node_modules', NAME);
    assert.ok(existsSync(join(dirs.prefix!, 'bin', 'translator')), 'bin/translator');
    const modules = readdirSync(join(installed, 'node_modules'));
    assert.ok(modules.includes('ssh2') && modules.includes('nunjucks'), 'its dependencies');
    assert.ok(!modules.includes('typescript') && !modules.includes('tsx'), 'not the development tools');
    // npm-shrinkwrap.json: a global install gets the versions the project was tested with, not the newest in range.
    const lock = JSON.parse(readFileSync(join(REPO_ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
    for (const dependency of ['ssh2', 'simple-git', 'dockerode', 'nunjucks']) {
      const version = (JSON.parse(readFileSync(join(installed, 'node_modules', dependency, 'package.json'), 'utf8')) as { version: string }).version;
      assert.equal(version, lock.packages[`node_modules/${dependency}`]?.version, `${dependency}: the locked version`);
    }
  });

  await t.test('`translator` by name, from another directory: --help, and render --stdout with the packaged templates', async () => {
    // PATH as a user would have it after adding the prefix: node, the prefix's bin, the system; not this checkout.
    const env = { PATH: `${join(dirs.prefix!, 'bin')}:${dirname(process.execPath)}:/usr/bin:/bin`, HOME: dirs.home };
    const help = await run('translator', ['--help'], { cwd: dirs.elsewhere, env });
    assert.match(help.stdout, /^Usage: translator /m);
    for (const command of ['render', 'commit', 'plan', 'deploy', 'drift', 'watch', 'lab']) assert.match(help.stdout, new RegExp(`^  ${command}\\b`, 'm'));

    writeFileSync(join(dirs.gitops!, 'translator.yaml'), readFileSync(join(REPO_ROOT, 'repo-example', 'translator.yaml')));
    writeFileSync(join(dirs.elsewhere!, 'docker-state.json'), JSON.stringify(EXAMPLE_STATE));
    const rendered = await run('translator', ['render', '--repo', dirs.gitops!, '--state', 'docker-state.json', '--stdout'], { cwd: dirs.elsewhere, env });
    assert.equal(rendered.stdout, SEED_CFG);
  });
});
