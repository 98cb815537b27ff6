/** Plan commands and how to turn them into the exact lines typed in config mode. */
import { CLOSERS } from './rules/syntax.js';
import type { SectionKindName } from './rules/sections.js';
import type { QuestionRule } from './rules/questions.js';

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
  /** The device may ask this before returning to the prompt. */
  question?: Pick<QuestionRule, 'id' | 'prompt' | 'promptPattern' | 'reason' | 'source'>;
}

/** The line that leaves the sub-mode opened by `opener`: its closer if it has one, else `exit`. */
export function exitLine(opener: string): string {
  for (const rule of CLOSERS) if (rule.opener.test(opener)) return rule.closer;
  return 'exit';
}

/**
 * The lines to type after `configure terminal`, entering and leaving sub-modes explicitly, indented by
 * mode depth (the device ignores leading spaces). Ends back in global config mode.
 */
export function cliLines(commands: readonly Command[]): string[] {
  const out: string[] = [];
  let mode: string[] = [];
  const leaveTo = (depth: number) => {
    while (mode.length > depth) {
      const opener = mode.pop()!;
      out.push(' '.repeat(mode.length) + exitLine(opener));
    }
  };
  for (const command of commands) {
    let common = 0;
    while (common < mode.length && common < command.context.length && mode[common] === command.context[common]) common++;
    leaveTo(common);
    for (let i = common; i < command.context.length; i++) {
      out.push(' '.repeat(i) + command.context[i]);
      mode.push(command.context[i]!);
    }
    out.push(' '.repeat(command.context.length) + command.line);
    if (command.enters) mode.push(command.line);
  }
  leaveTo(0);
  return out;
}
