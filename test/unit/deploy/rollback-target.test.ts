// What `translator rollback` deploys without --to: the commit live before the last successful
// deploy that changed which commit is live, from the records branch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { DeployRecord } from '../../../src/deploy/record.js';
import { RecordsStore } from '../../../src/deploy/records.js';
import { rollbackTarget, RollbackTargetError } from '../../../src/deploy/rollback-target.js';
import { Git } from '../../../src/gitops/git.js';
import { commitFile, initRepo, tempDir } from '../../helpers/git.js';

const [A, B, C] = ['a'.repeat(40), 'b'.repeat(40), 'c'.repeat(40)] as const;

function record(id: string, commit: string, previousLive: string | null, result: DeployRecord['result'] = 'success', kind: DeployRecord['kind'] = 'deploy'): DeployRecord {
  return {
    id, router: 'edge1', kind, ref: 'main', commit, previousLive,
    started: '2026-01-01T00:00:00.000Z', ended: `2026-01-01T00:00:0${id.slice(-1)}.000Z`,
    actor: { kind: 'user', name: 'alice@ops' }, result, state: result === 'success' ? 'new' : 'old',
    message: 'test', commands: [], rollback: [], failedLines: [], revertTimerMinutes: 5, saved: true, backupBlob: null, summary: null,
  };
}

test('rollback target: the commit live before the last deploy that changed it; refusals say to name one', async (t) => {
  const tmp = tempDir('rollback-target');
  t.after(tmp.remove);
  const repo = initRepo(join(tmp.dir, 'repo'));
  commitFile(repo, 'README', 'hello\n', 'first');
  const store = new RecordsStore(new Git(repo), 'translator/records', { name: 'translator', email: 'translator@localhost' });

  await assert.rejects(rollbackTarget(store, 'edge1'), (e: unknown) => e instanceof RollbackTargetError && /no successful deploy is recorded on translator\/records: name the commit with --to REF/.test(e.message));
  await store.saveRecord(record('d1', A, null), true);
  await assert.rejects(rollbackTarget(store, 'edge1'), (e: unknown) => e instanceof RollbackTargetError && /\(d1\) was the first one recorded/.test(e.message));
  await store.saveRecord(record('d2', B, A), true);
  assert.deepEqual(await rollbackTarget(store, 'edge1'), { commit: A, before: 'd2' });
  // Neither a drift fix of the live commit nor a failed deploy changes which commit is live.
  await store.saveRecord(record('d3', B, B, 'success', 'drift-fix'), true);
  await store.saveRecord(record('d4', C, B, 'reverted'), false);
  assert.deepEqual(await rollbackTarget(store, 'edge1'), { commit: A, before: 'd2' });
});
