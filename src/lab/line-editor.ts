/**
 * The vty's line editor (behaviours lineEdit*): IOS's editing keys change the line being typed,
 * so the command the router runs is the edited text, not the bytes received — `ab<BS>c` runs
 * `ac`, Ctrl-U drops everything typed before the cursor. Pure: each key returns the bytes to
 * echo. Echo of an edit redraws from the first changed character with backspaces and spaces;
 * a line longer than the terminal is shown cut with `$` (longLineEcho) and redrawn only at its end.
 */

/** Editing keys by control byte (Ctrl-<letter> = letter code & 0x1f). */
export const EDIT_KEYS: Readonly<Record<string, EditKey>> = {
  '\x01': 'home', // Ctrl-A
  '\x02': 'left', // Ctrl-B
  '\x04': 'delete', // Ctrl-D
  '\x05': 'end', // Ctrl-E
  '\x06': 'right', // Ctrl-F
  '\x08': 'backspace', // Ctrl-H, Backspace
  '\x0b': 'killToEnd', // Ctrl-K
  '\x0c': 'redisplay', // Ctrl-L
  '\x0e': 'next', // Ctrl-N
  '\x10': 'previous', // Ctrl-P
  '\x12': 'redisplay', // Ctrl-R
  '\x14': 'transpose', // Ctrl-T
  '\x15': 'killToStart', // Ctrl-U
  '\x17': 'killWordLeft', // Ctrl-W
  '\x18': 'killToStart', // Ctrl-X
  '\x19': 'yank', // Ctrl-Y
  '\x7f': 'backspace', // DEL
};

/** Escape sequences: arrows (`ESC [ A` …) and Esc-<letter> word keys. */
export const ESCAPE_KEYS: Readonly<Record<string, EditKey>> = {
  '[A': 'previous',
  '[B': 'next',
  '[C': 'right',
  '[D': 'left',
  '[3~': 'delete',
  b: 'wordLeft',
  B: 'wordLeft',
  f: 'wordRight',
  F: 'wordRight',
  d: 'killWordRight',
  D: 'killWordRight',
};

export type EditKey =
  | 'home'
  | 'end'
  | 'left'
  | 'right'
  | 'wordLeft'
  | 'wordRight'
  | 'backspace'
  | 'delete'
  | 'killToStart'
  | 'killToEnd'
  | 'killWordLeft'
  | 'killWordRight'
  | 'transpose'
  | 'yank'
  | 'previous'
  | 'next'
  | 'redisplay';

/** How many commands a session remembers (IOS `terminal history size` default). */
const HISTORY_SIZE = 10;

export interface EditorView {
  /** Characters are echoed (not for passwords). */
  echo: boolean;
  /** Where the line starts on screen (the prompt's length). */
  column: number;
  /** Terminal width; 0 = unlimited. */
  width: number;
  /** Redisplay prints the prompt again. */
  prompt: string;
}

export class LineEditor {
  text = '';
  cursor = 0;
  private killed = '';
  private historyIndex: number;
  private draft = '';

  constructor(
    private readonly view: EditorView,
    private readonly history: readonly string[] = [],
  ) {
    this.historyIndex = history.length;
  }

  private visible(n: number): boolean {
    return this.view.width === 0 || this.view.column + n < this.view.width - 2;
  }

  /** Replaces the line and cursor, returning the bytes that redraw the screen from the first change. */
  private set(text: string, cursor: number): string {
    const before = this.text;
    const from = this.cursor;
    this.text = text;
    this.cursor = cursor;
    if (!this.view.echo) return '';
    if (!this.visible(Math.max(before.length, text.length))) return this.cutEcho(before);
    if (text === before) return cursor < from ? '\b'.repeat(from - cursor) : text.slice(from, cursor);
    let same = 0;
    while (same < Math.min(before.length, text.length) && before[same] === text[same]) same++;
    const start = Math.min(same, from, cursor);
    let out = from > start ? '\b'.repeat(from - start) : '';
    out += text.slice(start);
    const gone = before.length - text.length;
    if (gone > 0) out += ' '.repeat(gone) + '\b'.repeat(gone);
    return out + '\b'.repeat(text.length - cursor);
  }

  /** Past the width only typing at the end is shown: the character while it fits, then one `$`. */
  private cutEcho(before: string): string {
    const appended = this.text.length === before.length + 1 && this.text.startsWith(before) && this.cursor === this.text.length;
    if (!appended) return '';
    if (this.visible(before.length)) return this.text.slice(-1);
    return before.length > 0 && this.visible(before.length - 1) ? '$' : '';
  }

  insert(chars: string): string {
    return this.set(this.text.slice(0, this.cursor) + chars + this.text.slice(this.cursor), this.cursor + chars.length);
  }

  private wordStartLeft(): number {
    let i = this.cursor;
    while (i > 0 && this.text[i - 1] === ' ') i--;
    while (i > 0 && this.text[i - 1] !== ' ') i--;
    return i;
  }

  private wordEndRight(): number {
    let i = this.cursor;
    while (i < this.text.length && this.text[i] === ' ') i++;
    while (i < this.text.length && this.text[i] !== ' ') i++;
    return i;
  }

  private recall(index: number): string {
    if (index < 0 || index > this.history.length) return '';
    if (this.historyIndex === this.history.length) this.draft = this.text;
    this.historyIndex = index;
    const line = index === this.history.length ? this.draft : this.history[index]!;
    return this.set(line, line.length);
  }

  key(k: EditKey): string {
    const t = this.text;
    const c = this.cursor;
    switch (k) {
      case 'home':
        return this.set(t, 0);
      case 'end':
        return this.set(t, t.length);
      case 'left':
        return this.set(t, Math.max(0, c - 1));
      case 'right':
        return this.set(t, Math.min(t.length, c + 1));
      case 'wordLeft':
        return this.set(t, this.wordStartLeft());
      case 'wordRight':
        return this.set(t, this.wordEndRight());
      case 'backspace':
        return c === 0 ? '' : this.set(t.slice(0, c - 1) + t.slice(c), c - 1);
      case 'delete':
        return c === t.length ? '' : this.set(t.slice(0, c) + t.slice(c + 1), c);
      case 'killToStart':
        this.killed = t.slice(0, c);
        return this.set(t.slice(c), 0);
      case 'killToEnd':
        this.killed = t.slice(c);
        return this.set(t.slice(0, c), c);
      case 'killWordLeft': {
        const from = this.wordStartLeft();
        this.killed = t.slice(from, c);
        return this.set(t.slice(0, from) + t.slice(c), from);
      }
      case 'killWordRight': {
        const to = this.wordEndRight();
        this.killed = t.slice(c, to);
        return this.set(t.slice(0, c) + t.slice(to), c);
      }
      case 'transpose': {
        if (t.length < 2 || c === 0) return '';
        const at = c === t.length ? c - 1 : c;
        return this.set(t.slice(0, at - 1) + t[at] + t[at - 1] + t.slice(at + 1), at + 1);
      }
      case 'yank':
        return this.insert(this.killed);
      case 'previous':
        return this.recall(this.historyIndex - 1);
      case 'next':
        return this.recall(this.historyIndex + 1);
      case 'redisplay':
        return this.view.echo ? `\n${this.view.prompt}${t}${'\b'.repeat(t.length - c)}` : '';
    }
  }
}

/** Adds an executed line to a session's history (blank lines are not kept). */
export function remember(history: string[], line: string): void {
  if (line.trim() === '') return;
  history.push(line);
  if (history.length > HISTORY_SIZE) history.splice(0, history.length - HISTORY_SIZE);
}
