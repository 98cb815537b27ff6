// The suite needs nothing outside the repository (issue 11 item 1): the unit suite, run from a
// clone of HEAD in a temporary folder with no `shared/` beside it or above it and CI unset, passes,
// and the only tests it skips are those of the optional public corpus, each with its reason.
// (CI runs from its own clean checkout, so there HEAD is what is tested.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { REPO_ROOT } from '../helpers/cli.js';
import { git } from '../helpers/git.js';

/** test/helpers/corpus.ts: what a corpus test says when it skips. */
const CORPUS_SKIP = '# the public corpus (TRANSLATOR_CORPUS, else shared/corpus beside the repository or a folder above it) is not there';

function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('the unit suite passes from a clone outside the workspace; only the corpus tests skip, saying why', { timeout: 15 * 60_000 }, async (t) => {
  const tmp = mkdtempSync(join(tmpdir(), 'translator-fresh-'));
  t.after(() => rmSync(tmp, { recursive: true, force: true }));
  const clone = join(tmp, 'translator');
  git(tmp, 'clone', '--quiet', '--no-hardlinks', REPO_ROOT, clone);
  git(clone, 'checkout', '--quiet', '--detach', git(REPO_ROOT, 'rev-parse', 'HEAD').trim());
  // The clone has no shared/corpus beside it or above it, or this proves nothing.
  for (let dir = clone; dirname(dir) !== dir; dir = dirname(dir)) assert.equal(existsSync(join(dirname(dir), 'shared', 'corpus')), false, dirname(dir));
  // The dependencies as `npm ci` would install them (no registry needed here).
  symlinkSync(join(REPO_ROOT, 'node_modules'), join(clone, 'node_modules'), 'dir');

  const env = { ...process.env };
  // NODE_TEST_CONTEXT would make the inner runner report to this one instead of printing its summary.
  for (const name of ['CI', 'TRANSLATOR_CORPUS', 'NODE_TEST_CONTEXT']) delete env[name];
  // What `npm test -- test/unit` runs (scripts/run-tests.mjs: no Docker engine for unit files), two
  // files at a time: the unit suite is mostly processes waiting on git and tsx, not CPU.
  const files = git(clone, 'ls-files', '--', 'test/unit/*.test.ts').trim().split('\n');
  const { code, output } = await run(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...files], clone, env);

  const summary = (name: string) => Number(new RegExp(`^ℹ ${name} (\\d+)$`, 'm').exec(output)?.[1]);
  assert.equal(code, 0, output.slice(-4000));
  assert.equal(summary('fail'), 0);
  assert.ok(summary('pass') > 600, `the whole unit suite ran: ${summary('pass')} passed`);
  const skips = output.split('\n').filter((line) => line.startsWith('﹣ '));
  assert.equal(skips.length, summary('skipped'));
  assert.ok(skips.length > 0, 'the corpus tests skip (the corpus is not there)');
  assert.deepEqual(skips.filter((line) => !line.endsWith(CORPUS_SKIP)), [], 'every skip is a corpus test, with its reason');
});
