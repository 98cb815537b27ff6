// Git and its hooks never see translator's secrets: a real repository whose hooks dump their
// environment, driven through GitOpsRepo (commit, push) and the records branch (update-ref).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv } from '../../../src/gitops/git.js';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { RecordsStore } from '../../../src/deploy/records.js';
import { git, initBare, initRepo, tempDir, writeRepoFile } from '../../helpers/git.js';

const SECRETS = {
  IOS_PASS: 'router-pass-71c3',
  IOS_ENABLE_PASS: 'enable-pass-9e02',
  GITHUB_TOKEN: 'ghp_token_55aa',
  GITLAB_TOKEN: 'glpat_token_66bb',
  WEBHOOK_SECRET: 'hook-secret-77cc',
  EDGE1_PASS: 'named-by-a-setting-88dd',
};

const HOOKS = ['pre-commit', 'commit-msg', 'post-commit', 'pre-push', 'reference-transaction'];

test('git and every hook it runs get a scrubbed environment: no password, token or webhook secret', async (t) => {
  const tmp = tempDir('git-env');
  const saved = { ...process.env };
  t.after(() => {
    process.env = saved;
    tmp.remove();
  });
  const dumps = join(tmp.dir, 'dumps');
  mkdirSync(dumps);
  const repo = initRepo(join(tmp.dir, 'repo'));
  git(repo, 'remote', 'add', 'origin', initBare(join(tmp.dir, 'remote.git')));
  for (const hook of HOOKS) {
    const file = join(repo, '.git', 'hooks', hook);
    writeRepoFile(repo, `.git/hooks/${hook}`, `#!/bin/sh\nenv > "${dumps}/${hook}.$$"\n`);
    chmodSync(file, 0o755);
  }
  Object.assign(process.env, SECRETS, { LC_ALL: 'C', SSH_AUTH_SOCK: '/tmp/agent.sock', GIT_SSH_COMMAND: 'ssh -o BatchMode=yes' });

  const gitops = await GitOpsRepo.open(repo);
  await gitops.writeFiles({ 'routers/edge1/intended.cfg': 'end\n' });
  await gitops.commit({ message: 'edge1: intended', paths: ['routers/edge1/intended.cfg'], author: { name: 't', email: 't@t' } });
  await gitops.push({ remote: 'origin', branch: 'main', retries: 3 });
  const records = new RecordsStore(gitops.git, 'translator/records', { name: 't', email: 't@t' });
  await records.saveBackup('edge1', 'vrf definition x\n', 'd1');

  const files = readdirSync(dumps);
  for (const hook of HOOKS) assert.ok(files.some((f) => f.startsWith(`${hook}.`)), `the ${hook} hook ran`);
  for (const file of files) {
    const text = readFileSync(join(dumps, file), 'utf8');
    for (const [name, value] of Object.entries(SECRETS)) {
      assert.ok(!text.includes(value), `${file}: the value of ${name} reached a hook`);
      assert.ok(!new RegExp(`^${name}=`, 'm').test(text), `${file}: ${name} reached a hook`);
    }
    assert.match(text, /^PATH=/m, `${file}: hooks still get PATH`);
    assert.match(text, /^HOME=/m, `${file}: and HOME`);
    assert.match(text, /^LC_ALL=C$/m, `${file}: and the locale`);
    assert.match(text, /^SSH_AUTH_SOCK=\/tmp\/agent\.sock$/m, `${file}: and the ssh agent (pushing over ssh)`);
  }
});

test('gitEnv keeps the allow-list, the transport settings and our own variables, nothing else', () => {
  const { env, passed } = gitEnv(
    { env: { GIT_INDEX_FILE: '/x/index' } },
    { PATH: '/bin', HOME: '/root', LANG: 'C.UTF-8', LC_CTYPE: 'C', HTTPS_PROXY: 'http://proxy:3128', GIT_SSH_COMMAND: 'ssh -i k', GIT_DIR: '/elsewhere', ...SECRETS, NODE_OPTIONS: '--inspect', DOCKER_HOST: 'unix:///d.sock' },
  );
  assert.deepEqual(Object.keys(env).sort(), ['GIT_INDEX_FILE', 'GIT_LITERAL_PATHSPECS', 'GIT_SSH_COMMAND', 'GIT_TERMINAL_PROMPT', 'HOME', 'HTTPS_PROXY', 'LANG', 'LC_CTYPE', 'PATH']);
  assert.deepEqual(passed, ['GIT_SSH_COMMAND']);
});
