import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { schemaErrors } from '../../helpers/schemas.js';
import { syntheticSnapshot } from '../../../bench/status-snapshot.js';
import { ROUTER_STATES, routerState, statusText, type RouterStatus } from '../../../src/documents/status.js';
import { applyDrift } from '../../../src/web/snapshot.js';

const schema = JSON.parse(readFileSync(new URL('../../../schemas/status.schema.json', import.meta.url), 'utf8')) as { $defs: { router: { properties: { state: { enum: string[] } } } } };

const row = (over: Partial<RouterStatus>): Pick<RouterStatus, 'drift' | 'lastDeploy' | 'live' | 'behind' | 'tip'> => ({
  drift: { checked: true, at: 'x', error: null, objects: [] },
  lastDeploy: null,
  live: { commit: 'a'.repeat(40), deploy: 'd', since: 's' },
  behind: 0,
  tip: 'a'.repeat(40),
  ...over,
});
const failedDeploy = { id: 'd', kind: 'deploy', commit: 'a'.repeat(40), started: 's', ended: 'e', result: 'reverted', actor: 'ci', lines: 3 } as const;
const drifted = { checked: true, at: 'x', error: null, objects: [{ action: 'add', kind: 'static-nat', name: 'n', line: 'l' }] } as const;

test('the router word: first that applies, in the documented order', () => {
  assert.equal(routerState(row({ drift: { checked: true, at: 'x', error: 'unreachable', objects: [] }, lastDeploy: failedDeploy })), 'unreachable');
  assert.equal(routerState(row({ drift: { ...drifted, objects: [...drifted.objects] }, lastDeploy: failedDeploy })), 'drifted');
  assert.equal(routerState(row({ lastDeploy: failedDeploy })), 'deploy-failed');
  assert.equal(routerState(row({ live: null, behind: null })), 'not-deployed');
  assert.equal(routerState(row({ behind: 2 })), 'pending');
  assert.equal(routerState(row({ lastDeploy: { ...failedDeploy, result: 'unchanged' } })), 'in-sync');
  assert.equal(routerState(row({ drift: { checked: false, at: null, error: null, objects: [] } })), 'in-sync', 'not checked is not unreachable');
});

test('the schema knows exactly the words the code gives', () => {
  assert.deepEqual(schema.$defs.router.properties.state.enum, [...ROUTER_STATES]);
});

test('a status document validates against its schema; a wrong one does not', () => {
  const doc = syntheticSnapshot(3, 5).status;
  assert.equal(schemaErrors(doc), null);
  assert.notEqual(schemaErrors({ ...doc, schemaVersion: 2 }), null);
  assert.notEqual(schemaErrors({ ...doc, routers: [{ ...doc.routers[0], state: 'fine' }] }), null);
  assert.notEqual(schemaErrors({ ...doc, routers: [{ ...doc.routers[0], behind: -1 }] }), null);
  assert.notEqual(schemaErrors({ ...doc, extra: 1 }), null);
});

test('the text of translator status comes from the document', () => {
  const doc = syntheticSnapshot(1, 5).status;
  const text = statusText(doc);
  assert.match(text, /^edge1:\n {2}live: {8}000000000000 since /);
  assert.match(text, /\n {2}drift: {7}none\n/);
  assert.match(text, /\n {2}lock: {8}free\n/);
});

test('a drift check made before the deploy live now is not shown: it would name what that deploy changed', () => {
  const doc = syntheticSnapshot(1, 2).status;
  const router = doc.routers[0]!;
  const live = { commit: router.live!.commit, deploy: router.live!.deploy };
  const found = { status: { ...drifted, objects: [...drifted.objects] }, against: live };
  applyDrift(doc, new Map([[router.router, { ...found, against: { ...live, commit: 'b'.repeat(40) } }]]));
  assert.equal(doc.routers[0]!.drift.objects.length, 0, 'a check of the commit before is not applied');
  applyDrift(doc, new Map([[router.router, { ...found, against: { ...live, deploy: 'an-earlier-deploy' } }]]));
  assert.equal(doc.routers[0]!.drift.objects.length, 0, 'nor one of the same commit before it was deployed again (drift --fix)');
  assert.notEqual(doc.routers[0]!.state, 'drifted');
  applyDrift(doc, new Map([[router.router, found]]));
  assert.equal(doc.routers[0]!.state, 'drifted', 'a check of what is live now is');
  assert.equal(schemaErrors(doc), null, 'the document keeps its shape');
});
