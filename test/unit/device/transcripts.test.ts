// Real device answers, replayed through the driver: every transcript under test/fixtures/transcripts
// (each citing its public source) is played back by a fake shell; config lines go through the push
// and its classifier with the question ids the plan's rule table gives them and the in-use answer
// policy of the deploy; `configure terminal …` goes through config-mode entry. Each line's outcome
// must be the one the transcript is annotated with.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { enterConfigMode } from '../../../src/device/config-entry.js';
import { pushConfigLines } from '../../../src/device/config-push.js';
import { failedInUse, inUseAnswer, type InUsePolicy } from '../../../src/deploy/in-use.js';
import { questionRuleFor } from '../../../src/iosxe/rules/questions.js';
import { parseTranscript, ReplayShell, type Transcript } from './replay.js';

const DIR = join(import.meta.dirname, '../../fixtures/transcripts');
const FILES = readdirSync(DIR).filter((f) => f.endsWith('.txt')).sort();

/** Plays the transcript; returns each exchange's outcome in the words of the `=>` annotations. */
async function replay(transcript: Transcript): Promise<{ outcomes: string[]; shell: ReplayShell; inUse: boolean[] }> {
  const shell = new ReplayShell(transcript);
  const outcomes: string[] = [];
  const inUse: boolean[] = [];
  let exchanges = transcript.exchanges;
  const execHost = exchanges[0]!.host;
  if (!exchanges[0]!.config) {
    const entry = await enterConfigMode(shell, exchanges[0]!.sent, { execHost, timeoutMs: 2000 });
    outcomes.push(entry.entered ? 'entered' : entry.refusal === 'busy' ? 'busy' : 'rejected');
    inUse.push(false);
    exchanges = exchanges.slice(1);
    if (!entry.entered) return { outcomes, shell, inUse };
  }
  const commands = exchanges.map((e) => {
    const question = questionRuleFor(e.sent)?.id;
    return question ? { line: e.sent, question } : { line: e.sent };
  });
  const settings = { execHost, lineMs: 2000, maxLines: 8, maxBytes: 4096, answer: inUseAnswer(transcript.policy as InUsePolicy) };
  const outcome = await pushConfigLines(shell, commands, settings, { sent: 0, answered: 0 });
  for (const result of outcome.results) {
    outcomes.push(result.status);
    inUse.push(failedInUse(result));
  }
  return { outcomes, shell, inUse };
}

test('the transcripts cover the cases the driver must get right', () => {
  for (const name of ['tenant-removal-vrf-notices', 'legacy-ip-vrf-removal', 'vrf-forwarding-notice', 'nat-dynamic-in-use-entires', 'nat-static-in-use-declined', 'config-lock', 'invalid-input-caret']) {
    assert.ok(FILES.includes(`${name}.txt`), name);
  }
  for (const file of FILES) assert.match(readFileSync(join(DIR, file), 'utf8'), /^# .*\n(# .*\n)*/, `${file} starts with its source`);
});

for (const file of FILES) {
  test(`replay ${file}`, async () => {
    const transcript = parseTranscript(file, readFileSync(join(DIR, file), 'utf8'));
    const { outcomes, shell, inUse } = await replay(transcript);
    assert.deepEqual(shell.problems, [], 'the driver typed exactly what the transcript shows');
    assert.ok(shell.finished, 'every exchange of the transcript was played');
    assert.deepEqual(
      outcomes.map((o, i) => `${transcript.exchanges[i]!.sent.trim()} => ${o}${inUse[i] ? ' in-use' : ''}`),
      transcript.exchanges.map((e) => `${e.sent.trim()} => ${e.expect}${e.inUse ? ' in-use' : ''}`),
    );
  });
}
