/**
 * A per-router lock that works across processes: two deploys to one router never interleave.
 *
 * Lock files are generations: `<router>.lock.<n>`, the highest one is the lock. To take it, read
 * the highest generation; if its holder is alive the router is busy, otherwise (none, or a dead
 * holder on this host) create generation n+1 exclusively (link(2) of a fully written file). Two processes that both found the same
 * stale lock race for the same n+1 file and the file system lets exactly one of them create it:
 * breaking a stale lock is one atomic create, never an unlink-then-create that two breakers could
 * both win. The holder removes generations below n (keeping n, the stale one it broke, so a slow
 * reader still sees it and then fails on n+1), and after creating checks that no higher generation
 * appeared meanwhile. Releasing removes the holder's own file.
 *
 * A holder is alive when its pid exists on this host with the same process start time (pid reuse
 * is not mistaken for the holder). A lock from another host cannot be checked and is never broken.
 */
import { linkSync, mkdirSync, readFileSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface LockInfo {
  pid: number;
  host: string;
  /** ISO time the lock was taken. */
  started: string;
  /** Process start time (Linux /proc, clock ticks since boot); absent elsewhere. */
  processStart?: string;
  /** What holds it, e.g. "deploy edge1". */
  purpose: string;
}

export class LockBusy extends Error {
  constructor(
    readonly router: string,
    readonly holder: LockInfo,
    readonly file: string,
  ) {
    super(
      `${router}: another translator run holds the deploy lock (pid ${holder.pid} on ${holder.host}, ` +
        `since ${holder.started}, ${holder.purpose}); wait for it to finish. If that process is gone ` +
        `(e.g. on another host sharing this lock directory), remove ${file}`,
    );
    this.name = 'LockBusy';
  }
}

export interface RouterLock {
  readonly file: string;
  release(): void;
}

export function defaultLockDir(): string {
  return path.join(os.tmpdir(), 'translator-locks');
}

/** Start time of a process (field 22 of /proc/<pid>/stat), or undefined where /proc is absent. */
function processStart(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: count fields after the last ')'.
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
  } catch {
    return undefined;
  }
}

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the lock's holder may still be running (always true for another host's lock). */
export function holderAlive(info: LockInfo): boolean {
  if (info.host !== os.hostname()) return true;
  if (!pidExists(info.pid)) return false;
  if (info.processStart === undefined) return true;
  const now = processStart(info.pid);
  return now === undefined || now === info.processStart;
}

const lockName = (router: string, generation: number) => `${router}.lock.${generation}`;

function generations(dir: string, router: string): number[] {
  const pattern = new RegExp(`^${router.replace(/[.]/g, '\\.')}\\.lock\\.(\\d+)$`);
  return readdirSync(dir)
    .map((name) => pattern.exec(name)?.[1])
    .filter((n): n is string => n !== undefined)
    .map(Number)
    .sort((a, b) => a - b);
}

function readInfo(file: string): LockInfo | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockInfo;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new Error(`unreadable lock file ${file}: ${(error as Error).message}; remove it if no deploy is running`);
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Takes the lock of `router` in `dir` or throws LockBusy. */
export function acquireLock(dir: string, router: string, purpose: string): RouterLock {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const start = processStart(process.pid);
  const info: LockInfo = {
    pid: process.pid,
    host: os.hostname(),
    started: new Date().toISOString(),
    ...(start !== undefined ? { processStart: start } : {}),
    purpose,
  };
  for (let attempt = 0; attempt < 20; attempt++) {
    const top = generations(dir, router).at(-1) ?? 0;
    if (top > 0) {
      const file = path.join(dir, lockName(router, top));
      const holder = readInfo(file);
      if (holder === null) continue; // released just now: look again
      if (holderAlive(holder)) throw new LockBusy(router, holder, file);
    }
    const mine = path.join(dir, lockName(router, top + 1));
    // Written in full under a private name, then linked into place: link() fails if the name
    // exists (like O_EXCL) and a lock file is never seen half-written.
    const temp = path.join(dir, `.${router}.${process.pid}.${attempt}.tmp`);
    writeFileSync(temp, JSON.stringify(info), { mode: 0o600 });
    try {
      linkSync(temp, mine);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue; // someone else won this generation
      throw error;
    } finally {
      unlinkQuietly(temp);
    }
    const after = generations(dir, router);
    if (after.some((n) => n > top + 1)) {
      // A process with an older view got further while we were creating ours: step back.
      unlinkQuietly(mine);
      continue;
    }
    for (const n of after) if (n < top) unlinkQuietly(path.join(dir, lockName(router, n)));
    let released = false;
    return {
      file: mine,
      release() {
        if (released) return;
        released = true;
        unlinkQuietly(mine);
      },
    };
  }
  throw new Error(`${router}: could not take the deploy lock in ${dir} after 20 attempts (heavy contention)`);
}
