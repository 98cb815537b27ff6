/** The lines a plan sends, and what a failed push means in words (with the lines the router refused). */
import { DeviceError, type ConfigCommand } from '../device/index.js';
import { cliCommands, type Plan } from '../iosxe/index.js';
import { CLEAR_TRANSLATIONS, failedInUse, IN_USE_ADVICE, needsClear, type InUsePolicy } from './in-use.js';
import type { FailedLine } from './record.js';
import { describe, describeDeviceError } from './restore.js';

/**
 * The plan's lines as the driver takes them, each with its question rule id (the driver sends a line
 * that may ask alone), the NAT table cleared first when the policy says so.
 */
export function commandLines(plan: Plan, policy: InUsePolicy): ConfigCommand[] {
  const lines: ConfigCommand[] = cliCommands(plan.commands);
  if (policy === 'clear' && needsClear(lines)) lines.unshift(CLEAR_TRANSLATIONS);
  return lines;
}

/**
 * The router refused to enter config mode (`configure terminal revert timer N`): it answered
 * with an error before any line, so nothing was sent. The driver attaches per-line results to
 * every failure once lines were pushed; a refusal without them comes from entering config mode.
 */
export function configModeRefused(error: unknown): error is DeviceError {
  return error instanceof DeviceError && (error.kind === 'rejected' || error.kind === 'busy') && error.result === undefined;
}

export interface FailedPush {
  message: string;
  failedLines: FailedLine[];
}

export function describePushFailure(error: unknown): FailedPush {
  if (!(error instanceof DeviceError)) return { message: `the push failed: ${describe(error)}`, failedLines: [] };
  const refused = error.result?.lines.filter((l) => l.status === 'error') ?? [];
  const failedLines: FailedLine[] = refused.map((l) => ({
    position: l.index + 1,
    line: l.line,
    messages: l.messages.length ? l.messages : l.output,
    ...(l.question ? { question: { text: l.question.text, answer: l.question.answer } } : {}),
  }));
  // The first line the device refused is the cause, even when later pipelined lines then failed
  // differently (e.g. an `exit` that left config mode because its sub-mode was never entered).
  const first = failedLines.find((l) => l.messages.some((m) => m.trim().startsWith('%')) || l.question);
  if (!first) return { message: `the push failed at ${describeDeviceError(error)}`, failedLines };
  const inUse = refused.some((l) => l.index + 1 === first.position && failedInUse(l));
  const asked = first.question ? ` (it asked "${first.question.text}", answered ${first.question.answer})` : '';
  const said = first.messages.join(' | ') || error.deviceMessage || '(no message)';
  return {
    message: `the router rejected line ${first.position} ${JSON.stringify(first.line.trim())}${asked}: ${said}${inUse ? ` — ${IN_USE_ADVICE}` : ''}`,
    failedLines,
  };
}
