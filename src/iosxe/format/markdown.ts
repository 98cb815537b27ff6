/**
 * The plan as a pull-request comment: summary counts, then the diff and the commands in collapsible
 * blocks, split into parts that each fit a GitHub comment.
 */
import { cliLines } from '../commands.js';
import type { ScopeOptions } from '../options.js';
import type { Plan } from '../plan.js';
import { formatDiff } from './diff.js';

/** GitHub refuses comments over 65,536 characters; keep a margin for the part header. */
export const MARKDOWN_PART_LIMIT = 65_000;

export interface MarkdownOptions {
  title?: string;
  limit?: number;
}

export function formatMarkdown(plan: Plan, scope: ScopeOptions, options: MarkdownOptions = {}): string[] {
  const limit = options.limit ?? MARKDOWN_PART_LIMIT;
  const title = options.title ?? 'translator plan';
  const s = plan.summary;
  const head: string[] = [`### ${title}`, ''];
  const skipped = plan.skipped.length === 0 ? [] : ['**Left out** (the rest of the plan goes ahead):', '', ...plan.skipped.map((x) => `- \`${x.line}\`: ${x.reason}`), ''];
  if (s.commands === 0) {
    head.push('No changes: the router already matches the intent.', '', ...skipped);
    return [head.join('\n').trimEnd() + '\n'];
  }
  head.push(
    `**${s.add} to add, ${s.change} to change, ${s.remove} to remove** (${s.commands} commands)`,
    '',
    '| object | add | change | remove |',
    '|---|---:|---:|---:|',
    ...Object.entries(s.byKind).map(([kind, c]) => `| ${kind} | ${c.add} | ${c.change} | ${c.remove} |`),
    '',
  );
  head.push(...skipped);
  if (plan.questions.length > 0) {
    head.push(`${plan.questions.length} NAT removal(s) may ask whether to delete live translations.`, '');
  }
  const blocks = [
    ...codeBlocks('Diff', 'diff', formatDiff(plan, scope).split('\n'), limit),
    ...codeBlocks('Commands', '', cliLines(plan.commands), limit),
  ];
  return pack(head.join('\n'), blocks, limit);
}

/** A `<details>` block per chunk of lines small enough to fit in one part. */
function codeBlocks(summary: string, language: string, lines: string[], limit: number): string[] {
  const budget = limit - 500;
  const chunks: string[][] = [];
  let current: string[] = [];
  let size = 0;
  for (const raw of lines) {
    const line = raw.replaceAll('```', '`\u200b``');
    if (size + line.length + 1 > budget && current.length > 0) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(line.length > budget ? line.slice(0, budget) : line);
    size += line.length + 1;
  }
  if (current.length > 0) chunks.push(current);
  return chunks.map((chunk, i) => {
    const label = chunks.length > 1 ? `${summary} (${i + 1}/${chunks.length})` : summary;
    return ['<details>', `<summary>${label}</summary>`, '', '```' + language, ...chunk, '```', '', '</details>', ''].join('\n');
  });
}

function pack(head: string, blocks: string[], limit: number): string[] {
  const parts: string[] = [];
  let current = head + '\n';
  for (const block of blocks) {
    if (current.length + block.length + 1 > limit) {
      parts.push(current);
      current = '';
    }
    current += block + '\n';
  }
  parts.push(current);
  if (parts.length === 1) return parts;
  return parts.map((part, i) => `<sub>part ${i + 1} of ${parts.length}</sub>\n\n${part}`);
}
