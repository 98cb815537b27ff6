/** translator version: the build, for bug reports and inventories (`translator --version` prints the version alone). */
import type { Command } from 'commander';
import { buildInfo } from '../../build-info.js';
import { versionDocument } from '../../documents/version.js';
import { formatOf, printDocument, withFormatOption, type FormatFlags } from '../format.js';

export function register(program: Command): void {
  withFormatOption(
    program
      .command('version')
      .summary('the version of translator, Node.js and the platform (and the commit of a checkout)')
      .description(
        'Prints the version of this translator (package.json), the Node.js version, the platform and architecture, ' +
          'and the Git commit when translator runs from a checkout of its own repository (an installed package does ' +
          'not know its commit, and says nothing about it).',
      ),
  ).action(async (flags: FormatFlags) => {
    const info = await buildInfo();
    if (formatOf(flags) === 'json') return printDocument(versionDocument(info));
    const lines = [
      `${info.name} ${info.version}`,
      `node ${info.node} ${info.platform}/${info.arch}`,
      ...(info.commit ? [`commit ${info.commit}`] : []),
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  });
}
