/**
 * A registry written as a Prometheus text file for node_exporter's textfile collector
 * (https://github.com/prometheus/node_exporter#textfile-collector): atomically — a temporary file
 * in the same directory, then a rename — so the collector never reads half a file.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { Registry } from 'prom-client';

export async function writeMetricsFile(path: string, registry: Registry): Promise<void> {
  const text = await registry.metrics();
  // The collector reads only *.prom: the temporary name must not end so.
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, text, { mode: 0o644 });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
