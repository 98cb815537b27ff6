/** `translator version --format json`: the build (schemas/version.schema.json). */
import type { BuildInfo } from '../build-info.js';
import { document } from './document.js';

export function versionDocument(info: BuildInfo) {
  return document('version', { ...info });
}
