// Prompt recognition. IOS prompts are `host>` / `host#` in EXEC and
// `host(config…)#` in config mode, where IOS may truncate a long hostname. The config
// pattern therefore does not depend on the hostname at all (it survives `hostname X`
// and truncation); EXEC prompts are matched against the name learned at login.

/** Characters IOS allows in a hostname (letters, digits, hyphen; we also allow `.` and `_`). */
const NAME = '[A-Za-z0-9][A-Za-z0-9._-]{0,62}';

export type Mode = 'user' | 'privileged' | 'config';

export interface PromptMatch {
  /** Offset where the prompt starts and ends in the searched text. */
  start: number;
  end: number;
  mode: Mode;
  /** Hostname as the prompt shows it (maybe truncated). */
  host: string;
  /** Config sub-mode, e.g. `config-subif`, when mode is config. */
  submode?: string;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EXEC_PROMPT_AT_END = new RegExp(`(?:^|\\n)(${NAME})([>#]) ?$`);
const CONFIG_PROMPT_AT_END = new RegExp(`(?:^|\\n)(${NAME})\\((config[^)\\s]*)\\)# ?$`);

/** An EXEC prompt ending the text (any hostname): login, and after `end`. */
export function execPromptAtEnd(text: string, host?: string): PromptMatch | undefined {
  const pattern = host ? new RegExp(`(?:^|\\n)(${escapeRegExp(host)})([>#]) ?$`) : EXEC_PROMPT_AT_END;
  const m = pattern.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const start = m.index + (m[0].startsWith('\n') ? 1 : 0);
  return { start, end: text.length, mode: m[2] === '#' ? 'privileged' : 'user', host: m[1] };
}

/** A config-mode prompt ending the text: after `configure terminal`. */
export function configPromptAtEnd(text: string): PromptMatch | undefined {
  const m = CONFIG_PROMPT_AT_END.exec(text);
  if (!m || m[1] === undefined) return undefined;
  const start = m.index + (m[0].startsWith('\n') ? 1 : 0);
  return { start, end: text.length, mode: 'config', host: m[1], ...(m[2] ? { submode: m[2] } : {}) };
}

/**
 * The first prompt that begins a line at or after `from`, while pushing config. Each
 * prompt closes the previous line's output; the echo of the next line may follow it
 * on the same line. Config prompts match any hostname; an EXEC prompt only the known
 * one (config mode was left, which the push must notice).
 */
export function findLinePrompt(text: string, from: number, execHost: string): PromptMatch | undefined {
  const pattern = new RegExp(`\\n(?:(${NAME})\\((config[^)\\s]*)\\)#|(${escapeRegExp(execHost)})([>#]))`, 'g');
  pattern.lastIndex = Math.max(0, from - 1);
  const m = pattern.exec(text);
  if (!m) return undefined;
  const start = m.index + 1;
  const end = m.index + m[0].length;
  if (m[1] !== undefined) return { start, end, mode: 'config', host: m[1], ...(m[2] ? { submode: m[2] } : {}) };
  return { start, end, mode: m[4] === '#' ? 'privileged' : 'user', host: m[3] ?? execHost };
}

/**
 * The answers to `count` EXEC commands sent together (type-ahead), once the buffer holds them all:
 * IOS reads one line at a time — echo, output, prompt — so the Nth EXEC prompt of `host` that
 * begins a line closes the Nth command, the echo of the next one following it on the same line
 * (config-push.ts relies on the same for config lines). Each answer is its echo line and output,
 * as `#exec` sees one. Undefined until the `count`th prompt ends the buffer.
 */
export function execAnswers(text: string, host: string, count: number): string[] | undefined {
  const last = execPromptAtEnd(text, host);
  if (!last || last.start === 0) return undefined;
  const pattern = new RegExp(`\\n${escapeRegExp(host)}[>#]`, 'g');
  const answers: string[] = [];
  let from = 0;
  for (const m of text.slice(0, last.start).matchAll(pattern)) {
    answers.push(text.slice(from, m.index));
    from = m.index + m[0].length;
  }
  answers.push(text.slice(from, last.start).replace(/\n$/, ''));
  return answers.length === count ? answers : undefined;
}
