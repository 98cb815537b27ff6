#!/usr/bin/env node
// Runs every test/**/*.test.ts with Node's test runner (TypeScript through tsx).
// Lab routers and Git remotes are started by the tests' own helpers; the private Docker
// engine is started once here for all files that use it. `npm test -- test/unit` narrows.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { constants } from 'node:os';

function find(path) {
  if (statSync(path).isFile()) return path.endsWith('.test.ts') ? [path] : [];
  return readdirSync(path).sort().flatMap((name) => find(join(path, name)));
}

const roots = process.argv.slice(2).length ? process.argv.slice(2) : ['test'];
const files = roots.flatMap(find);
if (files.length === 0) {
  console.error(`no test files under ${roots.join(', ')}`);
  process.exit(1);
}
// Signals are forwarded to the tests, not obeyed: the engine is stopped below in any case.
let child = null;
let interrupted = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted = signal;
    child?.kill(signal);
  });
}
const engine = await startSharedDockerEngine(files);
const status = interrupted ? 128 + constants.signals[interrupted] : await new Promise((resolve) => {
  child = spawn(
    process.execPath,
    ['--import', 'tsx', '--test', '--test-reporter=spec', `--test-concurrency=${concurrency()}`, ...files],
    { stdio: 'inherit', env: { ...process.env, ...engine?.env } },
  );
  child.on('exit', (code) => resolve(code ?? 1));
});
await engine?.stop();
process.exit(status);

/**
 * One private Docker engine for the whole run (test/helpers/docker-engine.ts), started only
 * when a selected file uses it, and handed to the files through the environment. Without the
 * prerequisites nothing starts here: each file then skips, or fails in CI, with the reason.
 */
async function startSharedDockerEngine(testFiles) {
  if (!testFiles.some((file) => readFileSync(file, 'utf8').includes('helpers/docker-engine'))) return null;
  const { register } = await import('tsx/esm/api');
  register();
  const helper = await import('../test/helpers/docker-engine.ts');
  if (helper.missingPrerequisites() !== null) return null;
  try {
    const started = await helper.startEngine();
    const { host, netns, dir } = helper.ENGINE_ENV;
    return { env: { [host]: started.host, [netns]: started.netns, [dir]: started.dir }, stop: started.stop };
  } catch (error) {
    console.error(`# shared Docker engine did not start (each file starts its own): ${error.message}`);
    return null;
  }
}

/**
 * Test files run three at a time by default (Node's default is one less than the CPUs: one file at
 * a time on the 2-core CI machine). Most integration files wait on SSH round trips, revert timers
 * and dockerd rather than the CPU, and the shared engine is handed to one test at a time by its
 * own lock (test/helpers/docker-engine.ts), so files overlap safely. On the 2-core machine the
 * whole suite took 17.4 min with two at a time and 15.9 min with three (2026-12-02). TRANSLATOR_TEST_CONCURRENCY
 * sets another number (1: one file at a time, to read a failure's output undisturbed).
 */
function concurrency() {
  const chosen = Number(process.env.TRANSLATOR_TEST_CONCURRENCY ?? 3);
  if (!Number.isInteger(chosen) || chosen < 1) throw new Error(`TRANSLATOR_TEST_CONCURRENCY must be a whole number >= 1, not ${process.env.TRANSLATOR_TEST_CONCURRENCY}`);
  return chosen;
}
