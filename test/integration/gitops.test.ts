/**
 * GitOpsRepo and publishRenders against real repositories: what gets committed, what
 * never does, and refusing to overwrite someone else's edit.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, describe, it } from 'node:test';
import { GitOpsError } from '../../src/gitops/errors.js';
import { intendedCfgPath, stateJsonPath } from '../../src/gitops/layout.js';
import { publishRenders, writeRendersIn, type RouterRender } from '../../src/gitops/publish.js';
import { GitOpsRepo } from '../../src/gitops/repo.js';
import { routerStateFile, serializeState } from '../../src/gitops/state-file.js';
import type { FloatingIp, Rejection } from '../../src/intent/types.js';
import type { DockerState } from '../../src/observe/types.js';
import { commitFile, git, initRepo, status, tempDir, writeRepoFile } from '../helpers/git.js';
import { fip, routerIntent, tenant } from '../unit/gitops/fixtures.js';

const tmp = tempDir('gitops');
after(() => tmp.remove());
let counter = 0;
/** A fresh repository with one commit (a README), like a GitOps repo someone cloned. */
function freshRepo(): string {
  const dir = initRepo(path.join(tmp.dir, `repo-${++counter}`));
  commitFile(dir, 'README.md', '# gitops\n', 'initial');
  return dir;
}

const bot = { name: 'translator bot', email: 'translator@example.invalid' };
const EDGE1 = [intendedCfgPath('edge1'), stateJsonPath('edge1')];
const log = (dir: string, format: string) => git(dir, 'log', `--format=${format}`).trim().split('\n');

async function writeAndCommit(repo: GitOpsRepo, cfg: string, message = `edge1: ${cfg.trim()}`) {
  await repo.writeRouterFiles('edge1', { intendedCfg: cfg, stateJson: `{"cfg":${JSON.stringify(cfg)}}\n` });
  return repo.commit({ message, paths: EDGE1, author: bot });
}

describe('GitOpsRepo.open', () => {
  it('refuses a directory that is not a repository, naming it, unless asked to init', async () => {
    const dir = path.join(tmp.dir, 'not-a-repo');
    await assert.rejects(GitOpsRepo.open(dir), (e: unknown) => e instanceof GitOpsError && e.code === 'not-a-repo' && e.message.includes(dir));
    const repo = await GitOpsRepo.open(dir, { init: { branch: 'main' } });
    assert.equal(await repo.head(), null);
    assert.equal(await repo.currentBranch(), 'main');
    assert.equal(await repo.readFile('anything'), null);
  });

  it('names the current branch in full even when a tag has the same name (symbolic-ref --short would say heads/main)', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    assert.ok(await writeAndCommit(repo, 'tagged\n'));
    git(dir, 'tag', 'main');
    assert.equal(await repo.currentBranch(), 'main');
    git(dir, 'switch', '--quiet', '--detach');
    assert.equal(await repo.currentBranch(), null, 'detached: no branch');
  });

  it('works in a sub-directory of a larger repository, with paths relative to it', async () => {
    const dir = freshRepo();
    mkdirSync(path.join(dir, 'net', 'gitops'), { recursive: true });
    const repo = await GitOpsRepo.open(path.join(dir, 'net', 'gitops'));
    const commit = await writeAndCommit(repo, 'sub\n');
    assert.ok(commit);
    assert.deepEqual(commit.paths, EDGE1);
    assert.equal(git(dir, 'show', 'HEAD:net/gitops/routers/edge1/intended.cfg'), 'sub\n');
    assert.equal(await repo.readFile(intendedCfgPath('edge1')), 'sub\n');
  });
});

describe('GitOpsRepo.commit', () => {
  it('commits the written files with the message and identity given, nothing else', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    const message = 'edge1: add floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)\n\n- edge1: add floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)\n# not a comment\n';
    await repo.writeRouterFiles('edge1', { intendedCfg: 'cfg 1\n', stateJson: '{}\n' });
    const commit = await repo.commit({ message, paths: EDGE1, author: bot, committer: { name: 'ci', email: 'ci@example.invalid' } });
    assert.ok(commit);
    assert.equal(commit.sha, git(dir, 'rev-parse', 'HEAD').trim());
    assert.equal(git(dir, 'log', '-1', '--format=%B'), `${message}\n`);
    assert.deepEqual(log(dir, '%an <%ae> / %cn <%ce>')[0], 'translator bot <translator@example.invalid> / ci <ci@example.invalid>');
    assert.deepEqual(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n'), EDGE1);
    assert.equal(readFileSync(path.join(dir, 'routers/edge1/intended.cfg'), 'utf8'), 'cfg 1\n');
    assert.deepEqual(status(dir), []);
  });

  it('makes no commit when nothing changed', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    assert.ok(await writeAndCommit(repo, 'same\n'));
    const head = git(dir, 'rev-parse', 'HEAD');
    assert.equal(await writeAndCommit(repo, 'same\n'), null);
    assert.equal(git(dir, 'rev-parse', 'HEAD'), head);
    assert.equal(log(dir, '%s').length, 2);
  });

  it('makes the first commit of an empty repository', async () => {
    const dir = initRepo(path.join(tmp.dir, `empty-${++counter}`));
    const repo = await GitOpsRepo.open(dir);
    const commit = await writeAndCommit(repo, 'first\n');
    assert.ok(commit);
    assert.deepEqual(log(dir, '%s'), ['edge1: first']);
  });

  it("leaves someone else's staged, modified and untracked changes uncommitted and intact", async () => {
    const dir = freshRepo();
    commitFile(dir, 'translator.yaml', 'routers: []\n', 'settings');
    writeRepoFile(dir, 'README.md', '# gitops\nwork in progress\n'); // modified, not staged
    writeRepoFile(dir, 'translator.yaml', 'routers: [edge1]\n'); // modified and staged
    git(dir, 'add', 'translator.yaml');
    writeRepoFile(dir, 'notes/todo.txt', 'ask about VLAN 20\n'); // untracked
    const before = status(dir);
    const repo = await GitOpsRepo.open(dir);
    const commit = await writeAndCommit(repo, 'cfg\n');
    assert.ok(commit);
    assert.deepEqual(git(dir, 'show', '--name-only', '--format=', 'HEAD').trim().split('\n'), EDGE1);
    assert.deepEqual(status(dir), before);
    assert.equal(readFileSync(path.join(dir, 'README.md'), 'utf8'), '# gitops\nwork in progress\n');
    assert.equal(git(dir, 'show', ':translator.yaml'), 'routers: [edge1]\n'); // still staged
    assert.equal(readFileSync(path.join(dir, 'notes/todo.txt'), 'utf8'), 'ask about VLAN 20\n');
  });

  it("refuses to overwrite or commit someone else's uncommitted edit of a file it writes", async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    assert.ok(await writeAndCommit(repo, 'v1\n'));
    const file = path.join(dir, 'routers/edge1/intended.cfg');
    writeFileSync(file, 'v1\n! hand-made hotfix\n');
    await assert.rejects(writeAndCommit(repo, 'v2\n'), (e: unknown) =>
      e instanceof GitOpsError && e.code === 'foreign-change' && e.message.includes('routers/edge1/intended.cfg'));
    await assert.rejects(repo.commit({ message: 'x', paths: EDGE1, author: bot }), GitOpsError);
    assert.equal(readFileSync(file, 'utf8'), 'v1\n! hand-made hotfix\n');
    assert.equal(log(dir, '%s').length, 2);
    // A staged foreign edit is refused as well.
    git(dir, 'add', 'routers/edge1/intended.cfg');
    await assert.rejects(writeAndCommit(repo, 'v2\n'), GitOpsError);
    assert.equal(git(dir, 'show', ':routers/edge1/intended.cfg'), 'v1\n! hand-made hotfix\n');
  });

  it('takes over its own earlier uncommitted write, and a file that already holds what it would write', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    await repo.writeRouterFiles('edge1', { intendedCfg: 'draft\n', stateJson: '{}\n' }); // e.g. `render`, or a crash before commit
    assert.ok(await writeAndCommit(repo, 'final\n'));
    writeRepoFile(dir, 'routers/edge1/intended.cfg', 'next\n'); // written by plain fs, same as what comes next
    assert.ok(await writeAndCommit(repo, 'next\n'));
    assert.deepEqual(status(dir), []);
  });

  it('tells what changed when its staged write was followed by what the caller writes now (back to HEAD, or on)', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    assert.ok(await writeAndCommit(repo, 'v1\n'));
    const files = (cfg: string) => ({ [intendedCfgPath('edge1')]: cfg, [stateJsonPath('edge1')]: `{"cfg":${JSON.stringify(cfg)}}\n` });
    await repo.writeFiles(files('v2\n'));
    git(dir, 'add', ...EDGE1); // someone staged translator's own write
    for (const [p, text] of Object.entries(files('v1\n'))) writeRepoFile(dir, p, text); // the caller wrote HEAD's text back
    assert.deepEqual(status(dir).sort(), EDGE1.map((p) => `MM ${p}`).sort(), 'staged, then changed again');
    assert.equal(await repo.commit({ message: 'back', paths: EDGE1, written: files('v1\n'), author: bot }), null, 'HEAD again: no commit');
    assert.equal(log(dir, '%s').length, 2);
    for (const [p, text] of Object.entries(files('v3\n'))) writeRepoFile(dir, p, text);
    const on = await repo.commit({ message: 'v3', paths: EDGE1, written: files('v3\n'), author: bot });
    assert.deepEqual(on?.paths, EDGE1);
    assert.equal(git(dir, 'show', `HEAD:${intendedCfgPath('edge1')}`), 'v3\n');
    assert.deepEqual(status(dir), []);
    // Without `written`, the same state is someone else's change (the record holds v2).
    await repo.writeFiles(files('v4\n'));
    git(dir, 'add', ...EDGE1);
    writeRepoFile(dir, intendedCfgPath('edge1'), 'v5\n');
    await assert.rejects(repo.commit({ message: 'v5', paths: EDGE1, author: bot }), (e: unknown) => e instanceof GitOpsError && e.code === 'foreign-change');
  });

  it('reads files from older commits', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    const first = await writeAndCommit(repo, 'one\n');
    await writeAndCommit(repo, 'two\n');
    assert.equal(await repo.readFile(intendedCfgPath('edge1'), first!.sha), 'one\n');
    assert.equal(await repo.readFile(intendedCfgPath('edge1')), 'two\n');
    assert.equal(await repo.readFile(intendedCfgPath('edge2')), null);
  });
});

describe('publishRenders', () => {
  const docker: DockerState = {
    networks: [{ id: 'id-mytenant', name: 'mytenant', created: '2026-01-01T00:00:00Z', driver: 'macvlan', subnet: '192.168.1.0/24', gateway: '192.168.1.254', parent: 'eth1.10', labels: {} }],
    containers: [
      { id: 'id-web', name: 'web', created: '2026-01-01T00:00:00Z', running: true, labels: { global_ip: '10.0.1.1' }, addresses: { mytenant: '192.168.1.1' } },
      { id: 'id-bad', name: 'bad', created: '2026-01-01T00:00:00Z', running: true, labels: { global_ip: '10.0.1.1 vrf x' }, addresses: { mytenant: '192.168.1.9' } },
    ],
  };
  const rejection: Rejection = { kind: 'container', object: 'bad', router: 'edge1', code: 'badGlobalIp', reason: 'label global_ip "10.0.1.1 vrf x" is not a plain IPv4 address' };
  const render = (fips: FloatingIp[], rejections: Rejection[]): RouterRender => {
    const intent = { routers: [routerIntent([tenant('mytenant', 10, '192.168.1')], fips)], rejections };
    return { router: 'edge1', intendedCfg: `! ${fips.length} floating IPs\n`, stateJson: serializeState(routerStateFile('edge1', intent, docker)) };
  };
  const web = fip('10.0.1.1', '192.168.1.1', 'mytenant', 'web');

  it('commits in words what changed since the last commit, and nothing when nothing did', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    const first = await publishRenders(repo, [render([], [])], { author: bot });
    assert.equal(
      first.commit?.message,
      'edge1: add tenant mytenant (VLAN 10, 192.168.1.0/24)\n\n' +
        '- edge1: add tenant mytenant (VLAN 10, 192.168.1.0/24 via GigabitEthernet2.10)\n',
    );

    const second = await publishRenders(repo, [render([web], [rejection])], { author: bot });
    assert.equal(
      second.commit?.message,
      'edge1: 2 changes (1 floating IP added, 1 object rejected)\n\n' +
        '- edge1: add floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)\n' +
        '- edge1: reject container bad: label global_ip "10.0.1.1 vrf x" is not a plain IPv4 address\n',
    );
    const state = JSON.parse(readFileSync(path.join(dir, 'routers/edge1/state.json'), 'utf8'));
    assert.deepEqual(state.rejections, [rejection]);
    assert.deepEqual(state.docker.containers.map((c: { name: string }) => c.name), ['bad', 'web']);

    const third = await publishRenders(repo, [render([web], [rejection])], { author: bot });
    assert.equal(third.commit, null);
    assert.deepEqual(third.changes, []);

    const fourth = await publishRenders(repo, [render([], [])], { author: bot });
    assert.deepEqual(fourth.changes.map((c) => c.text), [
      'edge1: remove floating IP 10.0.1.1 → 192.168.1.1 (mytenant/web)',
      'edge1: clear rejection of container bad (was: label global_ip "10.0.1.1 vrf x" is not a plain IPv4 address)',
    ]);
    assert.equal(log(dir, '%s').length, 4);
  });

  it('commits several routers in one commit, or none of them when one holds a foreign edit', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    const edge2 = (cfg: string): RouterRender => {
      const intent = { routers: [routerIntent([tenant('blue', 20, '10.2.0')], [], { router: 'edge2' })], rejections: [] };
      return { router: 'edge2', intendedCfg: cfg, stateJson: serializeState(routerStateFile('edge2', intent, { networks: [], containers: [] })) };
    };
    const both = await publishRenders(repo, [render([web], []), edge2('! edge2\n')], { author: bot });
    assert.equal(both.commit?.message.split('\n')[0], 'edge1, edge2: 3 changes (2 tenants added, 1 floating IP added)');
    assert.deepEqual(both.commit?.paths, [...EDGE1, intendedCfgPath('edge2'), stateJsonPath('edge2')].sort());

    writeRepoFile(dir, 'routers/edge2/intended.cfg', '! edge2\n! hand edit\n');
    await assert.rejects(publishRenders(repo, [render([], []), edge2('! edge2 v2\n')], { author: bot }), (e: unknown) =>
      e instanceof GitOpsError && e.code === 'foreign-change' && e.message.includes('routers/edge2/intended.cfg'));
    assert.equal(readFileSync(path.join(dir, 'routers/edge1/intended.cfg'), 'utf8'), '! 1 floating IPs\n'); // edge1 not written either
    assert.deepEqual(status(dir), [' M routers/edge2/intended.cfg']);
  });

  it('describes everything as new when the committed state.json cannot be read', async () => {
    const dir = freshRepo();
    commitFile(dir, 'routers/edge1/state.json', '{"hand": "made"}\n', 'someone wrote this by hand');
    const repo = await GitOpsRepo.open(dir);
    const result = await publishRenders(repo, [render([web], [])], { author: bot });
    assert.deepEqual(result.changes.map((c) => c.kind), ['tenant-added', 'floating-ip-added']);
  });

  it('says so when only the rendered text changed (templates), not the intent', async () => {
    const dir = freshRepo();
    const repo = await GitOpsRepo.open(dir);
    await publishRenders(repo, [render([web], [])], { author: bot });
    const retemplated = { ...render([web], []), intendedCfg: '! new template\n' };
    const result = await publishRenders(repo, [retemplated], { author: bot });
    assert.deepEqual(result.changes.map((c) => c.kind), ['config-updated']);
    assert.ok(result.commit);
  });
});

describe('GitOpsRepo.commit with hooks', () => {
  it("reports a refusing pre-commit hook as commit-failed with the hook's words", async () => {
    const dir = freshRepo();
    writeFileSync(path.join(dir, '.git/hooks/pre-commit'), '#!/bin/sh\necho "policy: no router changes on Fridays" >&2\nexit 1\n', { mode: 0o755 });
    const repo = await GitOpsRepo.open(dir);
    await assert.rejects(writeAndCommit(repo, 'cfg\n'), (e: unknown) =>
      e instanceof GitOpsError && e.code === 'commit-failed' && /no router changes on Fridays/.test(e.message));
    assert.equal(log(dir, '%s').length, 1);
  });
});

describe('GitOpsRepo.commit in an unusual repository state', () => {
  it('refuses clearly (commit-failed) in the middle of a merge, and leaves the merge alone', async () => {
    const dir = freshRepo();
    git(dir, 'checkout', '--quiet', '-b', 'side');
    commitFile(dir, 'README.md', '# side\n', 'side');
    git(dir, 'checkout', '--quiet', 'main');
    commitFile(dir, 'README.md', '# main\n', 'main');
    assert.throws(() => git(dir, 'merge', '--quiet', 'side')); // conflict: a human is mid-merge
    const repo = await GitOpsRepo.open(dir);
    await assert.rejects(writeAndCommit(repo, 'cfg\n'), (e: unknown) =>
      e instanceof GitOpsError && e.code === 'commit-failed' && /merge/.test(e.message));
    assert.ok(existsSync(path.join(dir, '.git/MERGE_HEAD')));
    assert.match(readFileSync(path.join(dir, 'README.md'), 'utf8'), /<<<<<<</);
  });
});

describe('writeRendersIn (translator render)', () => {
  const state = (n: number) =>
    serializeState(routerStateFile('edge1', { routers: [routerIntent([tenant(`t${n}`, n, '10.1.0')], [])], rejections: [] }, { networks: [], containers: [] }));

  it('in a repository: a later commit of a different render takes over the files render wrote', async () => {
    const dir = freshRepo();
    assert.deepEqual(await writeRendersIn(dir, [{ router: 'edge1', intendedCfg: '! one\n', stateJson: state(1) }]), EDGE1);
    const repo = await GitOpsRepo.open(dir);
    const result = await publishRenders(repo, [{ router: 'edge1', intendedCfg: '! two\n', stateJson: state(2) }], { author: bot });
    assert.ok(result.commit);
    assert.equal(git(dir, 'show', 'HEAD:routers/edge1/intended.cfg'), '! two\n');
  });

  it("in a repository: refuses to clobber someone's edit; outside one: plain files", async () => {
    const dir = freshRepo();
    writeRepoFile(dir, 'routers/edge1/intended.cfg', '! mine\n');
    await assert.rejects(writeRendersIn(dir, [{ router: 'edge1', intendedCfg: '! x\n', stateJson: '{}\n' }]), GitOpsError);
    const plain = path.join(tmp.dir, `plain-${++counter}`);
    await writeRendersIn(plain, [{ router: 'edge1', intendedCfg: '! x\n', stateJson: '{}\n' }]);
    assert.equal(readFileSync(path.join(plain, 'routers/edge1/intended.cfg'), 'utf8'), '! x\n');
  });
});
