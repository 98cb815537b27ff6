/**
 * The compiled CLI (dist/cli/main.js, what the package's `bin` and the image run) in a process
 * of its own, timed from spawn to exit, with its peak resident memory (the kernel's high-water
 * mark) and the CPU time it and its children (git, ssh) used, both read by GNU time. Whole-process
 * figures are what a user waits for; CPU time is what a busy shared machine distorts least.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** BENCH_CLI names another build's main.js, e.g. an older commit's, for an A/B in one run. */
export const CLI = process.env.BENCH_CLI ?? fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const GNU_TIME = '/usr/bin/time';

export interface ProcessRun {
  code: number;
  seconds: number;
  peakMb: number;
  /** User + system CPU seconds of the process and the children it waited for. */
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

/** `node args…` (default: the compiled CLI with `args`) run to its end. */
export function runNode(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  if (!existsSync(GNU_TIME)) throw new Error(`${GNU_TIME} (GNU time) is needed to read a process's peak memory: apt-get install time`);
  const dir = mkdtempSync(join(tmpdir(), 'bench-time-'));
  const timeFile = join(dir, 'time');
  const started = process.hrtime.bigint();
  const child = spawn(GNU_TIME, ['-f', '%M %U %S', '-o', timeFile, process.execPath, ...args], { env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // The last line: GNU time writes "Command exited with non-zero status N" before it when so.
      const [kb, user, system] = readFileSync(timeFile, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
      rmSync(dir, { recursive: true, force: true });
      resolve({ code: code ?? 1, seconds, peakMb: kb! / 1024, cpuSeconds: user! + system!, stdout, stderr });
    });
  });
}

export function runCompiled(args: string[], env: NodeJS.ProcessEnv = {}): Promise<ProcessRun> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` first`);
  return runNode([CLI, ...args], env);
}
