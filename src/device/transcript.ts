// Turning raw terminal output into lines we can reason about. Pure functions,
// unit-tested on transcripts.
import { EXEC_RULES, classifyLine, containsQuestion } from './responses.js';
import type { LineStatus } from './types.js';

/** Terminal noise: ANSI control sequences, carriage returns, the pager and its erasure. */
export function normaliseOutput(raw: string): string {
  return raw
    .replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '')
    .replace(EXEC_RULES.more.pattern, '')
    .replace(/\x08+ *\x08*/g, '')
    .replace(/\r/g, '');
}

/** True when the text ends with the pager, i.e. the device waits for a key. */
export function endsWithMore(raw: string): boolean {
  return /--More--\s*$/.test(raw);
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Does the device's echo show the line we sent? IOS may scroll a long line and mark
 * the cut with `$`, so a `$`-trimmed echo that is part of the line also counts.
 */
export function echoMatches(echo: string, sent: string): boolean {
  const e = squash(echo);
  const s = squash(sent);
  if (e === s) return true;
  const trimmed = squash(e.replace(/^\$/, '').replace(/\$$/, ''));
  return trimmed.length > 0 && e.includes('$') && s.includes(trimmed);
}

export interface Segment {
  echo: string;
  output: string[];
}

/** Output between two prompts: first line is the echo of the line sent, the rest its output. */
export function splitSegment(text: string): Segment {
  const lines = text.split('\n');
  const echo = lines.shift() ?? '';
  return { echo, output: lines.map((l) => l.trimEnd()).filter((l) => l.trim() !== '') };
}

export interface Classification {
  status: Extract<LineStatus, 'ok' | 'info' | 'error'>;
  /** The `%` messages (info or error). */
  messages: string[];
  /** A question found inside the output (answered by whatever the device read next). */
  strayQuestion?: string;
}

/** Classify a config line's output by RESPONSE_RULES; lines that are the answered question are skipped. */
export function classifyOutput(output: readonly string[], answeredQuestion?: string): Classification {
  const rest = answeredQuestion ? output.filter((l) => !l.includes(answeredQuestion)) : output;
  const errors: string[] = [];
  const infos: string[] = [];
  for (const line of rest) {
    const kind = classifyLine(line);
    if (kind === 'error') errors.push(line.trim());
    else if (kind === 'info') infos.push(line.trim());
  }
  const stray = answeredQuestion ? undefined : containsQuestion(rest);
  const base = errors.length > 0 ? { status: 'error' as const, messages: errors } : { status: infos.length ? ('info' as const) : ('ok' as const), messages: infos };
  return stray ? { ...base, strayQuestion: stray } : base;
}

/** Output of an EXEC command: everything after the echo line, up to the prompt. */
export function execOutput(text: string): string[] {
  const firstBreak = text.indexOf('\n');
  if (firstBreak < 0) return [];
  return text.slice(firstBreak + 1).split('\n').map((l) => l.trimEnd());
}
