// The pipelined push against a scripted IOS-like shell: output arrives in arbitrary
// chunks, lines are read one at a time, questions take the next input line as answer.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pushConfigLines, declineAll, type PushProgress } from '../../../src/device/config-push.js';
import type { ConfigCommand, QuestionPolicy } from '../../../src/device/types.js';
import { FakeShell } from './fake-shell.js';

interface Reply {
  output?: string[];
  /** `singleKey`: the device reads one key as the answer (IOS `[confirm]`), not a line. */
  question?: { text: string; after: (answer: string) => string[]; singleKey?: boolean };
  echo?: string;
  /** The line leaves config mode: from now on the prompt is `edge1#`. */
  leaves?: boolean;
}

class ScriptedIos extends FakeShell {
  #input = '';
  #asking: Reply['question'];
  #prompt = 'edge1(config)#';
  written = 0;
  read = 0;
  /** Each write, as sent (a batch of pipelined lines, or one line sent alone). */
  writes: string[] = [];
  maxInFlight = 0;

  constructor(private readonly reply: (line: string) => Reply) {
    super();
  }

  write(text: string): void {
    this.#input += text;
    this.writes.push(text);
    this.written += (text.match(/\n/g) ?? []).length;
    this.maxInFlight = Math.max(this.maxInFlight, this.written - this.read);
    setImmediate(() => this.#process());
  }

  #process(): void {
    let newline: number;
    while (this.#asking?.singleKey && this.#input.length > 0) {
      const key = this.#input[0]!;
      this.#input = this.#input.slice(1);
      const lines = this.#asking.after(key);
      this.#asking = undefined;
      this.emit(`${key === '\n' ? '' : key}\n${lines.map((l) => `${l}\n`).join('')}edge1(config)#`);
    }
    while ((newline = this.#input.indexOf('\n')) >= 0) {
      const line = this.#input.slice(0, newline);
      this.#input = this.#input.slice(newline + 1);
      this.read += 1;
      if (this.#asking) {
        const lines = this.#asking.after(line);
        this.#asking = undefined;
        this.emit(`${line}\n${lines.map((l) => `${l}\n`).join('')}edge1(config)#`);
        continue;
      }
      const reply = this.reply(line);
      if (reply.question) {
        this.#asking = reply.question;
        this.emit(`${reply.echo ?? line}\n${reply.question.text} `);
        continue;
      }
      if (reply.leaves) this.#prompt = 'edge1#';
      this.emit(`${reply.echo ?? line}\n${(reply.output ?? []).map((l) => `${l}\n`).join('')}${this.#prompt}`);
    }
  }
}

const settings = (answer: QuestionPolicy = declineAll, maxLines = 8) => ({
  execHost: 'edge1',
  lineMs: 2000,
  maxLines,
  maxBytes: 4096,
  answer,
});

const natLines = (n: number): ConfigCommand[] =>
  Array.from({ length: n }, (_, i) => ({ line: `ip nat inside source static 192.168.${i >> 8}.${i & 255} 10.0.${i >> 8}.${i & 255}` }));

const inUse = 'Static entry in use, do you want to delete child entries? [no]:';
const inUseReply: Reply = {
  question: { text: inUse, after: (a) => (a === 'yes' ? [] : ['%: Error: static entry in use, cannot remove']) },
};

test('200 lines pipelined: every line attributed, window never exceeded', async () => {
  const ios = new ScriptedIos(() => ({}));
  const progress: PushProgress = { sent: 0, answered: 0 };
  const outcome = await pushConfigLines(ios, natLines(200), settings(), progress);
  assert.equal(outcome.failure, undefined);
  assert.deepEqual(new Set(outcome.results.map((r) => r.status)), new Set(['ok']));
  assert.equal(progress.answered, 200);
  assert.ok(ios.maxInFlight <= 8, `in flight ${ios.maxInFlight}`);
  assert.ok(ios.maxInFlight > 1, 'lines were pipelined');
});

test('onAnswered reports each answered line, in order, with the total (for a progress display)', async () => {
  const ios = new ScriptedIos(() => ({}));
  const seen: string[] = [];
  await pushConfigLines(ios, natLines(20), { ...settings(), onAnswered: (answered, total) => seen.push(`${answered}/${total}`) }, { sent: 0, answered: 0 });
  assert.deepEqual(seen, Array.from({ length: 20 }, (_, i) => `${i + 1}/20`));
});

test('a rejected line stops sending; lines already in flight are reported as executed after the error', async () => {
  const lines = natLines(40);
  const ios = new ScriptedIos((line) => (line === lines[5]!.line ? { output: ['        ^', "% Invalid input detected at '^' marker."] } : {}));
  const outcome = await pushConfigLines(ios, lines, settings(), { sent: 0, answered: 0 });
  assert.equal(outcome.failure?.kind, 'rejected');
  assert.equal(outcome.failure?.index, 5);
  assert.equal(outcome.failure?.deviceMessage, "% Invalid input detected at '^' marker.");
  assert.deepEqual(outcome.results.slice(0, 5).map((r) => r.status), ['ok', 'ok', 'ok', 'ok', 'ok']);
  assert.equal(outcome.results[5]!.status, 'error');
  const after = outcome.results.filter((r) => r.afterError);
  assert.ok(after.length > 0 && after.every((r) => r.index > 5 && r.status === 'ok'));
  assert.ok(outcome.results.slice(6 + after.length).every((r) => r.status === 'not-sent'));
  assert.ok(outcome.results.some((r) => r.status === 'not-sent'));
});

test('informational notices make a line info, not an error', async () => {
  const notice = '% Interface GigabitEthernet2.10 IPv4 disabled and address(es) removed due to enabling VRF t1';
  const ios = new ScriptedIos((line) => (line.includes('vrf forwarding') ? { output: [notice] } : {}));
  const outcome = await pushConfigLines(
    ios,
    [{ line: 'interface GigabitEthernet2.10' }, { line: ' vrf forwarding t1' }, { line: ' ip address 192.168.1.254 255.255.255.0' }],
    settings(),
    { sent: 0, answered: 0 },
  );
  assert.deepEqual(outcome.results.map((r) => r.status), ['ok', 'info', 'ok']);
  assert.deepEqual(outcome.results[1]!.messages, [notice]);
});

test('a line with a question rule id is sent alone and answered by policy, which sees the id; the stream resumes after it', async () => {
  const removal = 'no ip nat inside source static 192.168.9.9 10.0.9.9 vrf t1';
  const lines = [...natLines(10), { line: removal, question: 'nat-static-in-use' }, ...natLines(10).map((c) => ({ line: c.line.replace('static', 'static network') }))];
  const ios = new ScriptedIos((line) => (line === removal ? inUseReply : {}));
  const asked: string[] = [];
  const outcome = await pushConfigLines(ios, lines, settings((q) => (asked.push(`${q.rule}: ${q.text}`), 'accept')), { sent: 0, answered: 0 });
  assert.equal(outcome.failure, undefined);
  assert.deepEqual(asked, [`nat-static-in-use: ${inUse}`]);
  assert.equal(outcome.results[10]!.status, 'answered');
  assert.equal(outcome.results[10]!.rule, 'nat-static-in-use');
  assert.deepEqual(outcome.results[10]!.question, { text: inUse, answer: 'accept' });
  assert.ok(outcome.results.every((r, i) => i === 10 || r.status === 'ok'));
});

test('declining the question fails the line with the device message', async () => {
  const removal = 'no ip nat inside source static 192.168.9.9 10.0.9.9 vrf t1';
  const ios = new ScriptedIos((line) => (line === removal ? inUseReply : {}));
  const outcome = await pushConfigLines(ios, [{ line: removal, question: 'nat-static-in-use' }, ...natLines(3)], settings(), { sent: 0, answered: 0 });
  assert.equal(outcome.failure?.kind, 'question');
  assert.equal(outcome.failure?.deviceMessage, '%: Error: static entry in use, cannot remove');
  assert.equal(outcome.results[0]!.status, 'error');
  assert.deepEqual(outcome.results.slice(1).map((r) => r.status), ['not-sent', 'not-sent', 'not-sent']);
});

test('an unmarked line that asks while others are in flight is reported, not misattributed', async () => {
  const lines = natLines(20);
  const ios = new ScriptedIos((line) => (line === lines[3]!.line ? inUseReply : {}));
  const outcome = await pushConfigLines(ios, lines, settings(), { sent: 0, answered: 0 });
  assert.equal(outcome.failure?.kind, 'question');
  assert.equal(outcome.failure?.index, 3);
  assert.equal(outcome.desynchronised, true);
  assert.match(outcome.failure!.summary, /question rule id/);
});

test('an echo that is not the line sent stops the push as out of step', async () => {
  const ios = new ScriptedIos((line) => (line.endsWith('.2') ? { echo: 'something else' } : {}));
  const outcome = await pushConfigLines(ios, natLines(6), settings(), { sent: 0, answered: 0 });
  assert.equal(outcome.failure?.kind, 'protocol');
  assert.equal(outcome.failure?.index, 2);
  assert.equal(outcome.desynchronised, true);
});

test('[confirm] reads one key: decline sends `n` alone, and the prompt count stays right', async () => {
  const line = 'do clear ip nat translation *';
  const confirm: Reply = {
    question: { text: 'Clear all translations? [confirm]', singleKey: true, after: (k) => (k === '\n' ? [] : ['% Aborted']) },
  };
  for (const [answer, status] of [['accept', 'answered'], ['decline', 'error']] as const) {
    const ios = new ScriptedIos((l) => (l === line ? confirm : {}));
    const outcome = await pushConfigLines(ios, [{ line }, ...natLines(5)], settings(() => answer), { sent: 0, answered: 0 });
    assert.equal(outcome.results[0]!.status, status, answer);
    assert.equal(outcome.desynchronised, false);
    if (answer === 'accept') assert.ok(outcome.results.slice(1).every((r) => r.status === 'ok'));
    else assert.equal(outcome.failure?.deviceMessage, '% Aborted');
  }
});

test('whether a line is sent alone comes from its question id, not from the driver reading the line', async () => {
  const removals = natLines(30).map((c) => `no ${c.line}`);
  const tagged = new ScriptedIos(() => ({}));
  await pushConfigLines(tagged, removals.map((line) => ({ line, question: 'nat-static-in-use' })), settings(), { sent: 0, answered: 0 });
  assert.equal(tagged.maxInFlight, 1, 'lines that may ask go one at a time');
  const free = new ScriptedIos(() => ({}));
  const outcome = await pushConfigLines(free, removals.map((line) => ({ line })), settings(), { sent: 0, answered: 0 });
  assert.ok(outcome.results.every((r) => r.status === 'ok' && r.rule === undefined));
  assert.ok(free.maxInFlight > 1, 'the same lines without an id are pipelined');
  const clear = new ScriptedIos(() => ({}));
  await pushConfigLines(clear, [...natLines(5), { line: 'do clear ip nat translation forced' }, ...natLines(5)], settings(), { sent: 0, answered: 0 });
  assert.ok(clear.writes.includes('do clear ip nat translation forced\n'), 'the device-level safety net still sends a free `do clear …` alone');
  assert.ok(clear.maxInFlight > 1);
});

test('a line that leaves config mode: the first rejection stays the cause, later lines are attributed in EXEC', async () => {
  const lines = ['interface GigabitEthernet9.10', ' description x', 'exit', 'exit', ...natLines(4).map((c) => c.line)];
  let exec = false;
  const ios = new ScriptedIos((line) => {
    if (exec) return { output: ['% Invalid input detected at \'^\' marker.'] };
    if (line === lines[0]) return { output: ['% Invalid input detected at \'^\' marker.'] };
    if (line === 'exit') return (exec = true), { leaves: true };
    return {};
  });
  const outcome = await pushConfigLines(ios, lines.map((line) => ({ line })), settings(), { sent: 0, answered: 0 });
  assert.equal(outcome.failure?.kind, 'rejected');
  assert.equal(outcome.failure?.index, 0);
  assert.equal(outcome.leftConfigMode, true);
  assert.equal(outcome.desynchronised, false);
  assert.equal(outcome.results[2]!.status, 'ok');
  assert.ok(outcome.results.slice(3).every((r) => r.status === 'error' || r.status === 'not-sent'));
});

test('a line that leaves config mode with no earlier error is itself the failure', async () => {
  const ios = new ScriptedIos((line) => (line === 'exit' ? { leaves: true } : {}));
  const outcome = await pushConfigLines(ios, [{ line: 'exit' }, ...natLines(2)], settings(), { sent: 0, answered: 0 });
  assert.equal(outcome.failure?.kind, 'protocol');
  assert.match(outcome.failure!.summary, /left configuration mode/);
});
