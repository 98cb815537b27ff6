/**
 * The one place that runs `git`: commands that talk to a remote through simple-git, the others
 * spawned here (`run` says why), the long-lived ones through kept-process.ts. Everything else in
 * gitops builds argument arrays, never shell strings.
 *
 * Environment: git and its hooks (a repository's pre-commit, pre-push, a remote helper) get an
 * allow-list, never the process's whole environment: translator holds router passwords
 * (IOS_PASS, IOS_ENABLE_PASS, any `{env: …}` a setting names), forge tokens and webhook secrets,
 * and none of them is git's business. Passed: where and as whom git runs (PATH, HOME, USER, …),
 * locale and time zone, the operator's transport settings (proxies, CA bundle, SSH command and
 * agent, askpass: needed to reach a real remote from a container), plus the per-call identity and
 * index variables we set ourselves. GIT_DIR, GIT_WORK_TREE and friends from the caller's
 * environment are never passed, so the repository is always the one we opened. Prompts are
 * disabled so a push that needs a password fails instead of hanging.
 */
import { spawn } from 'node:child_process';
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHash, randomUUID } from 'node:crypto';
import { simpleGit } from '../lazy.js';
import { errorText } from '../errors.js';
import { redactUrls } from '../redact.js';
import { CatFileProcess, spawnCatFile, type CatFileAnswer } from './cat-file.js';
import { ObjectWriter, type ObjectType } from './object-writer.js';
import { PRIVATE_DIR, privatePaths } from './layout.js';

/** Ambient variables kept so that pushing to an authenticated remote works. */
const TRANSPORT_ENV = [
  'GIT_SSL_CAINFO',
  'GIT_SSL_CAPATH',
  'GIT_SSL_NO_VERIFY',
  'GIT_SSH',
  'GIT_SSH_COMMAND',
  'GIT_SSH_VARIANT',
  'GIT_ASKPASS',
  'SSH_ASKPASS',
  'GIT_HTTP_PROXY_AUTHMETHOD',
] as const;

/** Ambient variables kept because git (or a hook, or ssh) needs them to run at all. */
const AMBIENT_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'SHELL',
  'LANG',
  'LANGUAGE',
  'TZ',
  'TMPDIR',
  'XDG_CONFIG_HOME',
  'SSH_AUTH_SOCK',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'ALL_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'all_proxy',
] as const;

/** Locale categories (LC_ALL, LC_CTYPE, …): kept like LANG. */
const LOCALE = /^LC_[A-Z_]+$/;

/** git commands that talk to a remote (run: through simple-git and its guards). */
const REMOTE_COMMANDS = new Set(['fetch', 'push', 'pull', 'clone', 'ls-remote']);

/** Variables this module sets per call. */
const OWN_ENV = [
  'GIT_AUTHOR_NAME',
  'GIT_AUTHOR_EMAIL',
  'GIT_AUTHOR_DATE',
  'GIT_COMMITTER_NAME',
  'GIT_COMMITTER_EMAIL',
  'GIT_INDEX_FILE',
  'GIT_TERMINAL_PROMPT',
  'GIT_LITERAL_PATHSPECS',
] as const;

export type GitEnv = Partial<Record<(typeof OWN_ENV)[number], string>>;

/** A git failure; `stderr` is git's own message with any credentials in URLs redacted. */
export class GitCommandError extends Error {
  readonly stderr: string;
  constructor(
    readonly args: readonly string[],
    stderr: string,
  ) {
    const redacted = redactUrls(stderr);
    super(`git ${args[0] ?? ''} failed: ${redacted.trim() || '(no message)'}`);
    this.name = 'GitCommandError';
    this.stderr = redacted;
  }
}

export interface GitRunOptions {
  env?: GitEnv;
  /** Kill git after this long without output (a hung remote), in milliseconds. */
  idleTimeoutMs?: number;
}

export class Git {
  /** `--git-path` answers: fixed for the life of a repository, so asked once each. */
  readonly #gitPaths = new Map<string, Promise<string>>();
  #catFile: CatFileProcess | null = null;
  #writer: ObjectWriter | null = null;
  /** Remotes asked about, with the state of the config file when asked. */
  readonly #remotes = new Map<string, { config: string; exists: boolean }>();
  #objectFormat: Promise<string> | null = null;

  constructor(readonly cwd: string) {}

  /** An absolute path inside the repository's git dir (`git rev-parse --git-path NAME`). */
  gitPath(name: string): Promise<string> {
    let resolved = this.#gitPaths.get(name);
    if (!resolved) {
      resolved = this.run(['rev-parse', '--git-path', name]).then((rel) => path.resolve(this.cwd, rel.trim()));
      this.#gitPaths.set(name, resolved);
      resolved.catch(() => this.#gitPaths.delete(name));
    }
    return resolved;
  }

  /**
   * Whether `name` is one of the repository's remotes (`git remote get-url`); asked again only
   * when the repository's config file has changed since (a daemon asks on every deploy).
   */
  async hasRemote(name: string): Promise<boolean> {
    const file = await this.gitPath('config');
    const config = await stat(file).then((s) => `${s.ino}:${s.size}:${s.mtimeMs}`, () => 'absent');
    const known = this.#remotes.get(name);
    if (known?.config === config) return known.exists;
    const exists = (await this.run(['remote', 'get-url', name]).catch(() => '')).trim() !== '';
    this.#remotes.set(name, { config, exists });
    return exists;
  }

  /** The repository's object format (`sha1` or `sha256`), asked once. */
  objectFormat(): Promise<string> {
    this.#objectFormat ??= this.run(['rev-parse', '--show-object-format']).then((out) => out.trim());
    this.#objectFormat.catch(() => (this.#objectFormat = null));
    return this.#objectFormat;
  }

  /** The id `git hash-object` gives `text` as a blob, computed here. */
  async blobId(text: string): Promise<string> {
    return this.objectId('blob', text);
  }

  /** The id git gives an object of `type` with `content` in this repository, computed here. */
  async objectId(type: ObjectType, content: string | Buffer): Promise<string> {
    return objectIdOf(await this.objectFormat(), type, content);
  }

  /** A path in translator's own directory of the git dir (layout.ts privatePaths). */
  async privatePath(name: string): Promise<string> {
    return path.join(await this.gitPath(PRIVATE_DIR), name);
  }

  /** Remembers a `--git-path` answer learnt from another rev-parse (the path is absolute). */
  knownGitPath(name: string, absolute: string): void {
    this.#gitPaths.set(name, Promise.resolve(absolute));
  }

  /**
   * The blobs named `<rev>:<path>` (or by id), read by the repository's long-lived
   * `git cat-file --batch` (cat-file.ts): a name that resolves to nothing (no such commit, ref or
   * file) maps to null. A name that is not a file (a directory) is an error, as
   * `git cat-file blob` would make it.
   */
  async readBlobs(names: readonly string[]): Promise<Map<string, string | null>> {
    const found = new Map<string, string | null>();
    const answers = await this.#cat(names);
    names.forEach((name, i) => {
      const answer = answers[i]!;
      if (answer !== null && answer.type !== 'blob') throw new GitCommandError(['cat-file'], `${name} is a ${answer.type}, not a file`);
      found.set(name, answer === null ? null : answer.content.toString('utf8'));
    });
    return found;
  }

  /**
   * The object ids `names` resolve to (e.g. `refs/heads/x^{commit}`, `<commit>^{tree}`), null for
   * a name that resolves to nothing: `rev-parse --verify --quiet` without a process of its own.
   */
  async objectIds(names: readonly string[]): Promise<Array<string | null>> {
    return (await this.#cat(names)).map((answer) => answer?.id ?? null);
  }

  /** The raw objects `names` resolve to (a tree's binary entries, a commit's text), null for a name that resolves to nothing. */
  async readObjects(names: readonly string[]): Promise<CatFileAnswer[]> {
    return this.#cat(names);
  }

  /**
   * Writes objects of `type` to the store (files as they are: no filters) through a kept
   * `git hash-object` (object-writer.ts); their ids, in order.
   */
  async writeObjects(type: ObjectType, contents: ReadonlyArray<string | Buffer>): Promise<string[]> {
    return this.#objectWriter()
      .write(type, contents)
      .catch((error: unknown) => {
        throw new GitCommandError(['hash-object'], errorText(error));
      });
  }

  /** Writes objects whose ids were computed here (objectId); an id git answers differently is an error. */
  async writeKnownObjects(type: ObjectType, objects: ReadonlyArray<{ id: string; content: string | Buffer }>): Promise<void> {
    const ids = await this.writeObjects(type, objects.map((o) => o.content));
    objects.forEach(({ id }, i) => {
      if (ids[i] !== id) throw new GitCommandError(['hash-object'], `git wrote ${type} ${ids[i]}, not the ${id} computed`);
    });
  }

  /**
   * `git update-ref -m message ref next previous` through a kept `git update-ref --stdin`: moves
   * `ref` only if it is still at `previous` (null: only if it does not exist); a GitCommandError when not.
   */
  async updateRef(ref: string, next: string, previous: string | null, message: string): Promise<void> {
    const zero = '0'.repeat((await this.objectFormat()) === 'sha256' ? 64 : 40);
    return this.#objectWriter()
      .updateRef(ref, next, previous, message, zero)
      .catch((error: unknown) => {
        throw new GitCommandError(['update-ref'], errorText(error));
      });
  }

  #objectWriter(): ObjectWriter {
    this.#writer ??= new ObjectWriter(this.cwd, () => gitEnv().env, () => this.privatePath(privatePaths.objectScratch));
    return this.#writer;
  }

  /** Ends the long-lived git processes, if any (a later read or write starts another). */
  close(): void {
    this.#catFile?.close();
    this.#writer?.close();
  }

  #cat(names: readonly string[]): Promise<CatFileAnswer[]> {
    const bad = names.find((n) => /[\n\r]/.test(n) || n.trim() !== n || n === '');
    // One name per input line: a name that is not exactly one line would desynchronise the answers.
    if (bad !== undefined) return Promise.reject(new GitCommandError(['cat-file'], `not a name cat-file --batch can read: ${JSON.stringify(bad)}`));
    this.#catFile ??= new CatFileProcess(() => spawnCatFile(this.cwd, gitEnv().env));
    return this.#catFile.read(names).catch((error: unknown) => {
      throw new GitCommandError(['cat-file'], errorText(error));
    });
  }

  /**
   * Runs a command that takes a commit message with `-F <file>`: messages can exceed the
   * kernel's per-argument limit, and their text (reasons quoting untrusted labels) never
   * becomes an argument.
   */
  async runWithMessage(args: readonly string[], message: string, options: GitRunOptions = {}): Promise<string> {
    // Unique per call: two commits in flight in one process must not share (and delete) one file.
    const file = await this.privatePath(privatePaths.message(`${process.pid}-${randomUUID()}`));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, message);
    try {
      const end = args.includes('--') ? args.indexOf('--') : args.length;
      return await this.run([...args.slice(0, end), '-F', file, ...args.slice(end)], options);
    } finally {
      await rm(file, { force: true });
    }
  }

  /**
   * Runs git with `args` in `cwd`; resolves with stdout, rejects with GitCommandError. Commands that
   * talk to a remote go through simple-git, whose guards check their arguments and environment
   * (a remote or URL comes from settings). Every other command is spawned here: simple-git waits
   * 50 ms more after a command that printed nothing (its completion plugin, simple-git 4), which
   * `git status` of clean files and `git commit --quiet` never do — 100 ms of every watch cycle
   * (issue 14). A local command fails on any exit status but 0 (a pre-commit hook that refuses
   * silently fails the commit); simple-git counts a status as a failure only with words on stderr.
   */
  async run(args: readonly string[], options: GitRunOptions = {}): Promise<string> {
    if (!REMOTE_COMMANDS.has(args[0] ?? '')) return (await this.#spawn(args, '', options)).toString('utf8');
    const { env, passed } = gitEnv(options);
    const git = simpleGit().simpleGit({
      baseDir: this.cwd,
      allowEnvironment: [...passed, ...OWN_ENV],
      // The operator chose these (e.g. a deploy key's ssh command); they are not user input.
      unsafe: { allowUnsafeSshCommand: true, allowUnsafeAskPass: true },
      timeout: { block: options.idleTimeoutMs ?? 120_000 },
    }).env(env);
    try {
      return await git.raw([...args]);
    } catch (error) {
      throw new GitCommandError(args, errorText(error));
    }
  }

  /**
   * Runs a local git command that reads `input` on stdin (simple-git cannot pass stdin), with the
   * environment `run` gives git. Resolves with stdout as bytes (sizes in cat-file answers are
   * bytes); any exit status but 0 is an error.
   */
  runWithInput(args: readonly string[], input: string, options: GitRunOptions = {}): Promise<Buffer> {
    return this.#spawn(args, input, options);
  }

  #spawn(args: readonly string[], input: string, options: GitRunOptions): Promise<Buffer> {
    const { env } = gitEnv(options);
    const idleMs = options.idleTimeoutMs ?? 120_000;
    return new Promise((resolve, reject) => {
      const child = spawn('git', [...args], { cwd: this.cwd, env, stdio: ['pipe', 'pipe', 'pipe'] });
      const out: Buffer[] = [];
      let err = '';
      let idle = setTimeout(() => child.kill(), idleMs);
      const alive = () => {
        clearTimeout(idle);
        idle = setTimeout(() => child.kill(), idleMs);
      };
      child.stdout.on('data', (chunk: Buffer) => {
        out.push(chunk);
        alive();
      });
      child.stderr.on('data', (chunk: Buffer) => {
        err += chunk.toString('utf8');
        alive();
      });
      child.stdin.on('error', () => undefined); // git exited early: its exit code and stderr tell why
      child.on('error', (error) => {
        clearTimeout(idle);
        reject(new GitCommandError(args, error.message));
      });
      child.on('close', (code, signal) => {
        clearTimeout(idle);
        if (code === 0) resolve(Buffer.concat(out));
        else reject(new GitCommandError(args, err || (signal ? `killed by ${signal} after ${idleMs} ms without output` : `exit code ${code}`)));
      });
      child.stdin.end(input);
    });
  }
}

/** The id of an object of `type` with `content` in a repository of `format` (git's object hashing: "<type> <size>\0" + content). */
export function objectIdOf(format: string, type: ObjectType, content: string | Buffer): string {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return createHash(format).update(`${type} ${bytes.length}\0`).update(bytes).digest('hex');
}

/**
 * The environment git runs with: the allow-listed ambient variables and transport settings of
 * the caller's environment, plus ours. `passed` names the transport variables that were kept
 * (simple-git's guard refuses GIT_* keys it was not told about).
 */
export function gitEnv(options: GitRunOptions = {}, from: NodeJS.ProcessEnv = process.env): { env: Record<string, string>; passed: string[] } {
  const env: Record<string, string> = {};
  const passed: string[] = [];
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined) continue;
    if ((AMBIENT_ENV as readonly string[]).includes(key) || LOCALE.test(key)) env[key] = value;
    else if ((TRANSPORT_ENV as readonly string[]).includes(key)) {
      env[key] = value;
      passed.push(key);
    }
  }
  // Paths are always literal: a directory name with `*` or `:` must not become a pattern.
  Object.assign(env, { GIT_TERMINAL_PROMPT: '0', GIT_LITERAL_PATHSPECS: '1' }, options.env);
  return { env, passed };
}

/** Why git failed, in one line: the last line git wrote (its conclusion), else the error's words. */
export function gitReason(error: unknown): string {
  if (error instanceof GitCommandError) {
    const last = error.stderr.trim().split('\n').filter(Boolean).at(-1);
    if (last !== undefined) return last;
  }
  return errorText(error);
}
