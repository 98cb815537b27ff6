/** `translator forget-host --format json` (schemas/forget-host.schema.json). */
import type { Rejection } from '../intent/types.js';
import { document } from './document.js';

export function forgetHostDocument(host: string, commit: { sha: string; message: string } | null, rejections: readonly Rejection[]) {
  return document('forget-host', {
    host,
    commit: commit ? { sha: commit.sha, subject: commit.message.split('\n')[0]! } : null,
    rejections,
  });
}
