/**
 * Real Git repositories for tests: temp work trees, bare remotes over file://, and a
 * `git daemon` serving them over git:// on 127.0.0.1 (a network remote).
 * Identity is set per repository (never in the global config).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The caller's environment minus variables that would point git at another repository. */
function cleanEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const key of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_CEILING_DIRECTORIES']) {
    delete env[key];
  }
  return env;
}

/** Runs git in `cwd` for test setup and assertions; returns stdout. Throws on failure. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, env: cleanEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** A temp directory removed by the returned function. */
export function tempDir(label: string): { dir: string; remove: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), `translator-${label}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Identity and non-interactive settings for one repository. */
function configureRepo(dir: string, name = 'Test Person', email = 'test@example.invalid'): void {
  git(dir, 'config', 'user.name', name);
  git(dir, 'config', 'user.email', email);
  git(dir, 'config', 'commit.gpgsign', 'false');
}

/** `git init` a work tree at `dir` (created if needed) on branch main, configured. */
export function initRepo(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet', '--initial-branch=main');
  configureRepo(dir);
  return dir;
}

/** A bare repository at `dir`, HEAD on main; returns its file:// URL. */
export function initBare(dir: string): string {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '--quiet', '--bare', '--initial-branch=main');
  return pathToFileURL(dir).href;
}

/** Clones `url` into `dir` and configures it. */
export function cloneRepo(url: string, dir: string, name?: string, email?: string): string {
  execFileSync('git', ['clone', '--quiet', url, dir], { env: cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  configureRepo(dir, name, email);
  return dir;
}

/** Writes a file (creating directories), relative to the work tree. */
export function writeRepoFile(repo: string, file: string, content: string): void {
  const target = path.join(repo, file);
  mkdirSync(path.dirname(target), { recursive: true });
  writeFileSync(target, content);
}

/** Writes, stages and commits one file; returns the new commit. */
export function commitFile(repo: string, file: string, content: string, message: string): string {
  writeRepoFile(repo, file, content);
  git(repo, 'add', '--', file);
  git(repo, 'commit', '--quiet', '-m', message, '--', file);
  return git(repo, 'rev-parse', 'HEAD').trim();
}

/** `git status --porcelain` of a work tree, one entry per line. */
export function status(repo: string): string[] {
  return git(repo, 'status', '--porcelain=v1', '--untracked-files=all').split('\n').filter(Boolean);
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export interface GitDaemon {
  port: number;
  /** git:// URL of a repository under the base path, e.g. url('remote.git'). */
  url(repo: string): string;
  stop(): Promise<void>;
}

/**
 * Serves every repository under `basePath` over git:// on 127.0.0.1, push enabled.
 * git daemon cannot report a port it chose, so a free port is picked first; if another
 * process takes it in between, the daemon exits and the next port is tried.
 */
export async function startGitDaemon(basePath: string): Promise<GitDaemon> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = await freePort();
    const child: ChildProcess = spawn(
      'git',
      ['daemon', '--reuseaddr', '--export-all', '--enable=receive-pack', '--informative-errors',
        `--base-path=${basePath}`, `--port=${port}`, '--listen=127.0.0.1', basePath],
      { env: cleanEnv(), stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let exited = false;
    child.once('exit', () => (exited = true));
    for (let wait = 0; wait < 100 && !exited; wait++) {
      if (await accepts(port)) {
        return {
          port,
          url: (repo) => `git://127.0.0.1:${port}/${repo}`,
          stop: () =>
            new Promise<void>((resolve) => {
              if (exited) return resolve();
              child.once('exit', () => resolve());
              child.kill('SIGTERM');
            }),
        };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    if (!exited) child.kill('SIGKILL');
  }
  throw new Error('git daemon did not start (5 attempts)');
}

export interface SharedRemote {
  /** The temp directory holding everything (removed after the test). */
  dir: string;
  /** The bare remote's path and file:// URL. */
  bare: string;
  url: string;
  /** Clones of the remote, each configured: as many machines sharing it. */
  clones: string[];
}

/** A bare remote with a first commit on main, and `count` clones of it; removed after test `t`. */
export function sharedRemote(t: { after: (fn: () => void) => void }, label: string, count: number): SharedRemote {
  const tmp = tempDir(label);
  t.after(tmp.remove);
  const bare = path.join(tmp.dir, 'remote.git');
  const url = initBare(bare);
  const seed = initRepo(path.join(tmp.dir, 'seed'));
  git(seed, 'remote', 'add', 'origin', url);
  commitFile(seed, 'README', 'hello\n', 'first');
  git(seed, 'push', '-q', 'origin', 'main');
  return { dir: tmp.dir, bare, url, clones: Array.from({ length: count }, (_, i) => cloneRepo(url, path.join(tmp.dir, `clone${i}`))) };
}
