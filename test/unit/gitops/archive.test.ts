// The archive commit of a decommissioned router, on real repositories: built without touching HEAD,
// the index or the work tree; taken by a fast-forward; inside a GitOps sub-directory of a monorepo.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareArchive, takeArchive } from '../../../src/gitops/archive.js';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { commitFile, git, initRepo, status, tempDir } from '../../helpers/git.js';

const AUTHOR = { name: 'translator', email: 'translator@localhost' };

test('routers/<r>/ moves to archive/routers/<r>/<stamp>/ in one commit, built first and taken later', async (t) => {
  const tmp = tempDir('archive');
  t.after(tmp.remove);
  const root = initRepo(join(tmp.dir, 'mono'));
  commitFile(root, 'ops/routers/edge1/intended.cfg', 'vrf definition a\n', 'edge1');
  commitFile(root, 'ops/routers/edge1/state.json', '{}\n', 'edge1 state');
  commitFile(root, 'ops/routers/edge2/intended.cfg', 'end\n', 'edge2');
  const head = commitFile(root, 'app/README', 'not ours\n', 'someone else');
  writeFileSync(join(root, 'app/README'), 'being edited\n');
  const before = status(root);
  const repo = await GitOpsRepo.open(join(root, 'ops'));

  assert.equal(await prepareArchive(repo, { router: 'edge3', stamp: '20260101T000000Z', reason: 'r', author: AUTHOR }), null, 'nothing to archive');
  const archive = (await prepareArchive(repo, { router: 'edge1', stamp: '20260102T030405Z', reason: 'edge1 leaves the fleet.', author: AUTHOR }))!;
  assert.deepEqual([archive.from, archive.to], ['routers/edge1', 'archive/routers/edge1/20260102T030405Z']);
  assert.equal(git(root, 'rev-parse', 'HEAD').trim(), head, 'HEAD untouched until taken');
  assert.deepEqual(status(root), before, 'index and work tree untouched');
  assert.equal(git(root, 'rev-parse', `${archive.commit}^`).trim(), head);
  assert.deepEqual(git(root, 'diff', '--name-status', '-M', head, archive.commit).trim().split('\n').sort(), [
    'R100\tops/routers/edge1/intended.cfg\tops/archive/routers/edge1/20260102T030405Z/intended.cfg',
    'R100\tops/routers/edge1/state.json\tops/archive/routers/edge1/20260102T030405Z/state.json',
  ]);
  assert.match(git(root, 'log', '-1', '--format=%B', archive.commit), /^edge1: decommission: routers\/edge1\/ archived to archive\/routers\/edge1\/20260102T030405Z\/\n\nedge1 leaves the fleet\.\n/);

  await takeArchive(repo, archive);
  assert.equal(git(root, 'rev-parse', 'HEAD').trim(), archive.commit);
  assert.ok(!existsSync(join(root, 'ops/routers/edge1')));
  assert.equal(readFileSync(join(root, 'ops/archive/routers/edge1/20260102T030405Z/intended.cfg'), 'utf8'), 'vrf definition a\n');
  assert.deepEqual(status(root), before, "someone's edit elsewhere stays as it was");
});

test("someone's uncommitted change in routers/<r>/ refuses the archive", async (t) => {
  const tmp = tempDir('archive-dirty');
  t.after(tmp.remove);
  const dir = initRepo(join(tmp.dir, 'repo'));
  commitFile(dir, 'routers/edge1/intended.cfg', 'end\n', 'edge1');
  writeFileSync(join(dir, 'routers/edge1/intended.cfg'), 'edited by hand\n');
  const repo = await GitOpsRepo.open(dir);
  await assert.rejects(prepareArchive(repo, { router: 'edge1', stamp: '20260101T000000Z', reason: 'r', author: AUTHOR }), /routers\/edge1\/ holds uncommitted changes/);
  await assert.rejects(prepareArchive(repo, { router: 'edge1', stamp: 'yesterday', reason: 'r', author: AUTHOR }), /not an archive stamp/);
});
