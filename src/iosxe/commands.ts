/** Plan commands and how to turn them into the exact lines typed in config mode. */
import { CLOSERS } from './rules/syntax.js';
import type { SectionKindName } from './rules/sections.js';
import type { QuestionRuleId } from './rules/questions.js';

export interface Command {
  /** Sub-mode lines to be in before this one, outermost first; [] = global config mode. */
  context: string[];
  line: string;
  /** The line opens a sub-mode (the next commands with `context` ending in it run there). */
  enters?: true;
  /** Adds a line, or removes one (a `no …` form). */
  action: 'add' | 'remove';
  kind: SectionKindName;
  /** The object the command belongs to (VRF, interface, ACL, route-map; for NAT lines their VRF). */
  object: string;
  /** The device may ask a question before returning to the prompt: the id of its rule in rules/questions.ts. */
  question?: QuestionRuleId;
}

/** One line to type, with the question it may ask (the id reaches the device driver and the answer policy). */
export interface CliLine {
  line: string;
  question?: QuestionRuleId;
}

/** The line that leaves the sub-mode opened by `opener`: its closer if it has one, else `exit`. */
function exitLine(opener: string): string {
  for (const rule of CLOSERS) if (rule.opener.test(opener)) return rule.closer;
  return 'exit';
}

/**
 * The lines to type after `configure terminal`, entering and leaving sub-modes explicitly, indented by
 * mode depth (the device ignores leading spaces). Ends back in global config mode. A command's
 * question id stays with its line; the lines added to enter and leave sub-modes ask nothing.
 */
export function cliCommands(commands: readonly Command[]): CliLine[] {
  const out: CliLine[] = [];
  let mode: string[] = [];
  const leaveTo = (depth: number) => {
    while (mode.length > depth) {
      const opener = mode.pop()!;
      out.push({ line: ' '.repeat(mode.length) + exitLine(opener) });
    }
  };
  for (const command of commands) {
    let common = 0;
    while (common < mode.length && common < command.context.length && mode[common] === command.context[common]) common++;
    leaveTo(common);
    for (let i = common; i < command.context.length; i++) {
      out.push({ line: ' '.repeat(i) + command.context[i] });
      mode.push(command.context[i]!);
    }
    const line = ' '.repeat(command.context.length) + command.line;
    out.push(command.question ? { line, question: command.question } : { line });
    if (command.enters) mode.push(command.line);
  }
  leaveTo(0);
  return out;
}

/** cliCommands without the question ids: the text of the lines (plans shown to people, records). */
export function cliLines(commands: readonly Command[]): string[] {
  return cliCommands(commands).map((c) => c.line);
}
