/**
 * `--format text|json` (and the other formats a command has), the same option on every command
 * that prints results; `--json` stays an alias where it existed (render, status). Like kubectl's
 * and helm's `-o json`: the document alone on stdout, everything for people on stderr.
 */
import { Option, type Command } from 'commander';
import { documentText } from '../documents/document.js';
import { ExitCode, UserError } from './exit-codes.js';

export interface FormatFlags {
  format?: string;
  json?: boolean;
}

export function withFormatOption(command: Command, formats: readonly string[] = ['text', 'json'], options: { jsonAlias?: boolean } = {}): Command {
  command.addOption(new Option('--format <format>', `output: ${formats.join(' | ')} (default text)`).choices(formats));
  if (options.jsonAlias) command.option('--json', 'the same as --format json');
  return command;
}

/** The chosen format; `--json` with another `--format` than json is a contradiction. */
export function formatOf<F extends string>(flags: FormatFlags): F {
  const format = flags.format ?? 'text';
  if (flags.json && flags.format !== undefined && format !== 'json') throw new UserError(`--json and --format ${format} exclude each other`, ExitCode.Usage);
  return (flags.json ? 'json' : format) as F;
}

export function printDocument(doc: object): void {
  process.stdout.write(documentText(doc));
}
