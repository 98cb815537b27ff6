/**
 * Words for anything thrown. A `catch` receives `unknown` (a rejected promise or a library may
 * throw a string, an object, null), so no caller casts: an Error gives its message, anything
 * else its string form.
 */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The first line of `errorText`: for one-line log fields and table cells. */
export function firstLine(error: unknown): string {
  return errorText(error).split('\n')[0]!;
}

/** The system error code of a failed file or process call (`ENOENT`, `EEXIST`, …), when it has one. */
export function errnoCode(error: unknown): string | undefined {
  return error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
}
