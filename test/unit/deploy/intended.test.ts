import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resolveDeployRef } from '../../../src/deploy/intended.js';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import { commitFile, git, initRepo, tempDir } from '../../helpers/git.js';

const settingsWith = (git: Record<string, unknown>) =>
  settingsSchemas().settingsSchema.parse({ routers: [{ name: 'edge1', inside: 'GigabitEthernet2', outside: 'GigabitEthernet1' }], git });

test('the deploy branch is read as that branch: a tag or a ref of the same name never stands in for it; --ref is read as git reads a revision', async (t) => {
  const tmp = tempDir('intended');
  t.after(tmp.remove);
  const dir = initRepo(join(tmp.dir, 'repo'));
  const branchTip = commitFile(dir, 'a.txt', 'a\n', 'the branch');
  git(dir, 'switch', '--quiet', '-c', 'elsewhere');
  const other = commitFile(dir, 'b.txt', 'b\n', 'somewhere else');
  git(dir, 'tag', 'main'); // git's own lookup prefers refs/tags/main to refs/heads/main
  git(dir, 'switch', '--quiet', 'main');
  const repo = await GitOpsRepo.open(dir);

  assert.deepEqual(await resolveDeployRef(repo, settingsWith({ branch: 'main' })), { ref: 'main', commit: branchTip });
  assert.deepEqual(await resolveDeployRef(repo, settingsWith({})), { ref: 'main', commit: branchTip }, 'the checked-out branch, as a branch');
  assert.deepEqual(await resolveDeployRef(repo, settingsWith({ branch: 'main' }), 'main'), { ref: 'main', commit: other }, '--ref main: git reads the tag');
  await assert.rejects(resolveDeployRef(repo, settingsWith({ branch: 'absent' })), /the deploy branch "absent" has no commit in /);
});
