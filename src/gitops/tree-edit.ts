/**
 * A tree with some files set, built here instead of in an index (`read-tree`, `update-index`,
 * `write-tree`: three git processes per commit). The trees along the changed paths are read by the
 * kept `cat-file --batch`, rebuilt in git's tree format (gitformat-tree: `<mode> <name>\0<id>`
 * entries, sorted by name with a directory's name compared as if it ended in `/`), their ids
 * computed here and all of them written in one go by the kept `hash-object -t tree`, which checks
 * each tree and answers its id: an id that differs from the one computed is an error.
 */
import { createHash } from 'node:crypto';
import type { Git } from './git.js';

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

/**
 * The id of `base` (null: the empty tree) with each of `files` (path → blob id, mode 100644)
 * set, every new tree written to the store.
 */
export async function treeWith(git: Git, base: string | null, files: Readonly<Record<string, string>>): Promise<string> {
  const format = await git.objectFormat();
  const idBytes = format === 'sha256' ? 32 : 20;
  const written: Array<{ id: string; content: Buffer }> = [];

  const build = async (tree: string | null, changes: ReadonlyMap<string, string>, where: string): Promise<string> => {
    let entries: Entry[] = [];
    if (tree !== null) {
      const [object] = await git.readObjects([tree]);
      if (!object || object.type !== 'tree') throw new Error(`${where || 'the root'}: tree ${tree} cannot be read`);
      entries = entriesOf(object.content, idBytes);
    }
    const byName = new Map(entries.map((e) => [e.name, e]));
    const { here, below } = byLevel(changes);
    for (const [name, blob] of here) {
      const key = Buffer.from(name, 'utf8').toString('latin1');
      if (byName.get(key)?.mode === TREE_MODE) throw new Error(`${where}${name} is a directory in the tree, not a file`);
      byName.set(key, { mode: FILE_MODE, name: key, id: blob });
    }
    const subtrees = await Promise.all(
      [...below].map(async ([name, inner]) => {
        const key = Buffer.from(name, 'utf8').toString('latin1');
        const existing = byName.get(key);
        if (existing && existing.mode !== TREE_MODE) throw new Error(`${where}${name} is a file in the tree, not a directory`);
        return { mode: TREE_MODE, name: key, id: await build(existing?.id ?? null, inner, `${where}${name}/`) };
      }),
    );
    for (const subtree of subtrees) byName.set(subtree.name, subtree);
    const content = treeContent([...byName.values()]);
    const id = createHash(format).update(`tree ${content.length}\0`).update(content).digest('hex');
    written.push({ id, content });
    return id;
  };

  const root = await build(base, new Map(Object.entries(files)), '');
  const ids = await git.writeObjects('tree', written.map((w) => w.content));
  written.forEach(({ id }, i) => {
    if (ids[i] !== id) throw new Error(`git wrote tree ${ids[i]}, not the ${id} computed`);
  });
  return root;
}
