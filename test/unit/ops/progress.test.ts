import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createProgress } from '../../../src/ops/progress.js';

function stream(isTTY: boolean) {
  const out: string[] = [];
  return { out, stream: { isTTY, columns: 60, write: (text: string) => out.push(text) } };
}

test('on a terminal: one line rewritten per step, cleared at the end', () => {
  const { out, stream: s } = stream(true);
  const progress = createProgress({ label: 'deploying', total: 4, stream: s, env: {} });
  assert.equal(progress.enabled, true);
  progress.tick('edge1');
  progress.tick('edge2');
  progress.done();
  assert.deepEqual(out, ['\r\x1b[2Kdeploying 0/4 (0%)', '\r\x1b[2Kdeploying 1/4 (25%) edge1', '\r\x1b[2Kdeploying 2/4 (50%) edge2', '\r\x1b[2K']);
});

test('quiet in CI and when output is not a terminal', () => {
  for (const [isTTY, env] of [[true, { CI: 'true' }], [false, {}]] as const) {
    const { out, stream: s } = stream(isTTY);
    const progress = createProgress({ label: 'deploying', total: 2, stream: s, env });
    progress.tick('edge1');
    progress.done();
    assert.equal(progress.enabled, false);
    assert.deepEqual(out, []);
  }
});

test('long details are cut to the terminal width', () => {
  const { out, stream: s } = stream(true);
  createProgress({ label: 'pushing', total: 1, stream: s, env: {} }).tick('x'.repeat(200));
  assert.ok(out.at(-1)!.length <= '\r\x1b[2K'.length + 59);
  assert.match(out.at(-1)!, /…$/);
});
