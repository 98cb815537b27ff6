// Lease pushes asked for together go in one `git push` (lease-push.ts), each ref still a
// compare-and-swap of its own: a ref whose expected value is stale is rejected alone, the others
// land. A real bare remote, with a pre-receive hook that logs each push's ref updates.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Git } from '../../../src/gitops/git.js';
import { pushLease } from '../../../src/deploy/lease-push.js';
import { commitFile, git, initBare, initRepo, tempDir } from '../../helpers/git.js';

test('moves asked for together: one push; each ref lands or is rejected on its own compare-and-swap', async (t) => {
  const tmp = tempDir('lease-push');
  t.after(tmp.remove);
  const remoteDir = join(tmp.dir, 'remote.git');
  const remote = initBare(remoteDir);
  const log = join(tmp.dir, 'pushes.log');
  const hook = join(remoteDir, 'hooks', 'pre-receive');
  writeFileSync(hook, `#!/bin/sh\n{ cat; echo --; } >> ${JSON.stringify(log)}\n`);
  chmodSync(hook, 0o755);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const first = commitFile(repo, 'a', '1\n', 'first');
  const second = commitFile(repo, 'a', '2\n', 'second');
  git(repo, 'push', '-q', remote, `${first}:refs/translator/leases/held`, `${first}:refs/translator/leases/mine`);
  writeFileSync(log, '');
  const g = new Git(repo);
  const ref = (name: string) => `refs/translator/leases/${name}`;

  const lead = pushLease(g, remote, { ref: ref('lead'), commit: first, expected: null });
  const together = Promise.allSettled([
    pushLease(g, remote, { ref: ref('free1'), commit: second, expected: null }),
    pushLease(g, remote, { ref: ref('held'), commit: second, expected: null }), // someone holds it: stale
    pushLease(g, remote, { ref: ref('mine'), commit: null, expected: first }), // a release of ours
    pushLease(g, remote, { ref: ref('free2'), commit: second, expected: null }),
  ]);
  assert.equal(await lead, 'ok');
  assert.deepEqual(
    (await together).map((r) => (r.status === 'fulfilled' ? r.value : 'error')),
    ['ok', 'moved', 'ok', 'ok'],
  );
  const at = (name: string) => git(remoteDir, 'for-each-ref', '--format=%(objectname)', ref(name)).trim();
  assert.equal(at('free1'), second);
  assert.equal(at('free2'), second);
  assert.equal(at('held'), first, 'the stale compare-and-swap changed nothing');
  assert.equal(at('mine'), '', 'released');
  const pushes = readFileSync(log, 'utf8').split('--\n').filter(Boolean).map((p) => p.trim().split('\n').length);
  assert.deepEqual(pushes, [4], 'all five asked for in one turn: one push, in which the four that could land did (the stale one was refused before the hook)');
});

test('an unreachable remote: every move fails, none is taken for a success', async (t) => {
  const tmp = tempDir('lease-push-gone');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  const commit = commitFile(repo, 'a', '1\n', 'first');
  const g = new Git(repo);
  const gone = join(tmp.dir, 'nowhere.git');
  const results = await Promise.allSettled(['a', 'b', 'c'].map((name) => pushLease(g, gone, { ref: `refs/translator/leases/${name}`, commit, expected: null })));
  assert.deepEqual(results.map((r) => r.status), ['rejected', 'rejected', 'rejected']);
});
