/**
 * The template sandbox, wall by wall. hostile-templates.test.ts shows templates cannot reach
 * Node.js at all (the V8 context); here a program runs directly in the sandbox process, as a
 * template would if it ever broke out of that context, and finds nothing to take.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildIntent } from '../../../src/intent/build.js';
import { createRenderer, contextOf, PACKAGED_TEMPLATES } from '../../../src/render/render.js';
import { RenderError } from '../../../src/render/errors.js';
import { SANDBOX_LIMITS, renderInSandbox, runJailed } from '../../../src/render/sandbox.js';
import { SANDBOX_PROGRAM } from '../../../src/render/sandbox-program.js';
import { packagedTemplates } from '../../../src/render/templates.js';
import { seedSettings, state } from '../intent/fixtures.js';

const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), 'translator-sandbox-'));
  chmodSync(dir, 0o755); // so that only the permission model, not the directory, keeps the sandbox out
  made.push(dir);
  return dir;
}

function repoWith(files: Record<string, string>): string {
  const repo = scratch();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(repo, 'templates', 'iosxe', name, '..'), { recursive: true });
    writeFileSync(join(repo, 'templates', 'iosxe', name), text);
  }
  return repo;
}

const seed = () => buildIntent(state(), seedSettings()).routers[0]!;
const golden = readFileSync(new URL('../../fixtures/render/seed.cfg', import.meta.url), 'utf8');

/** What the program saw of each thing it tried, printed as JSON. */
const TRIES = `
const results = {};
const attempt = (name, f) => { try { results[name] = 'allowed: ' + String(f()).slice(0, 40); } catch (e) { results[name] = e.code || e.message; } };
attempt('read', () => require('node:fs').readFileSync(process.argv[1] || READ_PATH, 'utf8'));
attempt('write', () => require('node:fs').writeFileSync(WRITE_PATH, 'pwned'));
attempt('spawn', () => require('node:child_process').execFileSync('/bin/true'));
attempt('worker', () => new (require('node:worker_threads').Worker)('0', { eval: true }));
attempt('addon', () => process.dlopen({ exports: {} }, '/nonexistent.node'));
results.env = Object.keys(process.env);
process.stdout.write(JSON.stringify(results));
`;

test('a program in the sandbox process cannot read or write files, spawn, start workers or load addons, and sees no environment', () => {
  const dir = scratch();
  const readable = join(dir, 'readable-by-everyone');
  writeFileSync(readable, 'secret', { mode: 0o644 });
  const target = join(dir, 'written');
  process.env.TRANSLATOR_TEST_TOKEN = 'not-for-the-sandbox';
  try {
    const program = `const READ_PATH = ${JSON.stringify(readable)}; const WRITE_PATH = ${JSON.stringify(target)};${TRIES}`;
    const run = runJailed(program, '');
    assert.equal(run.status, 0, run.stderr);
    const seen = JSON.parse(run.stdout);
    assert.deepEqual(seen, {
      read: 'ERR_ACCESS_DENIED',
      write: 'ERR_ACCESS_DENIED',
      spawn: 'ERR_ACCESS_DENIED',
      worker: 'ERR_ACCESS_DENIED',
      addon: 'ERR_DLOPEN_DISABLED',
      env: [],
    });
    assert.equal(existsSync(target), false);
  } finally {
    delete process.env.TRANSLATOR_TEST_TOKEN;
  }
});

test('run by root, the sandbox is user nobody: a root-only socket (like Docker\'s) cannot be opened', async (t) => {
  if (process.getuid?.() !== 0) {
    t.skip('translator is not root here: the sandbox keeps the user it was started as');
    return;
  }
  const dir = scratch();
  const path = join(dir, 'root-only.sock');
  const server = createServer((socket) => socket.end('root secrets\n'));
  await new Promise<void>((resolve) => server.listen(path, resolve));
  t.after(() => server.close());
  chmodSync(path, 0o600);
  const program = `const s = require('node:net').connect(${JSON.stringify(path)});
s.on('data', (d) => process.stdout.write('read: ' + d));
s.on('error', (e) => process.stdout.write(e.code));`;
  const run = await new Promise<ReturnType<typeof runJailed>>((resolve) => setImmediate(() => resolve(runJailed(program, ''))));
  assert.equal(run.stdout, 'EACCES', run.stderr);
});

test('the sandbox refuses to render when the permission model is not in force', () => {
  const run = spawnSync(process.execPath, ['-e', SANDBOX_PROGRAM], { input: '{}', encoding: 'utf8', env: {} });
  assert.equal(run.status, 3);
  assert.match(run.stderr, /permission model is not in force/);
});

test('overrides that copy the packaged templates render byte for byte what the packaged path renders', () => {
  const copies = Object.fromEntries(packagedTemplates(PACKAGED_TEMPLATES));
  const text = createRenderer(repoWith(copies), { templateOverrides: true }).render(seed());
  assert.equal(text, golden);
});

test('a runaway template is stopped at the time bound', () => {
  const templates = new Map([['router.cfg.njk', '{% for i in range(0, 1000000000) %}{% endfor %}end\n']]);
  const limits = { ...SANDBOX_LIMITS, timeoutMs: 1500 };
  assert.throws(() => renderInSandbox(templates, contextOf(seed()), 'test', limits), (error: unknown) =>
    error instanceof RenderError && /did not finish rendering within 1\.5 s/.test(error.message));
});

test('a template that renders too much is stopped at the output bound', () => {
  const templates = new Map([['router.cfg.njk', '{% for i in range(0, 200000) %}ip nat inside source static 1.1.1.1 2.2.2.2\n{% endfor %}']]);
  const limits = { ...SANDBOX_LIMITS, outputBytes: 1024 * 1024 };
  assert.throws(() => renderInSandbox(templates, contextOf(seed()), 'test', limits), (error: unknown) =>
    error instanceof RenderError && /rendered more than 1 MiB/.test(error.message));
});

test('rendered text with a control character is refused, naming the line', () => {
  // Backspaces: on the router's terminal this line would become `no ip nat outside`.
  const repo = repoWith({ 'route-maps.cfg.njk': 'route-map X permit 10\n set global\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008\u0008no ip nat outside\n' });
  const line = golden.split('\n').indexOf('route-map TRANSLATOR-EGRESS permit 10') + 2;
  assert.throws(() => createRenderer(repo, { templateOverrides: true }).render(seed()), (error: unknown) =>
    error instanceof RenderError && error.message.includes(`line ${line} holds a character that is not printable ASCII (U+0008)`));
});

test('overrides present while render.templateOverrides is off: an error naming the files and the setting, not a silent fallback', () => {
  const repo = repoWith({ 'acls.cfg.njk': '', 'extra/more.njk': '' });
  assert.throws(() => createRenderer(repo), (error: unknown) =>
    error instanceof RenderError &&
    error.message.includes('(acls.cfg.njk, extra/more.njk)') &&
    error.message.includes('render.templateOverrides'));
});

test('a dot-file such as .gitkeep is no override', () => {
  assert.equal(createRenderer(repoWith({ '.gitkeep': '' })).render(seed()), golden);
});

test('an override that is a symbolic link is refused and what it points to is not read', () => {
  const secret = join(scratch(), 'ios_pass');
  writeFileSync(secret, 'hunter2');
  const repo = repoWith({ 'acls.cfg.njk': '' });
  rmSync(join(repo, 'templates', 'iosxe', 'acls.cfg.njk'));
  symlinkSync(secret, join(repo, 'templates', 'iosxe', 'router.cfg.njk'));
  assert.throws(() => createRenderer(repo, { templateOverrides: true }), (error: unknown) =>
    error instanceof RenderError && /router\.cfg\.njk is a symbolic link/.test(error.message) && !error.message.includes('hunter2'));
  assert.deepEqual(readdirSync(join(repo, 'templates', 'iosxe')), ['router.cfg.njk']);
});

test('a templates/iosxe/ that is a symbolic link to another directory is refused, enabled or not', () => {
  const elsewhere = scratch();
  writeFileSync(join(elsewhere, 'router.cfg.njk'), 'hunter2\n');
  const repo = scratch();
  mkdirSync(join(repo, 'templates'));
  symlinkSync(elsewhere, join(repo, 'templates', 'iosxe'));
  for (const templateOverrides of [false, true]) {
    assert.throws(() => createRenderer(repo, { templateOverrides }), (error: unknown) =>
      error instanceof RenderError && /templates\/iosxe in the repository goes through a symbolic link \(iosxe\)/.test(error.message) && !error.message.includes('hunter2'));
  }
});
