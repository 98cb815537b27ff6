/** The program: every command registered, run once per process (main.ts is the entry point). */
import { CommanderError } from 'commander';
import { programFor } from './program.js';
import { ExitCode, UserError, type Exit } from './exit-codes.js';

/**
 * Output is for whoever watches, never a condition of the work: a closed pipe (`| head -2`), a
 * full disk behind `2>file` or a terminal gone away makes writes fail, and a failed write must
 * not end a run that is changing a router (Node would throw the stream's error event). Such
 * errors are dropped; the run finishes or reverts and records as it would have anyway.
 */
function ignoreOutputErrors(): void {
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => undefined);
}

/** Runs the command line and says what the process should exit with. */
export async function run(argv: string[]): Promise<number> {
  ignoreOutputErrors();
  try {
    await (await programFor(argv)).parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : ExitCode.Ok;
  } catch (error) {
    const { code, message } = await exitFor(error);
    if (message !== null) process.stderr.write(`translator: ${message}\n`);
    return code;
  }
}

/** What the process says and exits with for an error that ended a command. */
async function exitFor(error: unknown): Promise<Exit> {
  // --help and --version end through here with exit code 0; commander has printed what it had to say.
  if (error instanceof CommanderError) return { code: error.exitCode === 0 ? ExitCode.Ok : ExitCode.Usage, message: null };
  if (error instanceof UserError) return { code: error.code, message: error.message };
  const { exitForThrown } = await import('./user-facing-errors.js');
  return exitForThrown(error);
}
