// Pushing config lines pipelined, with flow control, and attributing the device's
// answers to lines. IOS reads one line at a time: it echoes the line, prints the
// line's output, then a prompt. So the Nth prompt after entering config mode closes
// the Nth line, however many lines are in flight. A question breaks this (the
// device reads the next line as its answer), so lines that may ask (the caller gave
// them a question rule id, or responses.ts lists them as question-capable) are sent alone.
import { findQuestion, isQuestionCapable } from './responses.js';
import { findLinePrompt, type PromptMatch } from './prompt.js';
import { classifyOutput, echoMatches, splitSegment } from './transcript.js';
import type { ConfigCommand, LineResult, QuestionAnswer, QuestionKind, QuestionPolicy } from './types.js';
import type { DeviceErrorKind } from './errors.js';

/** What the push needs from a shell: see ShellSession. */
export interface Shell {
  readonly buffer: string;
  consume(count: number): void;
  write(text: string): void;
  wait<T>(check: (buffer: string) => T | undefined, timeoutMs: number): Promise<T>;
}

export interface PushSettings {
  /** Hostname of the EXEC prompt, to notice a line that left config mode. */
  execHost: string;
  lineMs: number;
  maxLines: number;
  maxBytes: number;
  answer: QuestionPolicy;
  onAnswered?: (answered: number, total: number) => void;
}

/** Defaults: enough lines in flight to cover ~50 ms of round trip at 1 ms/line, few enough bytes for small vty buffers. */
export const DEFAULT_WINDOW = { lines: 64, bytes: 4096 } as const;

export const declineAll: QuestionPolicy = () => 'decline';

export interface PushFailure {
  kind: Extract<DeviceErrorKind, 'rejected' | 'question' | 'protocol'>;
  index: number;
  summary: string;
  deviceMessage?: string;
}

export interface PushProgress {
  /** Lines written to the device. */
  sent: number;
  /** Lines the device has answered (prompt seen). */
  answered: number;
}

export interface PushOutcome {
  results: LineResult[];
  failure?: PushFailure;
  /** The output can no longer be attributed to lines (unexpected question, echo mismatch). */
  desynchronised: boolean;
  /** A line left config mode (e.g. an `exit` too many after a rejected sub-mode line); the session is in EXEC. */
  leftConfigMode: boolean;
}

type Event =
  | { type: 'prompt'; prompt: PromptMatch }
  | { type: 'question'; text: string; keys: Record<QuestionAnswer, string>; kind: QuestionKind };

export async function pushConfigLines(
  shell: Shell,
  commands: readonly ConfigCommand[],
  settings: PushSettings,
  progress: PushProgress,
): Promise<PushOutcome> {
  const results: LineResult[] = commands.map((c, index) => ({
    index,
    line: c.line,
    status: 'not-sent',
    output: [],
    messages: [],
    ...(c.question !== undefined ? { rule: c.question } : {}),
  }));
  const mayAsk = commands.map((c) => c.question !== undefined || isQuestionCapable(c.line));
  let outstandingBytes = 0;
  let failure: PushFailure | undefined;
  let questionAnswered = false;
  let leftConfigMode = false;
  // The output cannot be attributed any more: stop here, keeping the first failure as the cause.
  const lostTrack = (found: PushFailure): PushOutcome => ({ results, failure: failure ?? found, desynchronised: true, leftConfigMode });

  const fill = () => {
    let batch = '';
    while (progress.sent < commands.length && progress.sent - progress.answered < settings.maxLines) {
      const index = progress.sent;
      const line = commands[index]!.line;
      const inFlight = progress.sent > progress.answered;
      // A line that may ask goes alone: drain the window first, and wait for its prompt after.
      if (inFlight && (mayAsk[index] || mayAsk[progress.answered])) break;
      if (inFlight && outstandingBytes + line.length + 1 > settings.maxBytes) break;
      batch += `${line}\n`;
      outstandingBytes += line.length + 1;
      progress.sent += 1;
      if (mayAsk[index]) break;
    }
    if (batch) shell.write(batch);
  };

  const nextEvent = (buffer: string): Event | undefined => {
    const prompt = findLinePrompt(buffer, 0, settings.execHost);
    if (prompt) return { type: 'prompt', prompt };
    if (questionAnswered) return undefined;
    const question = findQuestion(buffer);
    return question ? { type: 'question', text: question.text, keys: question.shape.keys, kind: question.shape.kind } : undefined;
  };

  while (true) {
    if (!failure) fill();
    if (progress.answered === progress.sent) break;
    const index = progress.answered;
    const result = results[index]!;
    const event = await shell.wait(nextEvent, settings.lineMs);

    if (event.type === 'question') {
      const later = progress.sent - index - 1;
      if (later > 0) {
        result.status = 'error';
        result.messages = [event.text];
        return lostTrack({
          kind: 'question',
          index,
          deviceMessage: event.text,
          summary: `line ${index + 1} asked a question while ${later} more line(s) were already sent (the device reads the next one as its answer); give such lines a question rule id`,
        });
      }
      const answer = settings.answer({ index, line: result.line, text: event.text, kind: event.kind, ...(result.rule !== undefined ? { rule: result.rule } : {}) });
      result.question = { text: event.text, answer };
      questionAnswered = true;
      shell.write(event.keys[answer]);
      continue;
    }

    const { prompt } = event;
    const segment = splitSegment(shell.buffer.slice(0, prompt.start).replace(/\n$/, ''));
    shell.consume(prompt.end);
    outstandingBytes -= result.line.length + 1;
    progress.answered += 1;
    settings.onAnswered?.(progress.answered, commands.length);
    questionAnswered = false;

    if (!echoMatches(segment.echo, result.line)) {
      result.status = 'error';
      result.output = [segment.echo, ...segment.output];
      return lostTrack({
        kind: 'protocol',
        index,
        summary: `output out of step: expected the echo of line ${index + 1} (${JSON.stringify(result.line)}), got ${JSON.stringify(segment.echo)}`,
      });
    }
    const verdict = classifyOutput(segment.output, result.question?.text);
    result.output = segment.output;
    result.messages = verdict.messages;
    result.status = verdict.status === 'error' ? 'error' : result.question ? 'answered' : verdict.status;
    if (failure) result.afterError = true;

    if (verdict.strayQuestion) {
      result.status = 'error';
      return lostTrack({
        kind: 'question',
        index,
        deviceMessage: verdict.strayQuestion,
        summary: `line ${index + 1} asked a question that the next pipelined line answered; give such lines a question rule id`,
      });
    }
    if (prompt.mode !== 'config' && !leftConfigMode) {
      // Lines still in flight run in EXEC mode (and fail there); their prompts still count.
      leftConfigMode = true;
      failure ??= { kind: 'protocol', index, summary: `line ${index + 1} (${JSON.stringify(result.line)}) left configuration mode` };
    }
    if (result.status === 'error' && !failure) {
      failure = {
        kind: result.question ? 'question' : 'rejected',
        index,
        deviceMessage: verdict.messages.join(' | '),
        summary: result.question
          ? `line ${index + 1} (${JSON.stringify(result.line)}) asked ${JSON.stringify(result.question.text)}, answered ${result.question.answer}, and failed`
          : `the device rejected line ${index + 1} (${JSON.stringify(result.line)})`,
      };
    }
  }
  return { results, ...(failure ? { failure } : {}), desynchronised: false, leftConfigMode };
}
