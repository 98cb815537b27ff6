// Every path built from a router name or a deploy id checks it first: a name from the command
// line or a hand-edited record must never reach outside routers/ or deploys/ (issue 11 item 3).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { intendedCfgPath, LayoutError, recordPaths, stateJsonPath } from '../../../src/gitops/layout.js';

const BUILDERS: Record<string, (router: string) => string> = {
  intendedCfgPath,
  stateJsonPath,
  ...Object.fromEntries(Object.entries(recordPaths).map(([name, build]) => [name, (router: string) => build(router, '20260101T000000Z-edge1-abc123')])),
};

test('each path of the layout for a good name', () => {
  assert.deepEqual(
    Object.fromEntries(Object.entries(BUILDERS).map(([name, build]) => [name, build('edge1')])),
    {
      intendedCfgPath: 'routers/edge1/intended.cfg',
      stateJsonPath: 'routers/edge1/state.json',
      backup: 'routers/edge1/running.cfg',
      facts: 'routers/edge1/facts.json',
      live: 'routers/edge1/live.json',
      log: 'routers/edge1/deploys.log',
      unlocks: 'routers/edge1/unlocks.log',
      record: 'deploys/edge1/20260101T000000Z-edge1-abc123.json',
    },
  );
});

test('a router name that could climb out, hide or split a path is refused by every builder', () => {
  for (const bad of ['../x', '..', '.', '.hidden', '-flag', 'a/b', 'a\\b', '', 'x'.repeat(65), 'edge 1', 'edge1\n']) {
    for (const [name, build] of Object.entries(BUILDERS)) {
      assert.throws(() => build(bad), (e: unknown) => e instanceof LayoutError && e.message.includes(JSON.stringify(bad)), `${name}(${JSON.stringify(bad)})`);
    }
  }
});

test('a deploy id that is not one file name is refused', () => {
  for (const bad of ['../x', 'a/b', '.hidden', '', 'id\n']) {
    assert.throws(() => recordPaths.record('edge1', bad), LayoutError, JSON.stringify(bad));
  }
});
