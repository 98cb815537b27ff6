/**
 * A deploy record that could not be committed to the records branch (object store full or
 * read-only, …) is kept as `<git-dir>/translator/unrecorded/<id>.json` until a later deploy
 * commits it; `status` lists what is waiting there.
 *
 * Why there: it belongs to this clone's records, like the records branch itself; it is outside
 * the work tree (never committed by accident, untouched by checkouts and `git clean`); it
 * survives a reboot (a temp dir may not); and the object store that failed is a different
 * place (`objects/`), often a different mount or quota, so a small plain file usually still
 * fits. When even that fails, the caller prints the record instead.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Git } from '../gitops/git.js';
import { privatePaths } from '../gitops/layout.js';
import { isLive, type DeployRecord } from './record.js';
import type { RecordsStore } from './records.js';
import { errnoCode, errorText } from '../errors.js';


export type Unrecorded = { file: string; record: DeployRecord } | { file: string; error: string };

/** Writes the record where the next deploy will find it; returns the file. */
export async function keepUnrecorded(git: Git, record: DeployRecord): Promise<string> {
  const dir = await git.privatePath(privatePaths.unrecorded);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${record.id}.json`);
  // Written in full under a private name first: a reader never sees half a record.
  const temp = `${file}.${process.pid}.${Math.random().toString(16).slice(2)}.tmp`;
  await writeFile(temp, `${JSON.stringify(record, null, 2)}\n`, { flag: 'wx', mode: 0o600 });
  await rename(temp, file);
  return file;
}

/** The records waiting to be committed, oldest first; a file that is not a record says why. */
export async function listUnrecorded(git: Git): Promise<Unrecorded[]> {
  const dir = await git.privatePath(privatePaths.unrecorded);
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if (errnoCode(error) === 'ENOENT') return [];
    throw error;
  }
  const found: Unrecorded[] = [];
  for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
    const file = path.join(dir, name);
    try {
      const record = JSON.parse(await readFile(file, 'utf8')) as DeployRecord;
      if (`${record.id}.json` !== name || typeof record.router !== 'string') throw new Error('its id does not match its file name');
      found.push({ file, record });
    } catch (error) {
      found.push({ file, error: errorText(error) });
    }
  }
  return found;
}

/**
 * Commits every waiting record (a success one also moves live.json, unless a newer deploy is
 * live already) and removes its file; returns one line per record about what happened.
 */
export async function commitUnrecorded(records: RecordsStore): Promise<string[]> {
  const notes: string[] = [];
  for (const entry of await listUnrecorded(records.git)) {
    if ('error' in entry) {
      notes.push(`${entry.file} is not a deploy record translator can read (${entry.error}): look at it, then remove it`);
      continue;
    }
    const { record, file } = entry;
    try {
      const since = (await records.live(record.router))?.since ?? '';
      const sha = await records.saveRecord(record, isLive(record) && since <= record.ended);
      await rm(file, { force: true });
      notes.push(`${record.router}: committed the record of deploy ${record.id} (${record.result}), kept in ${file} since it could not be written (${sha.slice(0, 12)})`);
    } catch (error) {
      notes.push(`${record.router}: the record of deploy ${record.id} still cannot be committed to ${records.branch} (${errorText(error)}); it stays in ${file}`);
    }
  }
  return notes;
}
