/**
 * A command's action, loaded when the command runs: its definition (definitions/) names the module
 * in commands/ that holds it, and `await import()` loads that module (and what it uses) only then.
 * Definitions are small (commander only) and `translator --help` loads them all, so this keeps
 * `--help` and every command from loading any command's code but the one that runs (issue 14).
 */
export function actionIn<A extends unknown[]>(load: () => Promise<{ action: (...args: A) => Promise<void> }>): (...args: A) => Promise<void> {
  return async (...args) => (await load()).action(...args);
}
