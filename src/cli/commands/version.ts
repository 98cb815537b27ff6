/** translator version: the build, for bug reports and inventories (`translator --version` prints the version alone). */
import { buildInfo } from '../../build-info.js';
import { versionDocument } from '../../documents/version.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';

export async function action(flags: FormatFlags): Promise<void> {
  const info = await buildInfo();
  if (formatOf(flags) === 'json') return printDocument(versionDocument(info));
  const lines = [
    `${info.name} ${info.version}`,
    `node ${info.node} ${info.platform}/${info.arch}`,
    ...(info.commit ? [`commit ${info.commit}`] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
