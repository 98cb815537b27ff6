// The status pages in a real browser (Debian's chromium through puppeteer-core) against a daemon
// running the seed on the private dockerd and the lab router: in sync, a new floating IP without a
// reload, a hand change shown as drift with its object, the search, a rejection with its reason,
// the API's documents, and `translator serve` requiring its token off loopback. Screenshots of
// every page are kept as artifacts and must show something; TRANSLATOR_UPDATE_SCREENSHOTS=1 also
// writes the README's (docs/images/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { artifactsDir, launchBrowser, pixelStats, screenshot } from '../helpers/browser.js';
import { REPO_ROOT, runCli } from '../helpers/cli.js';
import { privateEngine } from '../helpers/docker-engine.js';
import { openShell } from '../helpers/lab.js';
import { schemaErrors } from '../helpers/schemas.js';
import { eventually, SEED_ENV, startWatch } from '../unit/watch/harness.js';
import { ENABLE, PASSWORD } from './deploy-helpers.js';
import { watchWorld } from './watch-helpers.js';

const COMMIT_URL = 'https://git.example.net/ops/gitops/commit/{sha}';
const TOKEN = 'status-page-token-5d1c8e7a93';
const WAIT = { timeout: 90_000 };

async function checkedScreenshot(browser: Browser, page: Page, dir: string, name: string): Promise<void> {
  const png = await screenshot(page, dir, name);
  const stats = await pixelStats(browser, png);
  assert.ok(stats.width >= 800 && stats.height >= 400, `${name}: ${stats.width}x${stats.height}`);
  assert.ok(stats.variance > 100, `${name} looks blank (luminance variance ${stats.variance.toFixed(1)})`);
  assert.ok(stats.colours > 20, `${name} has only ${stats.colours} colours`);
}

const mainText = (page: Page) => page.$eval('#main', (el) => el.textContent ?? '');

/**
 * What a screen reader and a keyboard need, checked in the page: a language, one h1, every table
 * with a caption and column headers, every chart with a title, every field with a label, and the
 * skip link as the first stop of the Tab key.
 */
async function assertAccessible(page: Page): Promise<void> {
  const problems = (await page.evaluate(`(() => {
    const out = [];
    if (!document.documentElement.lang) out.push('no lang');
    if (document.querySelectorAll('h1').length !== 1) out.push('not one h1');
    for (const table of document.querySelectorAll('table')) {
      if (!table.querySelector('caption')) out.push('a table without caption');
      if (!table.querySelector('thead th[scope="col"]')) out.push('a table without column headers');
    }
    for (const svg of document.querySelectorAll('svg')) {
      if (svg.getAttribute('role') !== 'img' || !svg.querySelector('title')) out.push('a chart without role and title');
    }
    for (const input of document.querySelectorAll('input:not([type="hidden"])')) {
      if (!(input.id && document.querySelector('label[for="' + input.id + '"]')) && !input.getAttribute('aria-label')) out.push('an unlabelled field');
    }
    return out;
  })()`)) as string[];
  assert.deepEqual(problems, []);
  await page.evaluate('document.activeElement && document.activeElement.blur()');
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate('document.activeElement.className'), 'skip', 'Tab reaches the skip link first');
}

test('the status pages in a real browser', async (t) => {
  const engine = await privateEngine(t);
  if (!engine) return;
  const browser = await launchBrowser(t);
  if (!browser) return;
  const shots = artifactsDir('status-page');
  const { lab, repo, env } = await watchWorld(t, 'status-page', ['watch:', '  deploy: { policy: auto }', 'pools: [10.0.1.0/24]']);
  await engine.addParent('eth1.10');
  await engine.docker('network', 'create', '-d', 'macvlan', '--subnet=192.168.1.0/24', '--gateway=192.168.1.254', '-o', 'parent=eth1.10', 'mytenant');
  await engine.docker('run', '-d', '--name', 'web', '--net=mytenant', '--ip=192.168.1.1', '-l', 'global_ip=10.0.1.1', engine.image, 'sleep', '600');
  await engine.docker('run', '-d', '--name', 'bad', '--net=mytenant', '--ip=192.168.1.9', '-l', 'global_ip=10.0.1.300', engine.image, 'sleep', '600');

  const watch = await startWatch({
    repo,
    dockerHost: engine.host,
    deployer: 'gitops',
    env,
    web: { token: null, commitUrl: COMMIT_URL, driftSeconds: 2, pollMs: 300, env: { ...process.env, ...SEED_ENV, ...env } },
  });
  t.after(() => watch.stop());
  const url = watch.url;
  const page = await browser.newPage();
  const seen: string[] = [];
  page.on('response', (response) => {
    if (response.url().startsWith(url) && !response.url().endsWith('/api/v1/events')) void response.text().then((text) => seen.push(text), () => undefined);
  });

  await t.test('the overview shows the router in sync, its live commit linked to the forge', async () => {
    await page.goto(`${url}/`);
    await page.waitForSelector('tr[data-router="edge1"][data-state="in-sync"]', WAIT);
    const row = await page.$eval('tr[data-router="edge1"]', (el) => el.textContent ?? '');
    assert.match(row, /in sync/);
    assert.match(row, /success/);
    const links = await page.$$eval('tr[data-router="edge1"] a.sha', (els) => els.map((a) => a.getAttribute('href') ?? ''));
    assert.ok(links.length > 0 && links.every((href) => /^https:\/\/git\.example\.net\/ops\/gitops\/commit\/[0-9a-f]{40}$/.test(href)), links.join(' '));
    assert.match(await mainText(page), /10\.0\.1\.0\/24/, 'the pool chart and table');
    await assertAccessible(page);
    await checkedScreenshot(browser, page, shots, 'overview');
  });

  await t.test('docker run with a global_ip label: the new floating IP appears without a reload', async () => {
    await page.goto(`${url}/routers/edge1`);
    await page.evaluate('window.__sameDocument = true');
    assert.doesNotMatch(await mainText(page), /10\.0\.1\.2\b/);
    await engine.docker('run', '-d', '--name', 'api', '--net=mytenant', '--ip=192.168.1.2', '-l', 'global_ip=10.0.1.2', engine.image, 'sleep', '600');
    await page.waitForFunction(`[...document.querySelectorAll('#floating-ips + table tbody tr')].some((tr) => tr.textContent.includes('10.0.1.2') && tr.textContent.includes('api') && tr.textContent.includes('live'))`, WAIT);
    assert.equal(await page.evaluate('window.__sameDocument'), true, 'the page was not reloaded');
    assert.match(await page.$eval('#live-status', (el) => el.textContent ?? ''), /Updated/);
    await assertAccessible(page);
    await checkedScreenshot(browser, page, shots, 'router');
  });

  await t.test('the search finds a container by its global IP (keyboard only)', async () => {
    await page.goto(`${url}/`);
    await page.focus('#nav-q');
    await page.keyboard.type('10.0.1.2');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    assert.match(page.url(), /\/search\?q=10\.0\.1\.2$/);
    const rows = await page.$$eval('table.data tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    assert.equal(rows.length, 1, rows.join('\n'));
    assert.match(rows[0]!, /edge1.*10\.0\.1\.2.*192\.168\.1\.2.*mytenant.*api/s);
    await assertAccessible(page);
    await checkedScreenshot(browser, page, shots, 'search');
  });

  await t.test('a rejected container shows its reason', async () => {
    const api = (await (await fetch(`${url}/api/v1/rejections`)).json()) as { schemaVersion: number; rejections: { object: string; code: string; reason: string }[] };
    assert.equal(api.schemaVersion, 1);
    const bad = api.rejections.find((r) => r.object === 'bad');
    assert.equal(bad?.code, 'badGlobalIp');
    await page.goto(`${url}/rejections`);
    const row = await page.$$eval('table.data tbody tr', (trs) => trs.map((tr) => tr.textContent ?? '').find((text) => text.includes('"bad"')) ?? '');
    assert.ok(row.includes(bad.reason), `the reason on the page: ${row}`);
    assert.match(row, /badGlobalIp/);
    await assertAccessible(page);
    await page.goto(`${url}/`);
    assert.match(await page.$eval('tr[data-router="edge1"]', (el) => el.textContent ?? ''), /\b1\s*$/, 'one rejection counted');
    await page.goto(`${url}/rejections`);
    await checkedScreenshot(browser, page, shots, 'rejections');
  });

  await t.test('the API serves the status document of `status --format json`, valid against its schema', async () => {
    const doc = (await (await fetch(`${url}/api/v1/status`)).json()) as Record<string, unknown> & { routers: Record<string, unknown>[] };
    assert.equal(schemaErrors(doc), null);
    const cli = await runCli(['status', '--repo', repo, '--offline', '--format', 'json'], { env: { ...SEED_ENV, ...env } });
    assert.equal(cli.code, 0, cli.stderr);
    const fromCli = JSON.parse(cli.stdout) as typeof doc;
    assert.equal(schemaErrors(fromCli), null);
    for (const key of ['router', 'live', 'tip', 'behind', 'lastDeploy', 'tenants', 'floatingIps', 'rejections']) assert.deepEqual(doc.routers[0]![key], fromCli.routers[0]![key], key);
    for (const path of ['/api/v1/routers/edge1', '/api/v1/floating-ips?q=10.0.1.2', '/api/v1/rejections', '/api/v1/pools']) assert.equal(schemaErrors(await (await fetch(`${url}${path}`)).json()), null, path);
  });

  await t.test('a hand change on the router: drifted, with the object', async () => {
    await page.goto(`${url}/`);
    const shell = await openShell(lab, { password: PASSWORD });
    await shell.send('enable', /Password: $/);
    await shell.send(ENABLE);
    await shell.send('configure terminal');
    await shell.send('no ip nat inside source static 192.168.1.1 10.0.1.1 vrf mytenant');
    await shell.send('end');
    shell.end();
    await page.waitForSelector('tr[data-router="edge1"][data-state="drifted"]', WAIT);
    assert.match(await page.$eval('tr[data-router="edge1"]', (el) => el.textContent ?? ''), /drifted.*1 object/s);
    await page.goto(`${url}/routers/edge1`);
    const drift = await page.$eval('#drift + table', (el) => el.textContent ?? '');
    assert.match(drift, /missing.*ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant/s);
    await checkedScreenshot(browser, page, shots, 'router-drifted');
  });

  await t.test('bad input is a 4xx with a sentence, never a stack trace', async () => {
    for (const [path, status] of [['/search?q=%3Cscript%3E', 400], [`/search?q=${'9'.repeat(3000)}`, 414], ['/routers/nope', 404], ['/routers/%2e%2e%2fetc', 400], ['/?x=1', 400], ['/search?q=%E0%A4%A', 400]] as const) {
      const response = await fetch(`${url}${path}`);
      const body = await response.text();
      assert.equal(response.status, status, path);
      assert.doesNotMatch(body, /at .*\.[jt]s:\d+|Error:/, path);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff');
    }
    assert.equal((await fetch(`${url}/`, { method: 'POST' })).status, 405);
  });

  await t.test('no secret on any page or document', async () => {
    for (const path of ['/api/v1/status', '/api/v1/routers/edge1', '/api/v1/floating-ips', '/api/v1/pools']) seen.push(await (await fetch(`${url}${path}`)).text());
    const all = seen.join('\n');
    assert.ok(all.includes('10.0.1.2'), 'the pages were captured');
    for (const secret of [PASSWORD, ENABLE, TOKEN]) assert.ok(!all.includes(secret), 'a secret was rendered');
  });

  await t.test('translator serve off loopback: refused without a token, then the token is required', async () => {
    const cliEnv = { ...SEED_ENV, ...env };
    const refused = await runCli(['serve', '--repo', repo, '--host', '0.0.0.0', '--port', '0', '--fetch-seconds', '0'], { env: cliEnv });
    assert.equal(refused.code, 64, refused.stderr);
    assert.match(refused.stderr, /TRANSLATOR_WEB_TOKEN/);

    const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, 'src/cli/main.ts'), 'serve', '--repo', repo, '--host', '0.0.0.0', '--port', '0', '--fetch-seconds', '0', '--log-format', 'json'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...cliEnv, TRANSLATOR_WEB_TOKEN: TOKEN },
    });
    t.after(() => child.kill('SIGTERM'));
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    await eventually('serve prints its URL', () => /status page at http:\/\/0\.0\.0\.0:\d+\//.test(out));
    const port = /status page at http:\/\/0\.0\.0\.0:(\d+)\//.exec(out)![1];
    const served = `http://127.0.0.1:${port}`;

    const anonymous = await fetch(`${served}/`, { redirect: 'manual' });
    assert.equal(anonymous.status, 303);
    assert.match(anonymous.headers.get('location') ?? '', /^\/login/);
    assert.equal((await fetch(`${served}/api/v1/status`)).status, 401);
    assert.equal((await fetch(`${served}/api/v1/status`, { headers: { authorization: 'Bearer wrong-token-0000000000' } })).status, 401);
    const bearer = await fetch(`${served}/api/v1/status`, { headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(bearer.status, 200);
    assert.equal(((await bearer.json()) as { kind: string }).kind, 'status');

    const login = await browser.newPage();
    await login.goto(`${served}/routers/edge1`);
    assert.match(login.url(), /\/login\?next=%2Frouters%2Fedge1$/);
    await checkedScreenshot(browser, login, shots, 'login');
    await login.type('#token', 'not-the-token-123456');
    await Promise.all([login.waitForNavigation(), login.keyboard.press('Enter')]);
    assert.match(await mainText(login), /not right/);
    await login.type('#token', TOKEN);
    await Promise.all([login.waitForNavigation(), login.keyboard.press('Enter')]);
    assert.match(login.url(), /\/routers\/edge1$/);
    assert.match(await mainText(login), /Router edge1/);
    assert.equal(await login.evaluate('document.cookie'), '', 'the session cookie is HttpOnly');
    const cookies = await login.cookies();
    assert.ok(cookies.some((c) => c.name === 'translator_session' && c.httpOnly && c.sameSite === 'Strict' && !c.value.includes(TOKEN)));
    assert.ok(!out.includes(TOKEN), 'the token is not logged');
  });

  if (process.env.TRANSLATOR_UPDATE_SCREENSHOTS) {
    for (const name of ['overview', 'router']) copyFileSync(join(shots, `${name}.png`), join(REPO_ROOT, 'docs/images', `status-${name}.png`));
  }
});
