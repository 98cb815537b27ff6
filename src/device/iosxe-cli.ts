// The IOS XE CLI driver over SSH (ssh2). Implements Device for the deploy step.
import type { Client } from 'ssh2';
import { COMMANDS, TERMINAL_SETUP } from './commands.js';
import { enterConfigMode } from './config-entry.js';
import { pushConfigLines, DEFAULT_WINDOW, declineAll, type PushProgress } from './config-push.js';
import { openShell } from './connect.js';
import { DeviceError, type DeviceErrorKind } from './errors.js';
import { configPromptAtEnd, execAnswers, execPromptAtEnd, type PromptMatch } from './prompt.js';
import { EXEC_RULES, REVERT_TIMER_MINUTES, classifyLine, findQuestion, unsendable } from './responses.js';
import { SessionClosed, WaitTimeout, type ShellSession } from './session.js';
import { execOutput } from './transcript.js';
import {
  DEFAULT_TIMEOUTS,
  type ApplyOptions,
  type ApplyResult,
  type ConfigCommand,
  type Device,
  type DeviceTarget,
  type DeviceTimeouts,
  type PendingRollback,
  type QuestionPolicy,
} from './types.js';
import { errorText } from '../errors.js';

/** `write memory` may ask for a file name on some images; keep the default. */
const acceptAll: QuestionPolicy = () => 'accept';

export class IosXeCliDevice implements Device {
  readonly name: string;
  #host: string;
  #state = 'connected, nothing changed by this session';
  readonly #timeouts: DeviceTimeouts;
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly target: DeviceTarget,
    private readonly client: Client,
    private readonly session: ShellSession,
    host: string,
    timeouts: DeviceTimeouts,
    /** How the host key was accepted (known, pinned, newly recorded). */
    readonly hostKeyNote: string,
  ) {
    this.name = target.name;
    this.#host = host;
    this.#timeouts = timeouts;
  }

  /** Log in (SSH, enable if needed) and prepare the terminal. */
  static async connect(target: DeviceTarget): Promise<IosXeCliDevice> {
    const timeouts = { ...DEFAULT_TIMEOUTS, ...target.timeouts };
    const started = Date.now();
    const { client, session, hostKeyNote } = await openShell(target, timeouts.loginMs);
    const remaining = () => Math.max(1, timeouts.loginMs - (Date.now() - started));
    const fail = (summary: string, kind: DeviceErrorKind, step: string, cause?: unknown, deviceMessage?: string): never => {
      client.end();
      throw new DeviceError(summary, { router: target.name, step, kind, cause, ...(deviceMessage ? { deviceMessage } : {}) });
    };
    try {
      // The first prompt may follow a banner; a second prompt after an empty line confirms it.
      await session.wait((b) => execPromptAtEnd(b), remaining());
      session.consume(session.buffer.length);
      session.write('\n');
      const prompt = await session.wait((b) => execPromptAtEnd(b), remaining());
      session.consume(session.buffer.length);
      const device = new IosXeCliDevice(target, client, session, prompt.host, timeouts, hostKeyNote);
      if (prompt.mode === 'user') await device.#enable(remaining());
      await device.#setUpTerminal();
      return device;
    } catch (error) {
      if (error instanceof DeviceError) {
        client.end();
        throw error;
      }
      if (error instanceof WaitTimeout) {
        return fail(`no prompt within ${timeouts.loginMs} ms of login`, 'timeout', 'login', undefined, lastLine(error.tail));
      }
      if (error instanceof SessionClosed) return fail(`session closed during login: ${error.message}`, 'session-lost', 'login', error);
      return fail(`unexpected failure during login: ${errorText(error)}`, 'protocol', 'login', error);
    }
  }

  getRunningConfig(): Promise<string> {
    return this.#serial(async () => {
      const lines = await this.#exec(COMMANDS.showRun, 'show running-config');
      while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
      return `${lines.join('\n')}\n`;
    });
  }

  apply(commands: ReadonlyArray<ConfigCommand | string>, options: ApplyOptions = {}): Promise<ApplyResult> {
    return this.#serial(() => this.#apply(commands.map((c) => (typeof c === 'string' ? { line: c } : c)), options));
  }

  confirm(): Promise<void> {
    return this.#serial(async () => {
      await this.#execChecked(COMMANDS.confirm, 'configure confirm');
      this.#state = 'changes confirmed (revert timer stopped), not saved';
    });
  }

  revertNow(): Promise<void> {
    return this.#serial(async () => {
      await this.#execChecked(COMMANDS.revertNow, 'configure revert now');
      this.#state = 'changes of this session reverted';
    });
  }

  save(): Promise<void> {
    return this.#serial(async () => {
      await this.#execChecked(COMMANDS.save, 'write memory', acceptAll);
      this.#state = `${this.#state.replace(/, not saved$/, '')}, saved to startup-config`;
    });
  }

  hasArchive(): Promise<boolean> {
    return this.#serial(async () => {
      const lines = await this.#exec(COMMANDS.showArchive, 'show archive');
      if (lines.some((l) => EXEC_RULES.archiveDisabled.pattern.test(l))) return false;
      const error = lines.find((l) => classifyLine(l) === 'error');
      if (error) throw this.#error('the device refused `show archive`', 'show archive', 'rejected', error);
      return true;
    });
  }

  pendingRollback(): Promise<PendingRollback> {
    return this.#serial(async () => {
      const step = 'show archive config rollback timer';
      const lines = await this.#exec(COMMANDS.rollbackTimer, step);
      const text = lines.join('\n');
      if (EXEC_RULES.noRollbackPending.pattern.test(text)) return { pending: false };
      const timer = EXEC_RULES.rollbackTimerValue.pattern.exec(text);
      if (timer?.[1]) return { pending: true, minutes: Number(timer[1]) };
      throw this.#error('unrecognised answer about the rollback timer', step, 'protocol', lines.find((l) => l.trim()) ?? '(no output)');
    });
  }

  /**
   * Whether the session is still one a deploy can use, as a kept session is asked before its next
   * deploy (session-pool.ts): an empty line is answered by nothing but this router's privileged
   * EXEC prompt, as right after login. Anything else — no answer, a closed session, output nobody
   * asked for, config mode, another hostname — is false, and the session is to be replaced.
   * That IOS answers a bare Return with its prompt alone is what Netmiko relies on to find the prompt
   * of every `cisco_ios` session (ktbyers/netmiko, netmiko/base_connection.py, `find_prompt`).
   */
  alive(): Promise<boolean> {
    return this.#serial(async () => {
      const stray = this.session.buffer.trim() !== '';
      this.session.write('\n');
      const prompt = await this.session.wait((b) => execPromptAtEnd(b) ?? configPromptAtEnd(b), this.#timeouts.commandMs);
      const answer = this.session.buffer.slice(0, prompt.start).trim();
      this.session.consume(this.session.buffer.length);
      const alive = !stray && answer === '' && prompt.mode === 'privileged' && prompt.host === this.#host;
      // What errors say of the session's state is about the deploy it serves next, not the last one.
      if (alive) this.#state = 'kept session, nothing changed by this deploy yet';
      return alive;
    }).catch(() => false);
  }

  async close(): Promise<void> {
    if (!this.session.closedReason) this.session.close();
    this.client.end();
  }

  // --- internals ---------------------------------------------------------------

  /** One operation at a time on the shell; a second caller waits its turn. */
  #serial<T>(operation: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(() => {
      if (this.session.closedReason) {
        throw this.#error(`the session is closed (${this.session.closedReason})`, 'use after close', 'session-lost');
      }
      return operation();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #error(summary: string, step: string, kind: DeviceErrorKind, deviceMessage?: string, extra: { result?: ApplyResult; state?: string; cause?: unknown } = {}): DeviceError {
    return new DeviceError(this.#redact(summary), {
      router: this.name,
      step,
      kind,
      ...(deviceMessage ? { deviceMessage: this.#redact(deviceMessage) } : {}),
      state: extra.state ?? this.#state,
      ...(extra.result ? { result: extra.result } : {}),
      ...(extra.cause ? { cause: extra.cause } : {}),
    });
  }

  /** A device that echoes a secret (it should not) must not put it into our errors. */
  #redact(text: string): string {
    let clean = text;
    for (const secret of [this.target.password, this.target.enablePassword]) {
      const value = secret?.reveal();
      if (value) clean = clean.split(value).join('***');
    }
    return clean;
  }

  /** Wraps timeouts and lost sessions of a wait into DeviceErrors naming the step. */
  #transportError(error: unknown, step: string, timeoutMs: number, state?: string): DeviceError {
    if (error instanceof DeviceError) return error;
    if (error instanceof WaitTimeout) {
      // Late output would be taken for the next command's: the session cannot be trusted any more.
      this.session.close();
      const closedState = `${state ?? this.#state}; session closed by the driver after the timeout`;
      this.#state = closedState;
      return this.#error(`no answer within ${timeoutMs} ms`, step, 'timeout', lastLine(error.tail), { state: closedState });
    }
    if (error instanceof SessionClosed) {
      return this.#error(`session lost: ${error.message}`, step, 'session-lost', undefined, { cause: error, ...(state ? { state } : {}) });
    }
    return this.#error(`unexpected failure: ${errorText(error)}`, step, 'protocol', undefined, { cause: error, ...(state ? { state } : {}) });
  }

  /** Sends an EXEC command and returns its output lines (echo and prompt removed). Questions are answered by `answer`. */
  async #exec(command: string, step: string, answer: QuestionPolicy = declineAll): Promise<string[]> {
    const timeoutMs = this.#timeouts.commandMs;
    const deadline = Date.now() + timeoutMs;
    let answered = false;
    try {
      this.session.write(`${command}\n`);
      while (true) {
        const event = await this.session.wait<{ prompt: PromptMatch } | { question: ReturnType<typeof findQuestion> & object }>((b) => {
          const prompt = execPromptAtEnd(b, this.#host);
          if (prompt && prompt.start > 0) return { prompt };
          const question = answered ? undefined : findQuestion(b);
          return question ? { question } : undefined;
        }, Math.max(1, deadline - Date.now()));
        if ('question' in event) {
          answered = true;
          const choice = answer({ index: -1, line: command, text: event.question.text, kind: event.question.shape.kind });
          this.session.write(event.question.shape.keys[choice]);
          continue;
        }
        const output = execOutput(this.session.buffer.slice(0, event.prompt.start).replace(/\n$/, ''));
        this.session.consume(this.session.buffer.length);
        return output;
      }
    } catch (error) {
      throw this.#transportError(error, step, timeoutMs);
    }
  }

  /** #exec, and any error line in the answer is a DeviceError with the device's words. */
  async #execChecked(command: string, step: string, answer?: QuestionPolicy): Promise<string[]> {
    const lines = await this.#exec(command, step, answer);
    this.#refuseErrors(command, step, lines);
    return lines;
  }

  /** An error line in a command's answer is a DeviceError with the device's words. */
  #refuseErrors(command: string, step: string, lines: readonly string[]): void {
    const errors = lines.filter((l) => classifyLine(l) === 'error');
    if (errors.length > 0) throw this.#error(`the device refused \`${command}\``, step, 'rejected', errors.map((l) => l.trim()).join(' | '));
  }

  /**
   * The terminal settings in one round trip: both lines typed ahead, each answer told apart by the
   * prompt that closes it (prompt.ts execAnswers). Neither line asks a question, so neither can be
   * taken as another's answer. Netmiko (netmiko/cisco/cisco_ios.py `session_preparation`, Debian
   * python3-netmiko 2.4.2) and Ansible (cisco.ios plugins/terminal/ios.py `on_open_shell`) send them
   * one at a time, waiting for the prompt; that IOS reads type-ahead one line at a time is what
   * Netmiko's `send_config_set` (base_connection.py: every line written before any is read, with
   * fast_cli) and our config push rely on in config mode — for EXEC mode it is inferred.
   */
  async #setUpTerminal(): Promise<void> {
    const step = 'terminal setup';
    const timeoutMs = this.#timeouts.commandMs;
    let answers: string[];
    try {
      this.session.write(TERMINAL_SETUP.map((command) => `${command}\n`).join(''));
      answers = await this.session.wait((b) => execAnswers(b, this.#host, TERMINAL_SETUP.length), timeoutMs);
      this.session.consume(this.session.buffer.length);
    } catch (error) {
      throw this.#transportError(error, step, timeoutMs);
    }
    for (const [i, command] of TERMINAL_SETUP.entries()) this.#refuseErrors(command, step, execOutput(answers[i]!));
  }

  async #enable(timeoutMs: number): Promise<void> {
    const step = 'enable';
    const secret = this.target.enablePassword;
    if (!secret) throw this.#error('login landed in user EXEC (`>`) and no enable secret is configured', step, 'auth');
    try {
      this.session.write(`${COMMANDS.enable}\n`);
      await this.session.wait((b) => (EXEC_RULES.enablePasswordPrompt.pattern.test(b) ? true : undefined), timeoutMs);
      this.session.consume(this.session.buffer.length);
      this.session.write(`${secret.reveal()}\n`);
      const outcome = await this.session.wait<'denied' | PromptMatch>((b) => {
        if (EXEC_RULES.enableDenied.pattern.test(b) || EXEC_RULES.enablePasswordPrompt.pattern.test(b)) return 'denied';
        return execPromptAtEnd(b, this.#host);
      }, timeoutMs);
      const said = this.session.buffer.split('\n').find((l) => EXEC_RULES.enableDenied.pattern.test(l))?.trim();
      this.session.consume(this.session.buffer.length);
      if (outcome === 'denied' || outcome.mode !== 'privileged') {
        // Leave the second Password: prompt cleanly before the session is closed.
        this.session.write('\x03');
        throw this.#error('enable secret refused', step, 'auth', said ?? 'no privileged prompt after enable');
      }
    } catch (error) {
      throw this.#transportError(error, step, timeoutMs);
    }
  }

  async #apply(commands: ConfigCommand[], options: ApplyOptions): Promise<ApplyResult> {
    const started = Date.now();
    // Checked before anything is sent: a line the terminal would edit must not reach the router.
    for (const [index, command] of commands.entries()) {
      const why = unsendable(command.line);
      if (why) throw this.#error(`line ${index + 1} (${visible(command.line)}) cannot be sent: ${why}; nothing was sent`, 'apply', 'usage');
    }
    const minutes = options.revertTimerMinutes;
    if (minutes !== undefined && !(Number.isInteger(minutes) && minutes >= REVERT_TIMER_MINUTES.min && minutes <= REVERT_TIMER_MINUTES.max)) {
      throw this.#error(`revert timer must be ${REVERT_TIMER_MINUTES.min}-${REVERT_TIMER_MINUTES.max} whole minutes, got ${minutes}`, 'apply', 'usage');
    }
    const { lines: windowLines = DEFAULT_WINDOW.lines, bytes: windowBytes = DEFAULT_WINDOW.bytes } = options.window ?? {};
    if (!(windowLines >= 1 && windowBytes >= 1)) throw this.#error('the window needs at least one line and one byte', 'apply', 'usage');
    const result: ApplyResult = { router: this.name, lines: [], elapsedMs: 0, ...(minutes ? { revertTimerMinutes: minutes } : {}) };
    const enterStep = minutes ? COMMANDS.configureWithRevert(minutes) : COMMANDS.configure;
    await this.#enterConfig(enterStep);
    this.#state = minutes
      ? `in config mode with a revert timer of ${minutes} min: anything applied rolls back by itself unless confirmed`
      : 'in config mode without a revert timer';

    const progress: PushProgress = { sent: 0, answered: 0 };
    const total = commands.length;
    const describe = (): string => {
      const parts = [`${progress.answered} of ${total} lines answered by the device`];
      if (progress.sent > progress.answered) parts.push(`${progress.sent - progress.answered} more sent with unknown outcome`);
      parts.push(
        minutes
          ? `revert timer of ${minutes} min pending: the router rolls this session's changes back by itself unless confirmed`
          : 'no revert timer: the lines the device accepted are in its running-config',
      );
      return parts.join('; ');
    };
    let outcome;
    try {
      outcome = await pushConfigLines(
        this.session,
        commands,
        { execHost: this.#host, lineMs: this.#timeouts.lineMs, maxLines: windowLines, maxBytes: windowBytes, answer: options.answer ?? declineAll, ...(options.onAnswered ? { onAnswered: options.onAnswered } : {}) },
        progress,
      );
    } catch (error) {
      this.#state = describe();
      const step = `apply line ${progress.answered + 1}/${total}`;
      throw this.#transportError(error, step, this.#timeouts.lineMs, this.#state);
    }
    result.lines = outcome.results;
    this.#state = describe();
    if (!outcome.desynchronised && !outcome.leftConfigMode) await this.#leaveConfig();
    result.elapsedMs = Date.now() - started;
    if (outcome.failure) {
      const { failure } = outcome;
      if (outcome.desynchronised) {
        // The output can no longer be attributed; a fresh session is the only safe way on.
        this.session.close();
        this.#state = `${describe()}; session closed by the driver after losing track of the output`;
      }
      throw this.#error(failure.summary, `apply line ${failure.index + 1}/${total}`, failure.kind, failure.deviceMessage, {
        result,
        state: this.#state,
      });
    }
    if (minutes) this.#state = `${total} lines applied; revert timer of ${minutes} min pending (not confirmed)`;
    else this.#state = `${total} lines applied without revert timer, not saved`;
    return result;
  }

  async #enterConfig(command: string): Promise<void> {
    const timeoutMs = this.#timeouts.commandMs;
    let entry;
    try {
      entry = await enterConfigMode(this.session, command, { execHost: this.#host, timeoutMs });
    } catch (error) {
      throw this.#transportError(error, command, timeoutMs);
    }
    if (!entry.entered) throw this.#error(entry.summary, command, entry.refusal === 'busy' ? 'busy' : 'rejected', entry.said);
  }

  /** `end`, then learn the EXEC prompt again: a pushed `hostname` line changes it. */
  async #leaveConfig(): Promise<void> {
    const timeoutMs = this.#timeouts.commandMs;
    try {
      this.session.write(`${COMMANDS.end}\n`);
      const prompt = await this.session.wait((b) => {
        const p = execPromptAtEnd(b);
        return p && p.start > 0 && p.mode === 'privileged' ? p : undefined;
      }, timeoutMs);
      this.session.consume(this.session.buffer.length);
      this.#host = prompt.host;
    } catch (error) {
      throw this.#transportError(error, 'end', timeoutMs, this.#state);
    }
  }
}

/** A line quoted with every character outside printable ASCII escaped, so printing it cannot drive a terminal. */
function visible(line: string): string {
  const escaped = line.replace(/[\\"]/g, '\\$&').replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

function lastLine(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines[lines.length - 1] ?? '(no output)';
}

export function connectDevice(target: DeviceTarget): Promise<IosXeCliDevice> {
  return IosXeCliDevice.connect(target);
}
