/**
 * The vty line: echo, line editing, the prompt, ` --More-- ` paging, questions, and the
 * faults that act per line (device time, dropped session, rejected or ignored lines).
 * Type-ahead (pipelined input) is echoed when the CLI reads it, as IOS does, so the
 * transcript stays prompt + echo + answer for every line.
 */
import { say } from './behaviours.js';
import type { CliSession } from './engine/context.js';
import type { LabDevice } from './engine/device.js';
import type { Reply } from './engine/types.js';
import type { Faults } from './options.js';
import { EDIT_KEYS, ESCAPE_KEYS, LineEditor, remember } from './line-editor.js';
import { errorText } from '../errors.js';

export interface LineIO {
  write(text: string): void;
  /** Ends the session normally (exit). */
  end(): void;
  /** Cuts the connection without a goodbye (injected fault). */
  drop(): void;
}

type LineEnd = 'enter' | 'ctrl-z' | 'ctrl-c';

const MORE = say('paging');
const ERASE_MORE = '\b'.repeat(MORE.length) + ' '.repeat(MORE.length) + '\b'.repeat(MORE.length);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class Terminal {
  private pending = '';
  /** Next unread character of `pending`. */
  private cursor = 0;
  private outBuffer = '';
  private flushScheduled = false;
  private wake: (() => void) | undefined;
  private skipLineFeed = false;
  private closed = false;
  private configLines = 0;
  /** When the simulated CPU is free again (performance.now() time); 0 = idle. */
  private deviceClock = 0;
  /** Commands typed in this session, for Ctrl-P / Up. */
  private readonly history: string[] = [];

  constructor(
    private readonly device: LabDevice,
    private readonly session: CliSession,
    private readonly io: LineIO,
    private readonly faults: () => Faults,
  ) {}

  /** Bytes typed by the client. */
  feed(data: string): void {
    this.pending = this.pending.slice(this.cursor) + data;
    this.cursor = 0;
    this.wake?.();
  }

  close(): void {
    this.closed = true;
    this.wake?.();
  }

  async run(): Promise<void> {
    try {
      this.out(this.device.banner());
      while (!this.closed) {
        const prompt = this.device.prompt(this.session);
        this.out(prompt);
        const { text, end } = await this.readLine(true, prompt.length, prompt);
        if (this.closed) return;
        if (end !== 'enter') {
          if (this.device.inConfigMode(this.session)) this.device.execute('end', this.session);
          continue;
        }
        remember(this.history, text);
        await this.process(text);
      }
    } catch (error) {
      if (!this.closed) throw error;
    }
  }

  /** Output is gathered and sent once per turn of the event loop: one SSH packet, not one per echoed key. */
  private out(text: string): void {
    if (this.closed || !text) return;
    this.outBuffer += text.replace(/\r?\n/g, '\r\n');
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const text = this.outBuffer;
    this.outBuffer = '';
    if (!this.closed && text) this.io.write(text);
  }

  private async nextChar(): Promise<string> {
    while (this.cursor >= this.pending.length) {
      if (this.closed) throw new Error('session closed');
      this.pending = '';
      this.cursor = 0;
      this.deviceClock = 0; // idle until the client types again
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    return this.pending[this.cursor++]!;
  }

  /**
   * Reads one line through IOS's line editor (line-editor.ts), echoing it; on a command line
   * (`helpPrompt` given) `?` shows context help and Tab completes a unique keyword. The text
   * returned is the edited line, not the bytes received. A line reaching the terminal width is
   * shown cut, with `$` in the next-to-last column (IOS scrolls it horizontally; a transcript
   * shows the cut echo), so a client that does not set `terminal width` sees what a router shows.
   */
  private async readLine(echo: boolean, column: number, helpPrompt?: string): Promise<{ text: string; end: LineEnd }> {
    const editor = new LineEditor({ echo, column, width: this.session.width, prompt: helpPrompt ?? '' }, helpPrompt !== undefined ? this.history : []);
    const show = (bytes: string) => this.out(bytes);
    for (;;) {
      const c = await this.nextChar();
      if (this.skipLineFeed) {
        this.skipLineFeed = false;
        if (c === '\n' || c === '\0') continue;
      }
      if (c === '\r' || c === '\n') {
        this.skipLineFeed = c === '\r';
        this.out('\n');
        return { text: editor.text, end: 'enter' };
      }
      if (c === '\x1a' || c === '\x03') {
        this.out(c === '\x1a' ? '^Z\n' : '^C\n');
        return { text: editor.text, end: c === '\x1a' ? 'ctrl-z' : 'ctrl-c' };
      }
      if (c === '\x1b') {
        const next = await this.nextChar();
        if (next === 'q' || next === 'Q') show(editor.insert(await this.nextChar()));
        let sequence = next;
        if (next === '[') {
          sequence += await this.nextChar();
          // `ESC [ 3 ~` (Delete) and the like: the digits and the final `~` belong to the key.
          while (/^\[\d+$/.test(sequence)) sequence += await this.nextChar();
        }
        const key = ESCAPE_KEYS[sequence];
        if (key) show(editor.key(key));
        continue;
      }
      if (c === '\x16') {
        show(editor.insert(await this.nextChar()));
        continue;
      }
      const key = EDIT_KEYS[c];
      if (key) {
        show(editor.key(key));
        continue;
      }
      if (c === '\t' && helpPrompt !== undefined) {
        if (editor.cursor === editor.text.length) show(editor.insert(this.device.complete(editor.text, this.session)?.slice(editor.text.length) ?? ''));
        continue;
      }
      if (c < ' ') continue;
      if (c === '?' && helpPrompt !== undefined) {
        // Context help: IOS answers at once, then shows the prompt and the line typed so far.
        this.out(`?\n${this.device.help(editor.text, this.session)}${helpPrompt}${editor.text}`);
        editor.cursor = editor.text.length;
        continue;
      }
      show(editor.insert(c));
    }
  }

  private async process(text: string): Promise<void> {
    const faults = this.faults();
    if (faults.perLineMs) await this.deviceTime(faults.perLineMs);
    if (this.device.inConfigMode(this.session) && text.trim() !== '') {
      if (faults.dropAfterConfigLines !== undefined && this.configLines >= faults.dropAfterConfigLines) {
        this.flush();
        this.closed = true;
        this.io.drop();
        return;
      }
      this.configLines++;
      const rejected = faults.reject?.find((r) => new RegExp(r.pattern).test(text));
      if (rejected) return this.out(`${rejected.message}\n`);
      if (faults.ignore?.some((p) => new RegExp(p).test(text))) return;
    }
    let reply: Reply;
    try {
      reply = this.device.execute(text, this.session);
    } catch (error) {
      // A lab bug must not take the router down for every session: say so, keep the session.
      reply = { output: `% Lab internal error: ${errorText(error)}\n`, rejected: true };
    }
    for (;;) {
      await this.paged(reply.output);
      if (reply.close) {
        this.flush();
        this.closed = true;
        this.io.end();
        return;
      }
      if (!reply.question) return;
      this.out(reply.question.prompt);
      const answer = await this.readLine(!reply.question.secret, reply.question.prompt.length);
      reply = reply.question.answer(answer.text);
    }
  }

  /**
   * Spends `ms` of device time on a line. Timers are coarse (about 1 ms), so the time is kept on
   * a clock and slept in steps of at least 4 ms: a thousand 1 ms lines take one second, not 1.4.
   */
  private async deviceTime(ms: number): Promise<void> {
    const now = performance.now();
    // Type-ahead starts when the previous line ends (late timers do not add up); after idle, now.
    this.deviceClock = (this.deviceClock === 0 ? now : this.deviceClock) + ms;
    const wait = this.deviceClock - now;
    if (wait >= 4) await sleep(wait);
  }

  /** Writes output a screen at a time when the terminal length asks for it. */
  private async paged(output: string): Promise<void> {
    const lines = output.split('\n');
    const last = lines.pop() ?? '';
    const page = this.session.length - 1;
    if (this.session.length === 0 || lines.length <= page) return this.out(output);
    let shown = 0;
    let budget = page;
    while (shown < lines.length) {
      const chunk = lines.slice(shown, shown + budget);
      this.out(chunk.map((l) => `${l}\n`).join(''));
      shown += chunk.length;
      if (shown >= lines.length) break;
      this.out(MORE);
      const key = await this.nextChar();
      this.out(ERASE_MORE);
      if (key === ' ') budget = page;
      else if (key === '\r' || key === '\n') {
        budget = 1;
        this.skipLineFeed = key === '\r';
      } else return;
    }
    this.out(last);
  }
}
