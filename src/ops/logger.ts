/**
 * The process logger: pino, one JSON object per line by default (for log shippers), or a short
 * readable line per event when a person is watching (stdout is a terminal, or --log-format pretty).
 *
 * Why a formatter of our own instead of pino-pretty: pino-pretty is a transport in a worker thread
 * with a dozen dependencies; a readable line is twenty lines of code on the same JSON.
 *
 * Secrets: settings hold only references, and resolved secrets print `***` (settings/secret.ts);
 * as a second net, any field named like a credential is censored wherever it appears, and
 * credentials inside URLs (as Git errors quote remotes) are cut out.
 */
import type { DestinationStream, Logger } from 'pino';
import { pino as loadPino } from '../lazy.js';
import { redactUrls } from '../redact.js';
import { versionLabels } from '../build-info.js';

export type { Logger } from 'pino';

export type LogFormat = 'json' | 'pretty';
export const LOG_FORMATS: readonly LogFormat[] = ['json', 'pretty'];
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Field names whose values never reach a log, at the top level and one or two levels down. */
const SECRET_KEYS = ['password', 'enablePassword', 'token', 'secret', 'authorization', 'privateKey', 'passphrase'];
const REDACTED_PATHS = SECRET_KEYS.flatMap((key) => [key, `*.${key}`, `*.*.${key}`]).concat([
  'headers["x-gitlab-token"]',
  'headers["x-hub-signature-256"]',
  '*.headers["x-gitlab-token"]',
  '*.headers["private-token"]',
]);

export interface LoggerOptions {
  format?: LogFormat;
  level?: LogLevel;
  /** Where lines go (default stdout). */
  destination?: { write(line: string): unknown };
  /** Decides the default format: a terminal gets readable lines. */
  isTTY?: boolean;
}

/** JSON unless told otherwise or writing to a terminal. */
export function defaultLogFormat(isTTY: boolean | undefined): LogFormat {
  return isTTY ? 'pretty' : 'json';
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const format = options.format ?? defaultLogFormat(options.isTTY ?? process.stdout.isTTY);
  const out = options.destination ?? process.stdout;
  const destination: DestinationStream =
    format === 'pretty' ? { write: (line: string) => void out.write(prettyLine(line)) } : { write: (line: string) => void out.write(line) };
  const { pino } = loadPino();
  return pino(
    {
      level: options.level ?? 'info',
      // The version on every line (which build logged it); no pid/hostname: one process per container.
      base: { version: versionLabels().version },
      redact: { paths: REDACTED_PATHS, censor: '***' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: scrubFields },
      // scrubFields (which runs first) has made every `err` a LoggedError; pino's own err
      // serializer would rename its type to "Object".
      serializers: { err: (value: unknown) => value },
    },
    destination,
  );
}

/** pino's err serializer shape: what every `err` of a log line is. */
interface LoggedError {
  type: string;
  message: string;
  stack?: string;
}

/**
 * The one way an error reaches a log line: `log.warn({ err: loggedError(error) }, …)`. The stack
 * only when asked for (an unexpected failure); an expected one (Docker down, a push refused) is
 * its message. Whatever else reaches an `err` field is made this shape by the logger.
 */
export function loggedError(error: unknown, options: { stack?: boolean } = {}): LoggedError {
  if (isLoggedError(error)) return error;
  const type = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : typeof error === 'object' && error !== null ? JSON.stringify(error) : String(error);
  const stack = options.stack && error instanceof Error && error.stack ? { stack: error.stack } : {};
  return { type, message, ...stack };
}

function isLoggedError(value: unknown): value is LoggedError {
  return (
    value !== null &&
    typeof value === 'object' &&
    !(value instanceof Error) &&
    typeof (value as LoggedError).type === 'string' &&
    typeof (value as LoggedError).message === 'string'
  );
}

/** Top-level strings and errors of a log line, with URL credentials removed; `err` always a LoggedError. */
function scrubFields(fields: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'err' || value instanceof Error) {
      const err = loggedError(value, { stack: value instanceof Error });
      out[key] = { type: err.type, message: redactUrls(err.message), ...(err.stack ? { stack: redactUrls(err.stack) } : {}) };
    } else if (typeof value === 'string') out[key] = redactUrls(value);
    else out[key] = value;
  }
  return out;
}

/** Fields shown first, in this order, when present (who and what a line is about). */
const LEADING = ['router', 'commit'];
const OMITTED = new Set(['level', 'time', 'msg', 'version']);

/** `12:00:01.234 INFO  [edge1 1a2b3c4d5e6f] committed  changes=2` from one pino JSON line. */
export function prettyLine(jsonLine: string): string {
  let entry: Record<string, unknown>;
  try {
    entry = JSON.parse(jsonLine) as Record<string, unknown>;
  } catch {
    return jsonLine;
  }
  const time = typeof entry.time === 'string' ? entry.time.slice(11, 23) : '';
  const level = String(entry.level ?? '').toUpperCase().padEnd(5);
  const who = LEADING.filter((key) => entry[key] !== undefined).map((key) => {
    const value = String(entry[key]);
    return key === 'commit' ? value.slice(0, 12) : value;
  });
  const rest = Object.entries(entry)
    .filter(([key]) => !OMITTED.has(key) && !LEADING.includes(key))
    .map(([key, value]) => `${key}=${formatValue(value)}`);
  const parts = [time, level, who.length > 0 ? `[${who.join(' ')}]` : '', String(entry.msg ?? ''), ...rest].filter((p) => p !== '');
  return `${parts.join(' ')}\n`;
}

function formatValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  if (value !== null && typeof value === 'object' && 'stack' in value && typeof value.stack === 'string') {
    return `\n    ${value.stack.split('\n').join('\n    ')}`;
  }
  return JSON.stringify(value);
}
