/**
 * A command's action, loaded when the command runs: its definition (definitions/) names the module
 * in commands/ that holds it, and `await import()` loads that module (and what it uses) only then.
 * Every definition is loaded for any command line (`--help` lists them all), so this keeps
 * `translator --help`, `--version` and one command from loading every other command's code (issue 14).
 */
export function actionIn<A extends unknown[]>(load: () => Promise<{ action: (...args: A) => Promise<void> }>): (...args: A) => Promise<void> {
  return async (...args) => (await load()).action(...args);
}
