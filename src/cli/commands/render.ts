import { resolve } from 'node:path';
import { writeRendersIn } from '../../gitops/publish.js';
import { describeRejections, renderState } from '../../pipeline.js';
import { GitOpsRepo } from '../../gitops/repo.js';
import { observe, selectRouters, settingsOf } from '../context.js';
import { renderDocument } from '../../documents/render.js';
import { ExitCode, UserError } from '../exit-codes.js';
import { formatOf, printDocument, type FormatFlags } from '../format.js';
import type { StateOptions } from '../options.js';

interface RenderOptions extends StateOptions, FormatFlags {
  router?: string;
  stdout?: boolean;
}

export async function action(options: RenderOptions): Promise<void> {
  // json: a document with the intent, the rendered configs and the rejections, instead of writing files.
  const json = formatOf(options) === 'json';
  if (options.stdout && json) throw new UserError('--stdout and --format json exclude each other', ExitCode.Usage);
  const settings = settingsOf(options);
  const routers = selectRouters(settings, options.router);
  const repoDir = resolve(options.repo);
  const repo = await GitOpsRepo.find(repoDir);
  const { docker, facts } = await observe(options, settings, repo, routers);
  const rendered = renderState(docker, settings, repoDir, routers, facts);
  for (const line of describeRejections(rendered.intent.rejections)) process.stderr.write(`translator: ${line}\n`);

  if (json) printDocument(renderDocument(rendered.routers, rendered.intent.rejections));
  else if (options.stdout) {
    if (rendered.routers.length > 1) throw new UserError(`--stdout prints one router: choose one with --router (${routers.join(', ')})`);
    process.stdout.write(rendered.routers[0]!.intendedCfg);
  } else {
    for (const path of await writeRendersIn(repoDir, rendered.routers)) process.stdout.write(`wrote ${path}\n`);
  }
}
