/**
 * Where things live in the GitOps repository (docs/architecture.md "Git layout"): the work tree's files, the
 * records branch's files and translator's private directory in the git dir. Every path the tool
 * reads or writes is built here, so the layout is defined in exactly one place. Paths are POSIX
 * and relative to the GitOps directory (they are also Git pathspecs), except those in the git dir.
 *
 * Every path built from a router name (or a deploy id) checks it first: a name from the command
 * line or a hand-edited file must never reach outside `routers/` or `deploys/`.
 */
export const SETTINGS_FILE = 'translator.yaml';

/** The repository's template overrides (used only with render.templateOverrides). */
export const TEMPLATE_OVERRIDES_DIR = 'templates/iosxe';

/** One folder per router, named after it. */
export const ROUTERS_DIR = 'routers';
const DEPLOYS_DIR = 'deploys';

/**
 * A router name becomes a directory name, so it must not be able to climb out of
 * `routers/` or hide as a dot-file. Settings validate names too; this guard keeps the
 * file layer safe on its own.
 */
const ROUTER_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}$/;

/** A deploy id names a file: the characters ids are made of (deploy/actor.ts), no dot-file. */
const DEPLOY_ID = /^[A-Za-z0-9_][A-Za-z0-9._-]*$/;

/** A name that cannot be used as a directory or file of the layout. */
export class LayoutError extends Error {
  override name = 'LayoutError';
}

function assertRouterName(router: string): void {
  if (!ROUTER_NAME.test(router)) {
    throw new LayoutError(
      `router name ${JSON.stringify(router)} cannot be used as a directory: ` +
        'expected 1-64 characters from [A-Za-z0-9_.-], not starting with "." or "-"',
    );
  }
}

export function isDeployId(id: string): boolean {
  return DEPLOY_ID.test(id);
}

export function routerDir(router: string): string {
  assertRouterName(router);
  return `${ROUTERS_DIR}/${router}`;
}

// --- the work tree (the deploy branch) -----------------------------------------------------

/** The rendered intended config (machine-written, reviewed in PRs). */
export function intendedCfgPath(router: string): string {
  return `${routerDir(router)}/intended.cfg`;
}

/** The Docker state the intent came from, with the rejections and their reasons. */
export function stateJsonPath(router: string): string {
  return `${routerDir(router)}/state.json`;
}

// --- the records branch --------------------------------------------------------------------

export const recordPaths = {
  /** The scoped backup of the router's running-config, refreshed before every change. */
  backup: (router: string) => `${routerDir(router)}/running.cfg`,
  /** What the router holds outside translator's objects, saved with the backup. */
  facts: (router: string) => `${routerDir(router)}/facts.json`,
  /** The intended commit live on the router, since which deploy. */
  live: (router: string) => `${routerDir(router)}/live.json`,
  /** One line per deploy, newest last. */
  log: (router: string) => `${routerDir(router)}/deploys.log`,
  /** One line per `translator unlock`. */
  unlocks: (router: string) => `${routerDir(router)}/unlocks.log`,
  /** The full record of one deploy. */
  record: (router: string, id: string) => {
    assertRouterName(router);
    if (!isDeployId(id)) throw new LayoutError(`deploy id ${JSON.stringify(id)} cannot be used as a file name`);
    return `${DEPLOYS_DIR}/${router}/${id}.json`;
  },
};

/** Where `translator decommission` keeps a router's files (archive/routers/<router>/<stamp>/: one folder per decommission). */
export function archivedRouterDir(router: string, stamp: string): string {
  assertRouterName(router);
  if (!/^[0-9]{8}T[0-9]{6}Z$/.test(stamp)) throw new LayoutError(`not an archive stamp: ${JSON.stringify(stamp)}`);
  return `archive/${routerDir(router)}/${stamp}`;
}

// --- the git dir (`git rev-parse --git-path <name>`: never in the work tree, never committed) ---

/** translator's own directory inside the git dir (`<git-dir>/translator`). */
export const PRIVATE_DIR = 'translator';

/** Inside PRIVATE_DIR (Git.privatePath). */
export const privatePaths = {
  /** What translator last wrote to each work-tree file (tells its own dirty files from others'). */
  written: 'written.json',
  /** The temporary index of a push's replay. */
  rebaseIndex: 'rebase.index',
  /** Deploy records that could not be committed yet, one `<id>.json` each. */
  unrecorded: 'unrecorded',
  /** A commit message on its way to `git commit -F` (unique per call). */
  message: (unique: string) => `message-${unique}.txt`,
  /** Files handed to the kept `git hash-object` (object-writer.ts), each removed once written. */
  objectScratch: 'objects',
  /** An archive commit's private index (unique per commit). */
  archiveIndex: (unique: string) => `archive-${unique}.index`,
  /** The webhook deliveries `translator watch` has taken. */
  webhookDeliveries: 'webhook-deliveries.json',
};
