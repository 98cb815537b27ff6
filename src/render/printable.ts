import { RenderError } from './errors.js';

/** Anything but printable ASCII and the line feed: control characters, DEL, every non-ASCII character. */
const NOT_PRINTABLE = /[^\x20-\x7e\n]/;

/**
 * Rendered config is typed into an IOS terminal, where a control character edits the line
 * (a backspace turns an owned command into another one). Every line must be printable ASCII;
 * the first one that is not is named with its line number. Whole text first: the common case
 * costs one scan.
 */
export function assertPrintableConfig(text: string, origin: string): void {
  if (!NOT_PRINTABLE.test(text)) return;
  const lines = text.split('\n');
  const index = lines.findIndex((line) => NOT_PRINTABLE.test(line));
  const line = lines[index]!;
  const bad = line.charCodeAt(line.search(NOT_PRINTABLE));
  throw new RenderError(
    `${origin}: line ${index + 1} holds a character that is not printable ASCII ` +
      `(U+${bad.toString(16).toUpperCase().padStart(4, '0')}): ${JSON.stringify(line.slice(0, 80))}`,
  );
}
