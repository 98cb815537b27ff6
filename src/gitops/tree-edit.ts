/**
 * A tree with some files set, built here instead of in an index (`read-tree`, `update-index`,
 * `write-tree`: three git processes per commit). The trees along the changed paths are read by the
 * kept `cat-file --batch` in one question, rebuilt in git's tree format (gitformat-tree: `<mode>
 * <name>\0<id>` entries, sorted by name with a directory's name compared as if it ended in `/`)
 * and their ids computed here; the kept `hash-object -t tree` writes them, checking each tree, and
 * an id it answers differently from the one computed is an error (Git.writeKnownObjects).
 */
import { objectIdOf, type Git } from './git.js';

interface Entry {
  mode: string;
  /** The name's bytes as a latin1 string (tree names are bytes, not necessarily UTF-8). */
  name: string;
  id: string;
}

const TREE_MODE = '40000';
const FILE_MODE = '100644';

/** The entries of a raw tree object. */
function entriesOf(content: Buffer, idBytes: number): Entry[] {
  const entries: Entry[] = [];
  let at = 0;
  while (at < content.length) {
    const space = content.indexOf(0x20, at);
    const nul = content.indexOf(0, space);
    if (space < 0 || nul < 0 || nul + 1 + idBytes > content.length) throw new Error('a tree object git gave does not parse');
    entries.push({
      mode: content.toString('latin1', at, space),
      name: content.toString('latin1', space + 1, nul),
      id: content.toString('hex', nul + 1, nul + 1 + idBytes),
    });
    at = nul + 1 + idBytes;
  }
  return entries;
}

/** git's order of tree entries: by name, a directory's name as if it ended in `/`. */
function sortKey(entry: Entry): Buffer {
  return Buffer.from(entry.mode === TREE_MODE ? `${entry.name}/` : entry.name, 'latin1');
}

function treeContent(entries: readonly Entry[]): Buffer {
  const sorted = [...entries].sort((a, b) => Buffer.compare(sortKey(a), sortKey(b)));
  return Buffer.concat(sorted.flatMap((e) => [Buffer.from(`${e.mode} ${e.name}\0`, 'latin1'), Buffer.from(e.id, 'hex')]));
}

/** A path component as an entry name: its UTF-8 bytes, held like the names read from trees. */
const entryName = (component: string): string => Buffer.from(component, 'utf8').toString('latin1');

/** Paths split into this level's files and the changes below each directory. */
function byLevel(files: ReadonlyMap<string, string>): { here: Map<string, string>; below: Map<string, Map<string, string>> } {
  const here = new Map<string, string>();
  const below = new Map<string, Map<string, string>>();
  for (const [file, blob] of files) {
    const slash = file.indexOf('/');
    if (slash < 0) {
      here.set(file, blob);
      continue;
    }
    const dir = file.slice(0, slash);
    if (!below.has(dir)) below.set(dir, new Map());
    below.get(dir)!.set(file.slice(slash + 1), blob);
  }
  return { here, below };
}

/** A tree computed here: its id, and every new tree object (the root's last) still to be written. */
export interface PlannedTree {
  id: string;
  objects: Array<{ id: string; content: Buffer }>;
}

/** Every directory above the files, `a/b/c.txt` → `a`, `a/b`. */
function directoriesOf(files: Iterable<string>): string[] {
  const dirs = new Set<string>();
  for (const file of files) for (let slash = file.indexOf('/'); slash >= 0; slash = file.indexOf('/', slash + 1)) dirs.add(file.slice(0, slash));
  return [...dirs];
}

/**
 * `base` (null: the empty tree) with each of `files` (path → blob id, mode 100644) set, computed
 * here: the trees along the paths are read in one question to the kept cat-file, nothing is
 * written yet.
 */
export async function planTree(git: Git, base: string | null, files: Readonly<Record<string, string>>): Promise<PlannedTree> {
  const format = await git.objectFormat();
  const idBytes = format === 'sha256' ? 32 : 20;
  const dirs = base === null ? [] : directoriesOf(Object.keys(files));
  const read = base === null ? [] : await git.readObjects([base, ...dirs.map((dir) => `${base}:${dir}`)]);
  const existing = new Map<string, Entry[]>();
  ['', ...dirs].forEach((dir, i) => {
    const object = read[i];
    if (object === undefined || object === null) return; // a directory the base does not have
    if (object.type === 'tree') existing.set(dir, entriesOf(object.content, idBytes));
    else if (dir === '') throw new Error(`tree ${base} cannot be read`);
  });
  const objects: PlannedTree['objects'] = [];

  const build = (dir: string, changes: ReadonlyMap<string, string>): string => {
    const where = dir === '' ? '' : `${dir}/`;
    const byName = new Map((existing.get(dir) ?? []).map((e) => [e.name, e]));
    const { here, below } = byLevel(changes);
    for (const [name, blob] of here) {
      const key = entryName(name);
      if (byName.get(key)?.mode === TREE_MODE) throw new Error(`${where}${name} is a directory in the tree, not a file`);
      byName.set(key, { mode: FILE_MODE, name: key, id: blob });
    }
    for (const [name, inner] of below) {
      const key = entryName(name);
      const present = byName.get(key);
      if (present && present.mode !== TREE_MODE) throw new Error(`${where}${name} is a file in the tree, not a directory`);
      byName.set(key, { mode: TREE_MODE, name: key, id: build(`${where}${name}`, inner) });
    }
    const content = treeContent([...byName.values()]);
    const id = objectIdOf(format, 'tree', content);
    objects.push({ id, content });
    return id;
  };

  return { id: build('', new Map(Object.entries(files))), objects };
}
