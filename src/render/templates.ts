import { closeSync, constants, existsSync, fstatSync, lstatSync, openSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { RenderError } from './errors.js';
import { errnoCode, errorText } from '../errors.js';

/** The template every render starts from; it includes the others by name. */
export const ENTRY = 'router.cfg.njk';

/** The engine's options, the same in and out of the sandbox: no escaping (intent validated every value), undefined is an error. */
export const NUNJUCKS_OPTIONS = { autoescape: false, throwOnUndefined: true, trimBlocks: true, lstripBlocks: true } as const;

/**
 * Bounds on what a repository may hand the sandbox: overrides are a few small text files, and
 * the parent reads them before the sandbox starts.
 */
const OVERRIDE_LIMITS = { files: 256, fileBytes: 256 * 1024, totalBytes: 2 * 1024 * 1024 } as const;

/** One path segment of a template name: nothing a shell or a URL would read twice. */
const SEGMENT = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}$/;

/**
 * Every entry under `dir` (files, links, anything), as POSIX paths relative to it; [] when there is
 * no `dir`. Dot-files (`.gitkeep`) are not templates and are passed over: no template can include them.
 */
export function listOverrides(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const names: string[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(join(dir, relative), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const name = relative === '' ? entry.name : `${relative}/${entry.name}`;
      if (entry.isDirectory()) walk(name);
      else names.push(name);
    }
  };
  walk('');
  return names.sort();
}

/**
 * The directories on the way to the overrides must be the repository's own: a `templates` or
 * `templates/iosxe` that is a symbolic link would make any directory on the machine look like
 * overrides (the file checks below see only the last path component).
 */
export function assertNotLinked(repo: string, relativeDir: string): void {
  let path = repo;
  for (const segment of relativeDir.split('/')) {
    path = join(path, segment);
    if (existsLink(path)) {
      throw new RenderError(
        `${relativeDir} in the repository goes through a symbolic link (${segment}): template overrides must be regular files in the repository`,
      );
    }
  }
}

function existsLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** The packaged templates by name (trusted: they ship with translator). */
export function packagedTemplates(dir: string): Map<string, string> {
  return new Map(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), 'utf8')]));
}

/**
 * The templates a sandboxed render sees: the packaged ones, replaced or extended file by file by
 * the repository's. An override is read here, by the parent, and handed over as text: only
 * regular files inside the directory, never through a symbolic link (a link to
 * /run/secrets/ios_pass would put the secret into intended.cfg, which is committed and pushed).
 */
export function templatesWithOverrides(packaged: ReadonlyMap<string, string>, overrideDir: string, origin: string): Map<string, string> {
  const templates = new Map(packaged);
  const names = listOverrides(overrideDir);
  if (names.length > OVERRIDE_LIMITS.files) {
    throw new RenderError(`${origin} holds ${names.length} files; template overrides are at most ${OVERRIDE_LIMITS.files}`);
  }
  let total = 0;
  for (const name of names) {
    if (!name.split('/').every((segment) => SEGMENT.test(segment))) {
      throw new RenderError(`${origin}/${name}: a template name is letters, digits, "_", "." and "-"`);
    }
    const text = readRegularFile(join(overrideDir, name), `${origin}/${name}`);
    total += Buffer.byteLength(text);
    if (total > OVERRIDE_LIMITS.totalBytes) {
      throw new RenderError(`${origin}: template overrides exceed ${OVERRIDE_LIMITS.totalBytes / 1024 / 1024} MiB together`);
    }
    templates.set(name, text);
  }
  return templates;
}

/**
 * Opens without following a final symbolic link and checks what was opened, so the check and the
 * read see the same file; the directories above were walked with lstat semantics by listOverrides
 * (readdir's entry types do not follow links, and a linked directory is listed as a link).
 */
function readRegularFile(path: string, shown: string): string {
  if (lstatSync(path).isSymbolicLink()) throw new RenderError(`${shown} is a symbolic link: template overrides must be regular files in the repository`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch (error) {
    throw new RenderError(`${shown} cannot be read: ${errnoCode(error) ?? errorText(error)}`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile()) throw new RenderError(`${shown} is not a regular file`);
    if (stat.size > OVERRIDE_LIMITS.fileBytes) {
      throw new RenderError(`${shown} is ${stat.size} bytes; a template override is at most ${OVERRIDE_LIMITS.fileBytes / 1024} KiB`);
    }
    return readFileSync(fd, 'utf8');
  } finally {
    closeSync(fd);
  }
}
