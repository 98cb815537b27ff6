/**
 * Golden remediation fixtures (hier_config's habit, our own files): each folder of test/fixtures/plans
 * holds a scenario a reviewer can read — `running.cfg` (the router), `intended.cfg` (the rendered
 * intent), optional `options.json` (ScopeOptions over the defaults below), and `expected-plan.txt`:
 * the lines typed in config mode, then `!` lines for what the plan leaves out and why, or the refusal.
 * Every plan that is not refused is also applied with the test's applier and must converge.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cliLines } from '../../../src/iosxe/commands.js';
import { formatSkipped, formatText } from '../../../src/iosxe/format/text.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { plan, PlanRefused } from '../../../src/iosxe/plan.js';
import type { Plan } from '../../../src/iosxe/plan.js';
import type { ScopeOptions } from '../../../src/iosxe/options.js';
import { applyLines } from './applier.js';
import { ownedView } from './compare.js';
import { repoRoot } from './paths.js';
import { OPTIONS } from './world.js';

const PLANS = join(repoRoot, 'test', 'fixtures', 'plans');

/** The expected-plan.txt form of a plan (or of its refusal). */
function formatGolden(result: Plan | PlanRefused): string {
  if (result instanceof PlanRefused) return ['! refused:', ...result.problems.map((p) => `! - ${p}`)].join('\n') + '\n';
  return (formatText(result) || '! nothing to send\n') + formatSkipped(result);
}

function runScenario(dir: string): { result: Plan | PlanRefused; options: ScopeOptions } {
  const read = (name: string) => readFileSync(join(dir, name), 'utf8');
  const options: ScopeOptions = { ...OPTIONS, ...(existsSync(join(dir, 'options.json')) ? JSON.parse(read('options.json')) : {}) };
  try {
    return { result: plan(parseConfig(read('running.cfg')), parseConfig(read('intended.cfg')), options, { intended: 'intended.cfg', running: 'running.cfg' }), options };
  } catch (error) {
    if (error instanceof PlanRefused) return { result: error, options };
    throw error;
  }
}

const scenarios = readdirSync(PLANS).sort();

test('the golden scenarios are there', () => {
  assert.ok(scenarios.length >= 12, scenarios.join(', '));
});

for (const name of scenarios) {
  test(`golden plan: ${name}`, () => {
    const dir = join(PLANS, name);
    const { result, options } = runScenario(dir);
    assert.equal(formatGolden(result), readFileSync(join(dir, 'expected-plan.txt'), 'utf8'));
    if (result instanceof PlanRefused) return;
    const running = parseConfig(readFileSync(join(dir, 'running.cfg'), 'utf8'));
    const intended = parseConfig(readFileSync(join(dir, 'intended.cfg'), 'utf8'));
    const applied = applyLines(running, cliLines(result.commands));
    assert.deepEqual(ownedView(applied, options), ownedView(result.predicted, options), 'the router holds what the plan predicted');
    assert.deepEqual(cliLines(plan(applied, intended, options).commands), [], 're-planning after the push sends nothing');
  });
}
