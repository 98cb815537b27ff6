import { test } from 'node:test';
import assert from 'node:assert/strict';
import { branchProblems } from '../../../src/settings/branches.js';

const RECORDS = 'deploy records would be committed onto it';

test('the defaults and shared main lines are fine', () => {
  assert.deepEqual(branchProblems([
    { setting: 'git.branch', branch: 'main' },
    { setting: 'webhook.branch', branch: 'main' },
    { setting: 'review.base', branch: 'main' },
    { setting: 'deploy.recordsBranch', branch: 'translator/records', ownBecause: RECORDS },
    { setting: 'review.branch', branch: 'translator/review', ownBecause: 'unreviewed' },
  ]), []);
});

test('a branch of its own named by another setting is one problem, told once, naming both settings', () => {
  assert.deepEqual(branchProblems([
    { setting: 'git.branch', branch: 'main' },
    { setting: 'webhook.branch', branch: 'main' },
    { setting: 'deploy.recordsBranch', branch: 'main', ownBecause: RECORDS },
  ]), [{ setting: 'deploy.recordsBranch', message: `"main" is also git.branch: ${RECORDS}` }]);
});

test('a branch inside another cannot exist beside it', () => {
  assert.deepEqual(branchProblems([
    { setting: 'git.branch', branch: 'main' },
    { setting: 'deploy.recordsBranch', branch: 'main/records', ownBecause: RECORDS },
  ]), [{
    setting: 'deploy.recordsBranch',
    message: '"main/records" cannot be a branch beside git.branch "main" (git keeps one ref per path: refs/heads/main and refs/heads/main/records cannot both exist)',
  }]);
  assert.deepEqual(branchProblems([{ setting: 'a', branch: 'main-x' }, { setting: 'b', branch: 'main' }]), [], 'a common prefix without "/" is no nesting');
});

test('a conflict with a default names the setting the user set, and says the other is a default', () => {
  assert.deepEqual(branchProblems([
    { setting: 'git.branch', branch: 'translator' },
    { setting: 'deploy.recordsBranch', branch: 'translator/records', ownBecause: RECORDS, defaulted: true },
  ]), [{
    setting: 'git.branch',
    message: '"translator" cannot be a branch beside deploy.recordsBranch (by default) "translator/records" (git keeps one ref per path: refs/heads/translator and refs/heads/translator/records cannot both exist)',
  }]);
  assert.deepEqual(branchProblems([
    { setting: 'git.branch', branch: 'main', defaulted: true },
    { setting: 'deploy.recordsBranch', branch: 'main', ownBecause: RECORDS },
  ]), [{ setting: 'deploy.recordsBranch', message: `"main" is also git.branch (by default): ${RECORDS}` }]);
});

test('a user setting that takes the default review branch is the one told, with the review branch\'s reason', () => {
  assert.deepEqual(branchProblems([
    { setting: 'webhook.branch', branch: 'translator/review' },
    { setting: 'review.branch', branch: 'translator/review', ownBecause: 'unreviewed', defaulted: true },
  ]), [{ setting: 'webhook.branch', message: '"translator/review" is also review.branch (by default): unreviewed' }]);
});
