// Telling apart the answers of EXEC commands typed ahead together (prompt.ts execAnswers), on
// transcripts shaped as IOS prints them: echo, output, then the prompt the next echo follows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execAnswers } from '../../../src/device/prompt.js';
import { execOutput } from '../../../src/device/transcript.js';

test('execAnswers: two commands typed ahead, each answer up to the prompt that closes it', () => {
  const buffer = 'terminal length 0\nedge1#terminal width 0\nedge1#';
  const answers = execAnswers(buffer, 'edge1', 2);
  assert.deepEqual(answers, ['terminal length 0', 'terminal width 0']);
  assert.deepEqual(answers!.map(execOutput), [[], []]);
});

test('execAnswers: an error of the second command stays with the second command', () => {
  const buffer = "terminal length 0\nedge1#terminal width 0\n                 ^\n% Invalid input detected at '^' marker.\n\nedge1#";
  const answers = execAnswers(buffer, 'edge1', 2)!;
  assert.deepEqual(execOutput(answers[0]!), []);
  assert.ok(execOutput(answers[1]!).includes("% Invalid input detected at '^' marker."));
});

test('execAnswers: undefined until the last prompt ends the buffer (partial answers, a trailing echo)', () => {
  assert.equal(execAnswers('terminal length 0\nedge1#', 'edge1', 2), undefined, 'one prompt of two');
  assert.equal(execAnswers('terminal length 0\nedge1#terminal width 0', 'edge1', 2), undefined, 'the second echo without its prompt');
  assert.equal(execAnswers('terminal length 0\nedge1#terminal width 0\nedge1# ', 'edge1', 2)?.length, 2, 'a space after the prompt');
});

test('execAnswers: a prompt of another hostname (edge10 for edge1) closes nothing', () => {
  assert.equal(execAnswers('terminal length 0\nedge10#terminal width 0\nedge1#', 'edge1', 2), undefined);
  assert.equal(execAnswers('terminal length 0\nedge1>terminal width 0\nedge1>', 'edge1', 2)?.length, 2, 'user EXEC prompts close lines too');
});
