/**
 * A pure IOS XE CLI engine: no SSH, no timers except the revert timer. The SSH shell
 * (../terminal.ts) feeds it lines; tests and the planner's property tests can use it directly:
 *   const d = createDevice(text); const s = d.newSession({ privilege: 15 });
 *   d.execute('configure terminal', s); d.execute('vrf definition a', s); d.runningConfig();
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { say } from '../behaviours.js';
import { configCommands, type LabConfigCommand } from './config-commands.js';
import type { CliSession, CommandContext, DeviceState, ExecContext } from './context.js';
import { execCommands, type ExecCommand } from './exec-commands.js';
import { CONFIG_KEYWORDS, EXEC_KEYWORDS, FILTER_KEYWORDS } from './keywords.js';
import { applyFilter, type FilterKind } from './filters.js';
import { NOTHING } from './context.js';
import { compile, help, match, type MatchResult, type Pattern } from './grammar.js';
import { DEFAULT_CONFIG } from './default-config.js';
import { discoverHardware, loadConfig } from './load.js';
import { emptyModel } from './model.js';
import { NatTable, pruneFlows } from './nat.js';
import { editKeptChild, removeKeptBlock } from './kept-lines.js';
import { configBody, runningConfigText } from './print.js';
import { iosTime, loginBanners } from './show.js';
import { type ModeName, PROMPT_NAMES, type Reply } from './types.js';

export interface DeviceOptions {
  /** Overrides the config's hostname. */
  hostname?: string;
  enableSecret?: string;
  /** Force archive on/off; default: on iff the config has `archive` with a `path`. */
  archive?: boolean;
  minuteMs?: number;
  /** `write memory` target. */
  statePath?: string;
}

export interface LabDevice {
  newSession(options?: { user?: string; privilege?: 1 | 15 }): CliSession;
  /** One typed line (without its newline) → what the router prints before the next prompt. */
  execute(line: string, session: CliSession): Reply;
  prompt(session: CliSession): string;
  inConfigMode(session: CliSession): boolean;
  runningConfig(): string;
  markInUse(kind: 'static' | 'dynamic', match: string): void;
  /** What `?` typed after `partialLine` prints (the context help), without the re-displayed prompt. */
  help(partialLine: string, session: CliSession): string;
  /** Tab completion: the line with its last word completed, or undefined when not unique. */
  complete(partialLine: string, session: CliSession): string | undefined;
  /** What the router prints after login, before the first prompt (MOTD and exec banners). */
  banner(): string;
  /** Console log (rollback events). */
  log(): string[];
  /** Direct access for tests and the server. */
  readonly state: DeviceState;
  /** Stops the revert timer. */
  close(): void;
}

const configPatterns = new Map<ModeName, Pattern<LabConfigCommand>[]>();
for (const command of configCommands) {
  for (const mode of command.modes) {
    const list = configPatterns.get(mode) ?? [];
    list.push(...compile(command.syntax, command));
    configPatterns.set(mode, list);
  }
}
const execPatterns = execCommands.flatMap((c) => compile(c.syntax, c));
const filterPatterns = compile<FilterKind | undefined>('{include|exclude|begin|section}=kind <regex:line>', undefined);

/** Formats a parse failure as IOS does; `column` is where the typed line starts on screen. */
function failure(result: Exclude<MatchResult<unknown>, { ok: true }>, line: string, column: number): Reply {
  switch (result.error) {
    case 'invalid':
      return { output: `${' '.repeat(column + result.offset)}^\n${say('invalidInput')}\n\n`, rejected: true };
    case 'incomplete':
      return { output: `${say('incompleteCommand')}\n\n`, rejected: true };
    case 'ambiguous':
      return { output: `${say('ambiguousCommand', { input: line.trim() })}\n`, rejected: true };
  }
}

/** Offset of the n-th word of a line. */
function wordOffset(line: string, n: number): number {
  return [...line.matchAll(/\S+/g)][n]?.index ?? 0;
}

function splitPipe(line: string): { command: string; filter?: string; filterOffset: number } {
  const at = line.search(/\s\|/);
  if (at < 0) return { command: line, filterOffset: 0 };
  const pipe = line.indexOf('|', at);
  return { command: line.slice(0, at), filter: line.slice(pipe + 1), filterOffset: pipe + 1 };
}

export function createDevice(configText?: string, options: DeviceOptions = {}): LabDevice {
  const bootedAt = new Date();
  let sessionCount = 0;
  const state: DeviceState = {
    model: emptyModel(options.hostname ?? 'edge1'),
    nat: new NatTable(),
    hardware: new Set(),
    lastChange: `${iosTime(bootedAt)}`,
    archiveEnabled: () => options.archive ?? (state.model.archive?.some((l) => l.startsWith('path ')) ?? false),
    archiveFiles: [],
    log: [],
    enableSecret: options.enableSecret ?? 'enable',
    minuteMs: options.minuteMs ?? 60_000,
    bootedAt,
    save(text) {
      if (options.statePath) writeFileSync(options.statePath, text, { mode: 0o600 });
      saved = text;
    },
    startupConfig: () => saved,
    files: new Map(),
    replace: () => undefined, // set below, once the loader exists
  };
  let saved: string | undefined;

  const execContext = (session: CliSession): ExecContext => ({
    device: state,
    session,
    runningConfig: () => runningConfigText(state.model, state.lastChange, state.lastSaved),
    configBody: () => configBody(state.model, state.lastChange, state.lastSaved),
  });

  function promptOf(session: CliSession): string {
    const host = state.model.hostname;
    const frame = session.frames.at(-1);
    if (!frame) return `${host}${session.privilege === 15 ? '#' : '>'}`;
    return `${host.slice(0, 20)}(${PROMPT_NAMES[frame.mode] ?? frame.mode})#`;
  }

  function runExec(line: string, session: CliSession, column: number): Reply {
    const { command, filter, filterOffset } = splitPipe(line);
    const allowed = execPatterns.filter((p) => p.spec.privilege <= session.privilege);
    const result = match<ExecCommand>(command, allowed, EXEC_KEYWORDS);
    if (!result.ok) return failure(result, line, column);
    let kind: FilterKind | undefined;
    let regex = '';
    if (filter !== undefined) {
      const f = match(filter, filterPatterns, FILTER_KEYWORDS);
      if (!f.ok || !result.spec.filterable) {
        const offset = f.ok ? 0 : f.error === 'invalid' ? f.offset : filter.length;
        if (!f.ok && f.error !== 'invalid') return failure(f, filter, column + filterOffset);
        return failure({ ok: false, error: 'invalid', offset: filterOffset + offset, depth: 0 }, line, column);
      }
      kind = f.args.kind as FilterKind;
      regex = f.args.regex ?? '';
    }
    const reply = result.spec.run(execContext(session), result.args);
    if (reply.invalidWord !== undefined) {
      return failure({ ok: false, error: 'invalid', offset: wordOffset(command, reply.invalidWord), depth: 0 }, line, column);
    }
    return kind ? { ...reply, output: applyFilter(reply.output, kind, regex) } : reply;
  }

  const changedBy = (session: CliSession) => {
    state.lastChange = `${iosTime(new Date())} by ${session.user}`;
  };

  function commandContext(session: CliSession, frameIndex: number): CommandContext {
    return {
      device: state,
      session,
      frame: session.frames[frameIndex]!,
      enter(mode, target) {
        session.frames.push(target === undefined ? { mode } : { mode, target });
      },
      changed: () => changedBy(session),
    };
  }

  /** A typed line the command tables do not know may still edit text the device keeps (kept-lines.ts). */
  function editKeptText(line: string, session: CliSession): boolean {
    if (editKeptChild(state, session.frames.at(-1)!, line)) return true;
    if (!removeKeptBlock(state, line)) return false;
    session.frames = session.frames.slice(0, 1);
    return true;
  }

  /**
   * Runs a config line in the current mode, else (IOS) in the enclosing modes, leaving the
   * sub-modes it came from. `strict` (loading) tries the current mode only.
   */
  function runConfig(line: string, session: CliSession, column: number, strict = false): Reply {
    const doMatch = /^(\s*do\s+)(\S.*)$/i.exec(line);
    if (doMatch) return runExec(doMatch[2]!, session, column + doMatch[1]!.length);
    let best: Exclude<MatchResult<LabConfigCommand>, { ok: true }> | undefined;
    const frames = session.frames;
    const lowest = strict ? frames.length - 1 : 0;
    for (let k = frames.length - 1; k >= lowest; k--) {
      const mode = frames[k]!.mode;
      const result = match(line, configPatterns.get(mode) ?? [], CONFIG_KEYWORDS[mode] ?? []);
      if (result.ok) {
        session.frames = frames.slice(0, k + 1);
        const reply = result.spec.run(commandContext(session, k), result.args);
        if (reply.invalidWord !== undefined) {
          return failure({ ok: false, error: 'invalid', offset: wordOffset(line, reply.invalidWord), depth: 0 }, line, column);
        }
        return reply;
      }
      if (!best || result.depth > best.depth) best = result;
    }
    if (!strict && editKeptText(line, session)) {
      changedBy(session);
      return NOTHING;
    }
    return failure(best!, line, column);
  }

  function execute(line: string, session: CliSession): Reply {
    const column = promptOf(session).length;
    if (line.trim() === '') return NOTHING;
    return session.frames.length === 0 ? runExec(line, session, column) : runConfig(line, session, column);
  }

  /** What may follow `partial` in the session's mode (`do` switches to EXEC). */
  function nextWords(partial: string, session: CliSession): { text: string; words: string[] | undefined } {
    const doMatch = /^(\s*do\s+)(.*)$/i.exec(partial);
    const inExec = session.frames.length === 0 || doMatch !== null;
    const text = doMatch ? doMatch[2]! : partial;
    const words = inExec
      ? help(text, execPatterns.filter((p) => p.spec.privilege <= session.privilege))
      : help(text, configPatterns.get(session.frames.at(-1)!.mode) ?? []);
    return { text, words };
  }

  /** Tab: the partial last word completed when exactly one keyword fits, as IOS does. */
  function complete(partial: string, session: CliSession): string | undefined {
    if (!/\S$/.test(partial)) return undefined;
    const { words } = nextWords(partial, session);
    if (words?.length !== 1) return undefined;
    const last = /\S+$/.exec(partial)![0];
    return `${partial.slice(0, partial.length - last.length)}${words[0]} `;
  }

  function contextHelp(partial: string, session: CliSession): string {
    const { text, words } = nextWords(partial, session);
    if (words === undefined || words.length === 0) return `% Unrecognized command\n`;
    return /\S$/.test(text) ? `${words.join('  ')}\n\n` : `${words.map((w) => `  ${w}`).join('\n')}\n\n`;
  }

  function newSession(opts: { user?: string; privilege?: 1 | 15 } = {}): CliSession {
    return { id: sessionCount++, user: opts.user ?? 'admin', privilege: opts.privilege ?? 15, frames: [], length: 24, width: 80 };
  }

  // Boot: the saved state if any, else the given config.
  let text = configText;
  if (options.statePath) {
    try {
      text = readFileSync(options.statePath, 'utf8');
      saved = text;
    } catch {
      // no saved state yet: boot from the given config
    }
  }
  const loader = newSession({ user: 'console' });
  const load = (configText: string) => loadConfig(configText, state, (line, strict) => runConfig(line, loader, 0, strict), loader);
  state.replace = (configText) => {
    state.model = emptyModel(state.model.hostname);
    load(configText);
    pruneFlows(state);
  };
  discoverHardware(text ?? DEFAULT_CONFIG, state);
  load(text ?? DEFAULT_CONFIG);
  if (options.hostname) state.model.hostname = options.hostname;
  state.lastChange = iosTime(bootedAt);
  if (saved !== undefined) state.lastSaved = iosTime(bootedAt);

  return {
    newSession,
    execute,
    prompt: promptOf,
    inConfigMode: (session) => session.frames.length > 0,
    runningConfig: () => runningConfigText(state.model, state.lastChange, state.lastSaved),
    markInUse(kind, what) {
      const ok = kind === 'static' ? state.nat.addStaticFlow(state.model, what) : state.nat.addDynamicFlow(state.model, what);
      if (!ok) throw new Error(`no ${kind} NAT mapping matches ${what}`);
    },
    help: contextHelp,
    complete,
    banner: () => loginBanners(state),
    log: () => [...state.log],
    state,
    close() {
      if (state.rollback) clearTimeout(state.rollback.timer);
    },
  };
}
