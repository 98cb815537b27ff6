/**
 * Where things live in the GitOps repository (DESIGN.md "Git layout"). Every path the
 * tool reads or writes is built here, so the layout is defined in exactly one place.
 * Paths are POSIX and relative to the GitOps directory (they are also Git pathspecs).
 */
export const SETTINGS_FILE = 'translator.yaml';
export const TEMPLATES_DIR = 'templates';
export const ROUTERS_DIR = 'routers';

/**
 * A router name becomes a directory name, so it must not be able to climb out of
 * `routers/` or hide as a dot-file. Settings validate names too; this guard keeps the
 * file layer safe on its own.
 */
const ROUTER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

export function assertRouterName(router: string): void {
  if (!ROUTER_NAME.test(router)) {
    throw new Error(
      `router name ${JSON.stringify(router)} cannot be used as a directory: ` +
        'expected 1-64 characters from [A-Za-z0-9_.-], not starting with "." or "-"',
    );
  }
}

export function routerDir(router: string): string {
  assertRouterName(router);
  return `${ROUTERS_DIR}/${router}`;
}

/** The rendered intended config (machine-written, reviewed in PRs). */
export function intendedCfgPath(router: string): string {
  return `${routerDir(router)}/intended.cfg`;
}

/** The Docker state the intent came from, with the rejections and their reasons. */
export function stateJsonPath(router: string): string {
  return `${routerDir(router)}/state.json`;
}

/** The scoped backup of the router's running-config, refreshed by deploy. */
export function runningCfgPath(router: string): string {
  return `${routerDir(router)}/running.cfg`;
}

/** Where `translator decommission` keeps a router's files (archive/routers/<router>/<stamp>/: one folder per decommission). */
export function archivedRouterDir(router: string, stamp: string): string {
  assertRouterName(router);
  if (!/^[0-9]{8}T[0-9]{6}Z$/.test(stamp)) throw new Error(`not an archive stamp: ${JSON.stringify(stamp)}`);
  return `archive/${routerDir(router)}/${stamp}`;
}

/** Inside the git dir (`git rev-parse --git-path`), never committed: the webhook deliveries `translator watch` has taken. */
export const WEBHOOK_DELIVERIES_GIT_PATH = 'translator/webhook-deliveries.json';
