import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { RenderError } from './errors.js';
import { SANDBOX_PROGRAM, TIMED_OUT } from './sandbox-program.js';
import { ENTRY, NUNJUCKS_OPTIONS } from './templates.js';

/**
 * Bounds of one sandboxed render. 100,000 floating IPs render in a few seconds and about 7 MB;
 * anything far beyond that is a runaway template.
 */
export interface SandboxLimits {
  timeoutMs: number;
  outputBytes: number;
  heapMb: number;
}

export const SANDBOX_LIMITS: Readonly<SandboxLimits> = { timeoutMs: 60_000, outputBytes: 64 * 1024 * 1024, heapMb: 1024 };

/** The user a translator running as root drops to for the sandbox: no Docker socket, no root-owned files. */
const NOBODY = 65534;

/** Node 22.13+ and 23.5+ spell the permission model `--permission`; Node 20 `--experimental-permission`. */
function permissionFlag(): string {
  return process.allowedNodeEnvironmentFlags.has('--permission') ? '--permission' : '--experimental-permission';
}

export interface JailRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  error?: NodeJS.ErrnoException;
}

/**
 * Runs a CommonJS program in the sandbox process: a new `node` with Node's permission model and no
 * rights granted (no file read or write, no child processes, no workers, no native addons), an
 * empty environment (no IOS_*, no tokens, no DOCKER_HOST, no NODE_OPTIONS), `/` as its directory,
 * as user nobody when translator runs as root, with a wall-clock timeout, a heap cap and a bound
 * on its output (the process is killed past either). Input on stdin, output on stdout.
 */
export function runJailed(program: string, input: string, limits: Readonly<SandboxLimits> = SANDBOX_LIMITS): JailRun {
  const asRoot = process.getuid?.() === 0;
  const run = spawnSync(process.execPath, [permissionFlag(), '--no-warnings', `--max-old-space-size=${limits.heapMb}`, '-e', program], {
    input,
    encoding: 'utf8',
    env: {},
    cwd: '/',
    timeout: limits.timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: limits.outputBytes,
    stdio: ['pipe', 'pipe', 'pipe'],
    windowsHide: true,
    ...(asRoot ? { uid: NOBODY, gid: NOBODY } : {}),
  });
  return {
    status: run.status,
    signal: run.signal,
    stdout: run.stdout ?? '',
    stderr: run.stderr ?? '',
    ...(run.error ? { error: run.error as NodeJS.ErrnoException } : {}),
  };
}

let engine: string | undefined;

/** nunjucks' self-contained browser build (same package, same version): it needs no `require` in the sandbox. */
function engineSource(): string {
  engine ??= readFileSync(createRequire(import.meta.url).resolve('nunjucks/browser/nunjucks.js'), 'utf8');
  return engine;
}

/** Renders ENTRY from `templates` with `context` in the sandbox; the text, or a RenderError saying why not. */
export function renderInSandbox(
  templates: ReadonlyMap<string, string>,
  context: unknown,
  origin: string,
  limits: Readonly<SandboxLimits> = SANDBOX_LIMITS,
): string {
  const job = JSON.stringify({ templates: Object.fromEntries(templates), entry: ENTRY, options: NUNJUCKS_OPTIONS, context });
  const run = runJailed(SANDBOX_PROGRAM, JSON.stringify({ engine: engineSource(), job, timeoutMs: limits.timeoutMs }), limits);
  const timedOut = `${origin}: the templates did not finish rendering within ${limits.timeoutMs / 1000} s`;
  if (run.error?.code === 'ETIMEDOUT') throw new RenderError(timedOut);
  if (run.error?.code === 'ENOBUFS') {
    throw new RenderError(`${origin}: the templates rendered more than ${limits.outputBytes / 1024 / 1024} MiB`);
  }
  if (run.error) throw new RenderError(`${origin}: the template sandbox could not start: ${run.error.code ?? run.error.message}`);
  if (run.status === TIMED_OUT) throw new RenderError(timedOut);
  if (run.status !== 0) {
    const why = run.signal !== null ? `killed by ${run.signal} (memory above ${limits.heapMb} MB?)` : shown(run.stderr);
    throw new RenderError(`${origin}: the templates failed to render: ${why}`);
  }
  return run.stdout;
}

/** A child's message, on one line and bounded: it may quote template text. */
function shown(text: string): string {
  const line = JSON.stringify(text.trim().replace(/\s*\n\s*/g, ' ')).slice(1, -1);
  return line.length > 600 ? `${line.slice(0, 600)}…` : line;
}
