import { resolve } from 'node:path';
import { GitOpsRepo } from '../../gitops/repo.js';
import { describeRejections, forgetHost } from '../../pipeline.js';
import { forgetHostDocument } from '../../documents/forget-host.js';
import { selectRouters, settingsOf } from '../context.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import type { RepoOptions } from '../options.js';

export async function action(host: string, options: RepoOptions & FormatFlags): Promise<void> {
  const settings = settingsOf(options);
  const routers = selectRouters(settings, undefined);
  const repo = await GitOpsRepo.open(resolve(options.repo));
  const { rendered, commit } = await forgetHost(repo, settings, routers, host);
  for (const line of describeRejections(rendered.intent.rejections)) process.stderr.write(`translator: ${line}\n`);
  if (formatOf(options) === 'json') return printDocument(forgetHostDocument(host, commit, rendered.intent.rejections));
  process.stdout.write(commit ? `committed ${commit.sha.slice(0, 12)} ${commit.message.split('\n')[0]}\n` : `nothing kept of ${host}: no commit\n`);
}
