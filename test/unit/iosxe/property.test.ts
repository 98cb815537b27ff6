/**
 * Property: for random pairs (running world + unrelated config + drift on our objects, intended world), applying the plan with
 * an independent applier of IOS XE semantics gives exactly the intended owned config, leaves every
 * other line as it was, and the rollback returns to the original. Seeded: every run checks the same cases.
 * Two appliers check each case: the lab router's engine (src/lab, typed into as over SSH) and the
 * test's own strict applier (./applier.ts), which also refuses negations of lines that are not there.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cliLines } from '../../../src/iosxe/commands.js';
import { parseConfig } from '../../../src/iosxe/parse.js';
import { plan } from '../../../src/iosxe/plan.js';
import { applyLines } from './applier.js';
import { applyOnLab } from './lab-applier.js';
import { ownedView, unownedView } from './compare.js';
import { drift, mutateWorld, OPTIONS, prng, randomWorld, renderIntended, renderRunning } from './world.js';

const CASES = 200;

test(`${CASES} generated config pairs: plan applies to exactly the intent, rollback restores`, () => {
  const rand = prng(0x7a11);
  let changed = 0;
  for (let i = 0; i < CASES; i++) {
    const before = randomWorld(rand, Math.floor(rand() * 6));
    const after = mutateWorld(rand, before);
    const egressBefore = rand() < 0.9;
    const egressAfter = rand() < 0.9;
    const runningText = drift(rand, renderRunning(before, 1 + Math.floor(rand() * 3), egressBefore));
    const running = parseConfig(runningText);
    const intended = parseConfig(renderIntended(after, egressAfter));
    // Every world holds NAT that is not ours (unrelatedConfig), so `ip nat outside` stays once it is there.
    const kept = after.tenants.length === 0 && before.tenants.length > 0 ? 'interface GigabitEthernet1\n ip nat outside\n' : '';
    const expected = parseConfig(renderIntended(after, egressAfter) + kept);
    const label = `case ${i}: ${JSON.stringify({ before, after, egressBefore, egressAfter })}`;

    const result = plan(running, intended, OPTIONS);
    if (result.commands.length > 0) changed++;
    const applied = applyLines(running, cliLines(result.commands));
    assert.deepEqual(ownedView(applied, OPTIONS), ownedView(expected, OPTIONS), `${label}: owned part is the intent`);
    assert.deepEqual(unownedView(applied, OPTIONS), unownedView(running, OPTIONS), `${label}: nothing else changed`);
    assert.deepEqual(ownedView(result.predicted, OPTIONS), ownedView(applied, OPTIONS), `${label}: prediction matches`);
    assert.equal(plan(applied, intended, OPTIONS).commands.length, 0, `${label}: converged`);
    assert.equal(plan(result.predicted, intended, OPTIONS).commands.length, 0, `${label}: plan(predicted, intended) is empty`);

    const restored = applyLines(applied, cliLines(result.rollback));
    assert.deepEqual(ownedView(restored, OPTIONS), ownedView(running, OPTIONS), `${label}: rollback restores the owned part`);
    assert.deepEqual(unownedView(restored, OPTIONS), unownedView(running, OPTIONS), `${label}: rollback touches nothing else`);

    const [labBefore, labAfter, labRestored] = applyOnLab(runningText, [cliLines(result.commands), cliLines(result.rollback)]);
    assert.deepEqual(ownedView(labAfter!, OPTIONS), ownedView(expected, OPTIONS), `${label}: lab: owned part is the intent`);
    assert.deepEqual(unownedView(labAfter!, OPTIONS), unownedView(labBefore!, OPTIONS), `${label}: lab: nothing else changed`);
    assert.equal(plan(labAfter!, intended, OPTIONS).commands.length, 0, `${label}: lab: converged`);
    assert.deepEqual(ownedView(labRestored!, OPTIONS), ownedView(labBefore!, OPTIONS), `${label}: lab: rollback restores`);
    assert.deepEqual(unownedView(labRestored!, OPTIONS), unownedView(labBefore!, OPTIONS), `${label}: lab: rollback touches nothing else`);
  }
  assert.ok(changed > CASES * 0.8, `most generated pairs differ (${changed}/${CASES})`);
});
