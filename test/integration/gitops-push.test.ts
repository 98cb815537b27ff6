/**
 * GitOpsRepo.push against real remotes: a bare repository over file:// and the same
 * served by `git daemon` over git://. Concurrent pushers are real clones.
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { GitOpsError } from '../../src/gitops/errors.js';
import { intendedCfgPath, stateJsonPath } from '../../src/gitops/layout.js';
import { GitOpsRepo } from '../../src/gitops/repo.js';
import {
  cloneRepo,
  commitFile,
  git,
  initBare,
  startGitDaemon,
  status,
  tempDir,
  writeRepoFile,
  type GitDaemon,
} from '../helpers/git.js';

const tmp = tempDir('gitops-push');
after(() => tmp.remove());
let counter = 0;

const bot = { name: 'translator bot', email: 'translator@example.invalid' };
const EDGE1 = [intendedCfgPath('edge1'), stateJsonPath('edge1')];
/** Where every push of these tests goes, with the settings' default number of retries. */
const ORIGIN = { remote: 'origin', retries: 3 };

/** A bare remote with one commit on main, and its path. */
function seededRemote(): { bare: string; url: string } {
  const n = ++counter;
  const bare = path.join(tmp.dir, `remote-${n}.git`);
  const url = initBare(bare);
  const seed = cloneRepo(url, path.join(tmp.dir, `seed-${n}`));
  commitFile(seed, 'README.md', '# gitops\n', 'initial');
  git(seed, 'push', '--quiet', 'origin', 'main');
  return { bare, url };
}

function clone(url: string, label: string): string {
  return cloneRepo(url, path.join(tmp.dir, `${label}-${++counter}`), label, `${label}@example.invalid`);
}

async function commitRouter(repo: GitOpsRepo, cfg: string, author = bot) {
  await repo.writeRouterFiles('edge1', { intendedCfg: cfg, stateJson: `{"cfg":${JSON.stringify(cfg)}}\n` });
  const commit = await repo.commit({ message: `edge1: ${cfg.trim()}`, paths: EDGE1, author });
  assert.ok(commit, 'expected a commit');
  return commit;
}

const remoteLog = (bare: string, branch = 'main') => git(bare, 'log', '--format=%s', branch).trim().split('\n');

describe('push over file://', () => {
  it('pushes to the current branch and creates a remote branch that does not exist yet', async () => {
    const { bare, url } = seededRemote();
    const dir = clone(url, 'host');
    const repo = await GitOpsRepo.open(dir);
    const commit = await commitRouter(repo, 'one\n');
    const pushed = await repo.push(ORIGIN);
    assert.deepEqual(pushed, { remote: 'origin', branch: 'main', sha: commit.sha, attempts: 1, replayed: 0 });
    assert.equal(git(bare, 'rev-parse', 'main').trim(), commit.sha);

    const review = await repo.push({ ...ORIGIN, branch: 'translator/edge1' });
    assert.equal(review.attempts, 1);
    assert.equal(git(bare, 'rev-parse', 'translator/edge1').trim(), commit.sha);
  });

  it('pushes the first commit into an empty remote', async () => {
    const bare = path.join(tmp.dir, `empty-${++counter}.git`);
    const url = initBare(bare);
    const dir = clone(url, 'host');
    const repo = await GitOpsRepo.open(dir);
    await commitRouter(repo, 'first\n');
    await repo.push({ ...ORIGIN, remote: url, branch: 'main' });
    assert.deepEqual(remoteLog(bare), ['edge1: first']);
  });

  it('after a non-fast-forward rejection, rebases onto the remote and retries: both commits land', async () => {
    const { bare, url } = seededRemote();
    const host = clone(url, 'host');
    const other = clone(url, 'other');
    const repo = await GitOpsRepo.open(host);
    writeRepoFile(host, 'README.md', '# gitops\nlocal draft\n'); // someone's uncommitted work on the host
    writeRepoFile(host, 'scratch.txt', 'untracked\n');
    const before = status(host);
    await commitRouter(repo, 'ours\n');

    commitFile(other, 'translator.yaml', 'routers: [edge1]\n', 'settings: add edge1');
    git(other, 'push', '--quiet', 'origin', 'main');

    const pushed = await repo.push({ ...ORIGIN, committer: { name: 'ci', email: 'ci@example.invalid' } });
    assert.equal(pushed.attempts, 2);
    assert.equal(pushed.replayed, 1);
    assert.deepEqual(remoteLog(bare), ['edge1: ours', 'settings: add edge1', 'initial']);
    assert.equal(git(bare, 'rev-parse', 'main').trim(), pushed.sha);
    // The replayed commit keeps its author; the committer is the configured one.
    assert.equal(git(bare, 'log', '-1', '--format=%an / %cn', 'main').trim(), 'translator bot / ci');
    // The host's branch, index and work tree follow; the uncommitted work is untouched.
    assert.equal(git(host, 'rev-parse', 'HEAD').trim(), pushed.sha);
    assert.equal(readFileSync(path.join(host, 'translator.yaml'), 'utf8'), 'routers: [edge1]\n');
    assert.deepEqual(status(host), before);
    assert.equal(readFileSync(path.join(host, 'README.md'), 'utf8'), '# gitops\nlocal draft\n');
    assert.equal(existsSync(path.join(host, '.git', 'rebase-merge')), false);
  });

  it('drops a local commit the remote already has (two hosts rendered the same change)', async () => {
    const { bare, url } = seededRemote();
    const hostA = await GitOpsRepo.open(clone(url, 'a'));
    const hostB = await GitOpsRepo.open(clone(url, 'b'));
    // Different authors: identical commits (same second, same identity) would share one id
    // and never conflict at all; this checks the replay that finds nothing left to add.
    await commitRouter(hostA, 'same\n', { name: 'host a', email: 'a@example.invalid' });
    await commitRouter(hostB, 'same\n', { name: 'host b', email: 'b@example.invalid' });
    await hostA.push(ORIGIN);
    const pushed = await hostB.push(ORIGIN);
    assert.equal(pushed.attempts, 2);
    assert.equal(remoteLog(bare).filter((s) => s === 'edge1: same').length, 1);
    assert.equal(pushed.sha, git(bare, 'rev-parse', 'main').trim());
  });

  it('stops with a clear error when the remote changed the same router files; nothing is lost', async () => {
    const { bare, url } = seededRemote();
    const host = clone(url, 'host');
    const other = clone(url, 'other');
    const repo = await GitOpsRepo.open(host);
    writeRepoFile(host, 'scratch.txt', 'untracked\n');
    const ours = await commitRouter(repo, 'ours\n');
    const before = status(host);

    commitFile(other, 'routers/edge1/intended.cfg', 'theirs\n', 'edge1: hand edit');
    git(other, 'push', '--quiet', 'origin', 'main');
    const remoteTip = git(bare, 'rev-parse', 'main').trim();

    await assert.rejects(repo.push(ORIGIN), (e: unknown) => {
      assert.ok(e instanceof GitOpsError);
      assert.equal(e.code, 'push-conflict');
      assert.match(e.message, /routers\/edge1\/intended\.cfg/);
      assert.match(e.message, /Nothing was pushed/);
      return true;
    });
    assert.equal(git(host, 'rev-parse', 'HEAD').trim(), ours.sha); // our commit intact
    assert.equal(readFileSync(path.join(host, 'routers/edge1/intended.cfg'), 'utf8'), 'ours\n');
    assert.deepEqual(status(host), before);
    assert.equal(existsSync(path.join(host, '.git', 'rebase-merge')), false);
    assert.equal(existsSync(path.join(host, '.git', 'rebase-apply')), false);
    assert.equal(git(bare, 'rev-parse', 'main').trim(), remoteTip); // remote untouched
  });

  it('refuses to update a work tree whose uncommitted change is in a file the remote changed', async () => {
    const { bare, url } = seededRemote();
    const host = clone(url, 'host');
    const other = clone(url, 'other');
    const repo = await GitOpsRepo.open(host);
    const ours = await commitRouter(repo, 'ours\n');
    writeRepoFile(host, 'README.md', '# gitops\nlocal draft\n');
    commitFile(other, 'README.md', '# gitops\nupstream edit\n', 'docs');
    git(other, 'push', '--quiet', 'origin', 'main');

    await assert.rejects(repo.push(ORIGIN), (e: unknown) => e instanceof GitOpsError && e.code === 'local-change-blocks-update');
    assert.equal(git(host, 'rev-parse', 'HEAD').trim(), ours.sha);
    assert.equal(readFileSync(path.join(host, 'README.md'), 'utf8'), '# gitops\nlocal draft\n');
    assert.deepEqual(remoteLog(bare), ['docs', 'initial']);
  });

  it('gives up after the configured number of retries when the remote keeps moving', async () => {
    const { bare, url } = seededRemote();
    // A pre-receive hook that advances main before every push lands, so each push loses the race.
    const hook = path.join(bare, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      [
        '#!/bin/sh',
        'unset GIT_QUARANTINE_PATH GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES',
        'n=$(cat attempts 2>/dev/null || echo 0); echo $((n + 1)) > attempts',
        'tip=$(git rev-parse refs/heads/main)',
        'export GIT_AUTHOR_NAME=mover GIT_AUTHOR_EMAIL=m@example.invalid GIT_COMMITTER_NAME=mover GIT_COMMITTER_EMAIL=m@example.invalid',
        'c=$(git commit-tree "$tip^{tree}" -p "$tip" -m "moved $n")',
        'git update-ref refs/heads/main "$c" "$tip"',
        '',
      ].join('\n'),
    );
    chmodSync(hook, 0o755);
    const host = clone(url, 'host');
    const repo = await GitOpsRepo.open(host);
    const ours = await commitRouter(repo, 'ours\n');

    await assert.rejects(repo.push({ ...ORIGIN, retries: 2 }), (e: unknown) =>
      e instanceof GitOpsError && e.code === 'push-retries-exhausted' && /after 2 fetch-and-rebase retries/.test(e.message));
    assert.equal(readFileSync(path.join(bare, 'attempts'), 'utf8').trim(), '3'); // 1 push + 2 retries
    assert.ok(!remoteLog(bare).includes('edge1: ours'));
    // The local commit is intact (replayed onto the remote's moves, never lost).
    assert.equal(git(host, 'log', '-1', '--format=%s').trim(), 'edge1: ours');
    assert.equal(git(host, 'show', `HEAD:${EDGE1[0]}`), 'ours\n');
    assert.notEqual(git(host, 'rev-parse', 'HEAD').trim(), ours.sha);
  });

  it('does not retry a refusal that a rebase cannot cure', async () => {
    const { bare, url } = seededRemote();
    const hook = path.join(bare, 'hooks', 'pre-receive');
    writeFileSync(hook, '#!/bin/sh\necho x >> attempts\necho "protected branch" >&2\nexit 1\n');
    chmodSync(hook, 0o755);
    const repo = await GitOpsRepo.open(clone(url, 'host'));
    await commitRouter(repo, 'ours\n');
    await assert.rejects(repo.push(ORIGIN), (e: unknown) =>
      e instanceof GitOpsError && e.code === 'push-failed' && /protected branch/.test(e.message));
    assert.equal(readFileSync(path.join(bare, 'attempts'), 'utf8'), 'x\n');
  });
});

describe('push over git:// (git daemon)', () => {
  let daemon: GitDaemon;
  let bare: string;
  before(async () => {
    ({ bare } = seededRemote());
    daemon = await startGitDaemon(path.dirname(bare));
  });
  after(() => daemon?.stop());

  it('pushes, and retries past a concurrent push from another clone', async () => {
    const url = daemon.url(path.basename(bare));
    const host = clone(url, 'host');
    const other = clone(url, 'other');
    const repo = await GitOpsRepo.open(host);
    await commitRouter(repo, 'one\n');
    assert.equal((await repo.push(ORIGIN)).attempts, 1);

    await commitRouter(repo, 'two\n');
    git(other, 'pull', '--quiet', '--ff-only');
    commitFile(other, 'translator.yaml', 'routers: []\n', 'settings');
    git(other, 'push', '--quiet', 'origin', 'main');

    const pushed = await repo.push(ORIGIN);
    assert.equal(pushed.attempts, 2);
    assert.deepEqual(remoteLog(bare), ['edge1: two', 'settings', 'edge1: one', 'initial']);
  });
});
