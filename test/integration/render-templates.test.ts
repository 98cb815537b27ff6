/**
 * Issue 10, item 8, through the real CLI in a real Git repository: a template override merged into
 * the repository cannot read translator's secrets, and an override is never used without the
 * setting that enables it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_STATE } from '../../src/cli/example-state.js';
import { runCli } from '../helpers/cli.js';
import { git, initRepo, tempDir } from '../helpers/git.js';

const SECRET = 'router-password-9f3a';
const ENV = { INSIDE_INTERFACE: 'GigabitEthernet2', OUTSIDE_INTERFACE: 'GigabitEthernet1', IOS_PASS: SECRET };

function repoWithOverride(dir: string, template: string, settings: string): { repo: string; state: string } {
  const repo = initRepo(join(dir, 'repo'));
  writeFileSync(join(repo, 'translator.yaml'), settings);
  mkdirSync(join(repo, 'templates', 'iosxe'), { recursive: true });
  writeFileSync(join(repo, 'templates', 'iosxe', 'route-maps.cfg.njk'), template);
  git(repo, 'add', '.');
  git(repo, 'commit', '--quiet', '-m', 'a merged pull request with a template override');
  const state = join(dir, 'state.json');
  writeFileSync(state, JSON.stringify(EXAMPLE_STATE));
  return { repo, state };
}

test('an override while render.templateOverrides is off: commit refuses, names the files and the setting, commits nothing', async (t) => {
  const tmp = tempDir('templates');
  t.after(tmp.remove);
  const { repo, state } = repoWithOverride(tmp.dir, '! harmless\n', 'egress: set-global\n');
  const result = await runCli(['commit', '--repo', repo, '--state', state], { env: ENV });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /templates\/iosxe\/ in the repository holds template overrides \(route-maps\.cfg\.njk\), but render\.templateOverrides is not enabled/);
  assert.doesNotMatch(result.stderr, /unexpected error/);
  assert.equal(git(repo, 'rev-list', '--count', 'HEAD').trim(), '1');
  assert.equal(existsSync(join(repo, 'routers')), false);
});

test('enabled, an override renders; a hostile one gets neither the password nor the process, and nothing is committed', async (t) => {
  const tmp = tempDir('templates');
  t.after(tmp.remove);
  const settings = 'render:\n  templateOverrides: true\n';

  const benign = repoWithOverride(join(tmp.dir, 'benign'), '{% for t in tenants %}! egress of {{ t.vrf }} is upstream\n{% endfor %}', settings);
  const rendered = await runCli(['render', '--stdout', '--repo', benign.repo, '--state', benign.state], { env: ENV });
  assert.equal(rendered.code, 0, rendered.stderr);
  assert.match(rendered.stdout, /^! egress of mytenant is upstream$/m);
  assert.match(rendered.stdout, /^ip nat inside source static 192\.168\.1\.1 10\.0\.1\.1 vrf mytenant$/m);

  const marker = join(tmp.dir, 'pwned');
  const hostile = repoWithOverride(
    join(tmp.dir, 'hostile'),
    `! {{ range.constructor("process.getBuiltinModule('fs').writeFileSync('${marker}', 'x'); return process.env.IOS_PASS")() }}\n`,
    settings,
  );
  const result = await runCli(['commit', '--repo', hostile.repo, '--state', hostile.state], { env: ENV });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /the templates failed to render: .*process is not defined/);
  assert.ok(!`${result.stdout}${result.stderr}`.includes(SECRET), 'the password appears nowhere');
  assert.equal(existsSync(marker), false, 'no file was written');
  assert.equal(git(hostile.repo, 'rev-list', '--count', 'HEAD').trim(), '1', 'nothing was committed');
});
