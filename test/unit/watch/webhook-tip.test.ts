// What a webhook deploys, on real repositories: the branch tip as fetched, for a push naming the
// tip or one of its ancestors; nothing for a commit that is not on the branch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { GitOpsRepo } from '../../../src/gitops/repo.js';
import { tipToDeploy } from '../../../src/watch/webhook-tip.js';
import { commitFile, git, sharedRemote } from '../../helpers/git.js';

test('the tip as fetched: a push naming an older commit deploys the tip; one off the branch deploys nothing', async (t) => {
  const { clones, dir } = sharedRemote(t, 'webhook-tip', 2);
  const [daemon, developer] = clones as [string, string];
  const gitOf = await GitOpsRepo.open(daemon);
  const old = commitFile(developer, 'routers/edge1/intended.cfg', 'one\n', 'first config');
  git(developer, 'push', '-q', 'origin', 'main');
  const tip = commitFile(developer, 'routers/edge1/intended.cfg', 'two\n', 'second config');
  git(developer, 'push', '-q', 'origin', 'main');

  // The daemon's clone has not fetched either commit: the route fetches before deciding.
  assert.deepEqual(await tipToDeploy(gitOf, 'origin', 'main', tip), { deploy: tip });
  assert.deepEqual(await tipToDeploy(gitOf, 'origin', 'main', old), { deploy: tip }, 'an older push deploys the tip, not its own commit');

  git(developer, 'switch', '-q', '-c', 'feature', old);
  const side = commitFile(developer, 'routers/edge1/intended.cfg', 'side\n', 'on a feature branch');
  git(developer, 'push', '-q', 'origin', 'feature');
  git(daemon, 'fetch', '-q', 'origin', 'feature');
  const offBranch = await tipToDeploy(gitOf, 'origin', 'main', side);
  assert.ok('ignore' in offBranch && !offBranch.retry && /is not on main/.test(offBranch.ignore), JSON.stringify(offBranch));

  const unknown = await tipToDeploy(gitOf, 'origin', 'main', 'f'.repeat(40));
  assert.ok('ignore' in unknown && !unknown.retry && /not in main as fetched/.test(unknown.ignore), JSON.stringify(unknown));

  // No remote in this repository: the local branch is the branch.
  git(daemon, 'merge', '-q', '--ff-only', 'refs/remotes/origin/main');
  git(daemon, 'remote', 'remove', 'origin');
  assert.deepEqual(await tipToDeploy(gitOf, 'origin', 'main', old), { deploy: tip });

  // A remote that cannot be reached: nothing deployed, and the delivery may be retried.
  git(daemon, 'remote', 'add', 'origin', join(dir, 'gone.git'));
  const unreachable = await tipToDeploy(gitOf, 'origin', 'main', tip);
  assert.ok('ignore' in unreachable && unreachable.retry && /fetching main from origin failed/.test(unreachable.ignore), JSON.stringify(unreachable));
});
