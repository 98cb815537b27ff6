/**
 * Issue 10, item 8: a template override merged into the GitOps repository is code, and nunjucks is
 * not a sandbox (`range.constructor("return process")()` reaches `process`). Before the fix every
 * test below failed: the override read the environment and files, wrote a file and ran a command
 * inside the translator process. Now the override renders in the sandbox and can do none of it.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIntent } from '../../../src/intent/build.js';
import { createRenderer } from '../../../src/render/render.js';
import { seedSettings, state } from '../intent/fixtures.js';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'translator-hostile-'));
  made.push(dir);
  return dir;
}

/** A repository whose override of route-maps.cfg.njk evaluates `code` with the engine's own Function constructor. */
function repoRunning(code: string, via = 'range'): string {
  const repo = scratch();
  mkdirSync(join(repo, 'templates', 'iosxe'), { recursive: true });
  writeFileSync(join(repo, 'templates', 'iosxe', 'route-maps.cfg.njk'), `! {{ ${via}.constructor(${JSON.stringify(code)})() }}\n`);
  return repo;
}

/** Renders the seed with overrides enabled: the text, or the error's message. */
function attempt(repo: string): { text?: string; error?: string } {
  try {
    return { text: createRenderer(repo, { templateOverrides: true }).render(buildIntent(state(), seedSettings()).routers[0]!) };
  } catch (error) {
    return { error: String((error as Error).message) };
  }
}

const SECRET = 'hunter2-not-for-templates';
process.env.TRANSLATOR_TEST_IOS_PASS = SECRET;
after(() => delete process.env.TRANSLATOR_TEST_IOS_PASS);

test('an override cannot read the environment (IOS_PASS, tokens)', () => {
  for (const via of ['range', 'cycler', 'joiner']) {
    const outcome = attempt(repoRunning('return process.env.TRANSLATOR_TEST_IOS_PASS', via));
    assert.ok(outcome.error, `${via}: the render fails instead of printing ${JSON.stringify(outcome.text)}`);
    assert.ok(!outcome.error.includes(SECRET), outcome.error);
  }
});

test('an override cannot read a file outside its inputs', () => {
  const secretFile = join(scratch(), 'ios_pass');
  writeFileSync(secretFile, SECRET);
  const outcome = attempt(repoRunning(`return process.getBuiltinModule('fs').readFileSync(${JSON.stringify(secretFile)}, 'utf8')`));
  assert.ok(outcome.error, `the render fails instead of printing ${JSON.stringify(outcome.text)}`);
  assert.ok(!outcome.error.includes(SECRET), outcome.error);
});

test('an override cannot write a file', () => {
  const marker = join(scratch(), 'written-by-a-template');
  attempt(repoRunning(`process.getBuiltinModule('fs').writeFileSync(${JSON.stringify(marker)}, 'pwned'); return ''`));
  assert.equal(existsSync(marker), false);
});

test('an override cannot run a command', () => {
  const marker = join(scratch(), 'touched-by-a-template');
  attempt(repoRunning(`process.getBuiltinModule('child_process').execFileSync('touch', [${JSON.stringify(marker)}]); return ''`));
  assert.equal(existsSync(marker), false);
});

test('an override cannot climb out through the global object either', () => {
  const outcome = attempt(repoRunning('return this.constructor.constructor("return process.env.TRANSLATOR_TEST_IOS_PASS")()'));
  assert.ok(outcome.error ?? !outcome.text?.includes(SECRET), 'no secret in the output');
  assert.ok(!(outcome.error ?? '').includes(SECRET));
  assert.ok(!(outcome.text ?? '').includes(SECRET));
});
