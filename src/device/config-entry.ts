// Entering config mode. `configure terminal [revert timer N]` normally answers with a config
// prompt, but IOS may refuse (another session holds the configuration lock, the archive needed by
// a revert timer is off) or offer to end the session that holds the lock, which we always
// decline. A refusal changes nothing on the router; the caller turns it into a DeviceError.
import type { Shell } from './config-push.js';
import { COMMANDS } from './commands.js';
import { configPromptAtEnd, execPromptAtEnd } from './prompt.js';
import { CONFIG_ENTRY_REFUSALS, KILL_SESSION_QUESTION, classifyLine, findQuestion, type ConfigRefusal } from './responses.js';
import { execOutput } from './transcript.js';

export type ConfigEntry =
  | { entered: true }
  | {
      entered: false;
      /** Why: a known refusal, or `other` (no config prompt and no known reason). */
      refusal: ConfigRefusal | 'other';
      /** What to tell the user; says that nothing was changed. */
      summary: string;
      /** The device's own words. */
      said: string;
    };

export interface EntrySettings {
  /** Hostname of the EXEC prompt. */
  execHost: string;
  timeoutMs: number;
}

type Event = { prompt: ReturnType<typeof configPromptAtEnd> & object } | { killQuestion: string };

export async function enterConfigMode(shell: Shell, command: string, settings: EntrySettings): Promise<ConfigEntry> {
  const deadline = Date.now() + settings.timeoutMs;
  const remaining = () => Math.max(1, deadline - Date.now());
  let declinedKill: string | undefined;
  shell.write(`${command}\n`);
  while (true) {
    const event = await shell.wait<Event>((buffer) => {
      const prompt = configPromptAtEnd(buffer) ?? execPromptAtEnd(buffer, settings.execHost);
      if (prompt) return { prompt };
      // The question is complete once its line ends like a question (its exact suffix is not known).
      const tail = buffer.slice(buffer.lastIndexOf('\n') + 1);
      const asked = !declinedKill && KILL_SESSION_QUESTION.pattern.test(tail) && /[?:\]]\s*$/.test(tail);
      return asked ? { killQuestion: tail.trim() } : undefined;
    }, remaining());
    if ('killQuestion' in event) {
      declinedKill = event.killQuestion;
      shell.write(findQuestion(event.killQuestion)?.shape.keys.decline ?? KILL_SESSION_QUESTION.declineKeys);
      continue;
    }
    const lines = execOutput(shell.buffer.slice(0, event.prompt.start));
    shell.consume(shell.buffer.length);
    const refused = findRefusal(lines);
    if (event.prompt.mode === 'config') {
      if (!refused && !declinedKill) return { entered: true };
      // In config mode after all: leave it untouched before refusing.
      await leaveConfigMode(shell, settings.execHost, remaining());
    }
    const offered = declinedKill ? ' (the device offered to end that session; translator never does)' : '';
    if (refused) {
      // The refusal line may itself end with the question it asked: say it once.
      const said = declinedKill && !refused.line.includes(declinedKill) ? `${refused.line} | ${declinedKill}` : refused.line;
      return { entered: false, refusal: refused.refusal, said, summary: refusalSummary(refused.refusal, `${refused.details}${offered}`) };
    }
    if (declinedKill) return { entered: false, refusal: 'busy', said: declinedKill, summary: refusalSummary('busy', offered) };
    const errors = lines.filter((l) => classifyLine(l) === 'error').map((l) => l.trim());
    const said = (errors.length > 0 ? errors : lines.map((l) => l.trim()).filter(Boolean)).join(' | ');
    return { entered: false, refusal: 'other', said, summary: 'the device did not enter config mode; nothing was changed' };
  }
}

function findRefusal(lines: readonly string[]): { refusal: ConfigRefusal; line: string; details: string } | undefined {
  for (const rule of CONFIG_ENTRY_REFUSALS) {
    for (const line of lines) {
      const match = rule.pattern.exec(line);
      if (!match) continue;
      const named = Object.entries(match.groups ?? {}).filter(([, value]) => value);
      const details = named.length > 0 ? ` (${named.map(([key, value]) => `${key} ${value}`).join(', ')})` : '';
      return { refusal: rule.refusal, line: line.trim(), details };
    }
  }
  return undefined;
}

function refusalSummary(refusal: ConfigRefusal, details: string): string {
  switch (refusal) {
    case 'busy':
      return `router busy: another session holds the configuration lock${details}; nothing was changed; retry later`;
    case 'no-archive':
      return 'the router refused the revert timer: its archive feature is off (configure `archive` with ` path flash:archive`); nothing was changed';
  }
}

async function leaveConfigMode(shell: Shell, execHost: string, timeoutMs: number): Promise<void> {
  shell.write(`${COMMANDS.end}\n`);
  await shell.wait((buffer) => {
    const prompt = execPromptAtEnd(buffer, execHost);
    return prompt && prompt.start > 0 ? prompt : undefined;
  }, timeoutMs);
  shell.consume(shell.buffer.length);
}
