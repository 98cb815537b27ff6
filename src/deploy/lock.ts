/**
 * A per-router lock that works across processes of one host: two deploys to one router never
 * interleave. (Across hosts, the lease on the GitOps remote does that: lease.ts.)
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
 * is not mistaken for the holder). A lock from another host cannot be checked and is never broken
 * by a deploy: `translator unlock` removes it, on purpose and on the record.
 *
 * The directory is the user's own: created 0700, and refused when it is a symbolic link, belongs
 * to another user or is writable by group or others (anyone who can write there could plant a
 * lock that blocks every deploy, or a symbolic link that makes translator write through it).
 * Files in it are created with O_EXCL|O_NOFOLLOW and read with O_NOFOLLOW: a planted link is never
 * followed.
 */
import { closeSync, constants, linkSync, lstatSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { errnoCode } from '../errors.js';

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

/** A deploy refused before the router is touched: the lock, the lease, or where they live, says no. */
export class DeployBlocked extends Error {
  override name = 'DeployBlocked';
}

export class LockBusy extends DeployBlocked {
  override name = 'LockBusy';
  constructor(
    readonly router: string,
    readonly holder: LockInfo,
    readonly file: string,
  ) {
    super(
      // No router in the message: it goes into the router's record and line, which name it.
      `another translator run holds the deploy lock (pid ${holder.pid} on ${holder.host}, ` +
        `since ${holder.started}, ${holder.purpose}); wait for it to finish. ` +
        (holder.host === os.hostname()
          ? 'It is a live process on this host'
          : `A lock of another host cannot be checked: if no translator runs there any more, \`translator unlock --router ${router}\` removes it (recorded)`),
    );
  }
}

/** The lock directory (or a file in it) is not safely ours. */
export class LockDirUnsafe extends DeployBlocked {
  override name = 'LockDirUnsafe';
}

export interface RouterLock {
  readonly file: string;
  release(): void;
}

/** Per user: another user's directory of the same name would be refused (LockDirUnsafe). */
export function defaultLockDir(): string {
  const uid = process.getuid?.();
  return path.join(os.tmpdir(), uid === undefined ? 'translator-locks' : `translator-locks-${uid}`);
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
    return errnoCode(error) === 'EPERM';
  }
}

/** Whether the holder is a process running on this host (pid and start time match). */
export function liveHere(info: { host: string; pid: number; processStart?: string }): boolean {
  if (info.host !== os.hostname() || !pidExists(info.pid)) return false;
  if (info.processStart === undefined) return true;
  const now = processStart(info.pid);
  return now === undefined || now === info.processStart;
}

/** Whether the lock's holder may still be running (always true for another host's lock). */
export function holderAlive(info: LockInfo): boolean {
  return info.host !== os.hostname() || liveHere(info);
}

/** This process, as a lock or lease names its holder. */
export function thisProcess(): { pid: number; host: string; processStart?: string } {
  const start = processStart(process.pid);
  return { pid: process.pid, host: os.hostname(), ...(start !== undefined ? { processStart: start } : {}) };
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

/**
 * Refuses a directory anyone but this user could write to. Only where the owner can be known
 * (POSIX): elsewhere the directory is used as it is.
 */
function checkLockDir(dir: string): void {
  const stat = lstatSync(dir);
  const fix = `remove it, or set deploy.lockDir to a directory of your own (mode 0700)`;
  if (stat.isSymbolicLink()) throw new LockDirUnsafe(`lock directory ${dir} is a symbolic link: refusing to follow it; ${fix}`);
  if (!stat.isDirectory()) throw new LockDirUnsafe(`lock directory ${dir} is not a directory; ${fix}`);
  const uid = process.getuid?.();
  if (uid === undefined) return;
  if (stat.uid !== uid) throw new LockDirUnsafe(`lock directory ${dir} belongs to uid ${stat.uid}, not to this user (uid ${uid}): anyone owning it can plant or remove locks; ${fix}`);
  if ((stat.mode & 0o022) !== 0) {
    throw new LockDirUnsafe(`lock directory ${dir} is writable by ${stat.mode & 0o002 ? 'everyone' : 'its group'} (mode ${(stat.mode & 0o777).toString(8)}): others could plant locks or links there; \`chmod 700 ${dir}\`, or ${fix}`);
  }
}

/** Creates the lock directory (0700) when missing, then checks it is safely ours. */
function ensureLockDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  checkLockDir(dir);
}

/** A lock file's holder, or null when the file is gone; read without following a link. */
function readInfo(file: string): LockInfo | null {
  let fd: number;
  try {
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    const code = errnoCode(error);
    if (code === 'ENOENT') return null;
    if (code === 'ELOOP') throw new LockDirUnsafe(`${file} is a symbolic link, not a lock translator wrote: remove it`);
    throw error;
  }
  let text: string;
  try {
    text = readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
  try {
    const info = JSON.parse(text) as LockInfo;
    if (typeof info.pid === 'number' && typeof info.host === 'string') return info;
  } catch {
    // reported below
  }
  throw new LockDirUnsafe(`unreadable lock file ${file}: not a lock translator wrote; if no deploy is running, remove it`);
}

/** Writes a new private file in full: created exclusively, never through a link. Returns its name. */
function writeNewFile(dir: string, stem: string, content: string): string {
  for (let attempt = 0; ; attempt++) {
    const file = path.join(dir, `.${stem}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    let fd: number;
    try {
      fd = openSync(file, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
    } catch (error) {
      // Something already has that name (a planted link, say): never write through it, pick another.
      if (errnoCode(error) === 'EEXIST' && attempt < 10) continue;
      throw error;
    }
    try {
      writeSync(fd, content);
    } finally {
      closeSync(fd);
    }
    return file;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {
    // already gone
  }
}

/** Takes the lock of `router` in `dir`, or throws LockBusy (held) or LockDirUnsafe. */
export function acquireLock(dir: string, router: string, purpose: string): RouterLock {
  ensureLockDir(dir);
  const info: LockInfo = { ...thisProcess(), started: new Date().toISOString(), purpose };
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
    // exists (like O_EXCL, and without following a link there) and a lock file is never seen half-written.
    const temp = writeNewFile(dir, router, JSON.stringify(info));
    try {
      linkSync(temp, mine);
    } catch (error) {
      if (errnoCode(error) === 'EEXIST') continue; // someone else won this generation
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

/** The current lock of a router as `status` and `unlock` show it. */
export interface HeldLock {
  file: string;
  holder: LockInfo;
  /** A live process of this host holds it (never removed by unlock). */
  live: boolean;
}

/** The router's current lock, or null (no directory, no lock). Never creates anything. */
export function currentLock(dir: string, router: string): HeldLock | null {
  try {
    checkLockDir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return null;
    throw error;
  }
  for (let attempt = 0; attempt < 20; attempt++) {
    const top = generations(dir, router).at(-1);
    if (top === undefined) return null;
    const file = path.join(dir, lockName(router, top));
    const holder = readInfo(file);
    if (holder !== null) return { file, holder, live: liveHere(holder) };
  }
  return null;
}

/**
 * Removes the router's lock files whose holders are not live processes of this host (another
 * host's, a dead process's): what `translator unlock` does. Throws LockBusy when a live local
 * process holds the lock. Returns what was removed.
 */
export function removeStaleLocks(dir: string, router: string): HeldLock[] {
  const current = currentLock(dir, router);
  if (current === null) return [];
  if (current.live) throw new LockBusy(router, current.holder, current.file);
  const removed: HeldLock[] = [];
  for (const n of generations(dir, router)) {
    const file = path.join(dir, lockName(router, n));
    const holder = readInfo(file);
    if (holder === null || liveHere(holder)) continue;
    unlinkQuietly(file);
    removed.push({ file, holder, live: false });
  }
  return removed;
}
