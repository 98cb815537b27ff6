/**
 * The README and docs/ stay true to the repository (issue 12: documentation a newcomer can take
 * in, each page tested where it shows commands): every relative link reaches a file and every
 * `#anchor` a heading, every `translator …` line of a shell block names a real command and only
 * its options, and every yaml block under a translator.yaml heading passes the settings schema.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { parse } from 'yaml';
import { buildProgram } from '../../../src/cli/program.js';
import { settingsSchemas } from '../../../src/settings/schema.js';
import { REPO_ROOT } from '../../helpers/cli.js';

const PAGES = ['README.md', ...readdirSync(join(REPO_ROOT, 'docs')).filter((f) => f.endsWith('.md')).map((f) => `docs/${f}`)];
const text = (page: string): string => readFileSync(join(REPO_ROOT, page), 'utf8');

interface Block { lang: string; lines: string[]; heading: string }
/** A page's prose lines (outside fences) and its fenced blocks, each with the heading above it. */
function split(markdown: string): { prose: string[]; blocks: Block[] } {
  const prose: string[] = [];
  const blocks: Block[] = [];
  let heading = '';
  let open: Block | undefined;
  for (const line of markdown.split('\n')) {
    const fence = /^```\s*([\w-]*)/.exec(line);
    if (fence) {
      if (open) { blocks.push(open); open = undefined; } else open = { lang: fence[1]!, lines: [], heading };
    } else if (open) open.lines.push(line);
    else {
      prose.push(line);
      if (/^#{1,6} /.test(line)) heading = line;
    }
  }
  assert.equal(open, undefined, 'every fence is closed');
  return { prose, blocks };
}

/** GitHub's heading anchors: the rendered text lower-cased, punctuation dropped, spaces → '-', repeats numbered. */
export function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const out = new Set<string>();
  for (const line of split(markdown).prose) {
    const heading = /^#{1,6} (.*)$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const rendered = heading.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').trim();
    const base = rendered.toLowerCase().replace(/[^\p{L}\p{N}\p{M}\p{Pc} -]/gu, '').replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    out.add(count === 0 ? base : `${base}-${count}`);
  }
  return out;
}

/** Every relative link of a page (in its prose, inline code excepted) that does not lead anywhere. */
export function brokenLinks(page: string, markdown: string, read: (file: string) => string | undefined): string[] {
  const broken: string[] = [];
  const prose = split(markdown).prose.join('\n').replace(/`[^`\n]*`/g, '');
  for (const [, target] of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(target!)) continue; // https:, mailto:: not ours to check
    const [path, anchor] = target!.split('#') as [string, string | undefined];
    const file = path === '' ? page : relative(REPO_ROOT, resolve(REPO_ROOT, dirname(page), decodeURIComponent(path)));
    if (!existsSync(join(REPO_ROOT, file))) { broken.push(`${page}: ${target} (no file ${file})`); continue; }
    if (anchor === undefined) continue;
    const linked = read(file);
    if (linked === undefined || !anchors(linked).has(anchor)) broken.push(`${page}: ${target} (no heading #${anchor} in ${file})`);
  }
  return broken;
}

const markdownOf = (file: string): string | undefined => (file.endsWith('.md') ? text(file) : undefined);

test('every relative link and #anchor in README.md and docs/*.md leads to a file and heading', () => {
  assert.ok(PAGES.length > 10, 'README.md and the docs pages are read');
  const broken = PAGES.flatMap((page) => brokenLinks(page, text(page), markdownOf));
  assert.deepEqual(broken, []);
});

test('the link check finds a missing file, a missing heading and a GitHub-style anchor', () => {
  const page = '# A `b`: c, d?\n\n## Again\n## Again\n\n[ok](#a-b-c-d) [twice](#again-1) [gone](#nowhere) [file](docs/none.md) [api](docs/api.md#the-status-pages-api-apiv1)\n';
  const broken = brokenLinks('README.md', page, (file) => (file === 'README.md' ? page : markdownOf(file)));
  assert.deepEqual(broken, ['README.md: #nowhere (no heading #nowhere in README.md)', 'README.md: docs/none.md (no file docs/none.md)']);
});

const SHELL = new Set(['', 'sh', 'console', 'bash', 'shell']);

/** Words of a shell line, quotes removed. */
function words(segment: string): string[] {
  return [...segment.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/**
 * The `translator` invocations of a page's shell blocks (```sh, ```console, ```bash, ``` plain):
 * continuation lines joined, `$ ` prompts and `# comments` cut, lines split at `|`, `&&`, `||` and
 * `;`; a segment counts when its first word (after `VAR=value` assignments and `npx`) is
 * `translator`. Skipped, because they cannot be parsed as one command line: segments holding a
 * placeholder (`…`, `...`, `<name>`), usage brackets (`[--opt]`) or words in parentheses that are
 * not `$(…)` (the diagrams in plain blocks: `translator  (the daemon, or one command)`), and
 * `translator` as an image name inside `docker run …` (the command after it is the container's,
 * not checked here).
 */
export function invocations(markdown: string): string[][] {
  const found: string[][] = [];
  for (const block of split(markdown).blocks.filter((b) => SHELL.has(b.lang))) {
    const joined = block.lines.join('\n').replace(/\\\n/g, ' ').split('\n');
    for (const line of joined) {
      const code = line.replace(/^\s*\$ /, '').replace(/(^|\s)#.*$/, '');
      for (const segment of code.split(/\|\||&&|\||;/)) {
        if (/…|\.\.\.|<[\w -]+>|\[|(^|[^$])\(/.test(segment)) continue;
        const argv = words(segment);
        while (argv.length && (/^[A-Z_][A-Z0-9_]*=/.test(argv[0]!) || argv[0] === 'npx')) argv.shift();
        if (argv[0] === 'translator') found.push(argv.slice(1));
      }
    }
  }
  return found;
}

/** What is wrong with one invocation: an unknown command or an option its command does not have. */
export function invocationErrors(program: Command, argv: string[]): string[] {
  const global = new Set(['--help', '-h', ...program.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f))]);
  const [first, ...rest] = argv;
  if (first === undefined) return [];
  if (first.startsWith('-')) return argv.filter((w) => w.startsWith('-') && !global.has(w.split('=')[0]!)).map((w) => `translator: no option ${w}`);
  const command = program.commands.find((c) => c.name() === first || c.aliases().includes(first));
  if (!command) return [`no command translator ${first}`];
  const own = new Set([...global, ...command.options.flatMap((o) => [o.long, o.short].filter((f): f is string => !!f))]);
  return rest.filter((w) => /^--?[A-Za-z]/.test(w) && !own.has(w.split('=')[0]!)).map((w) => `translator ${first}: no option ${w}`);
}

test('every translator invocation in the shell blocks of README.md and docs/*.md is a real command with its real options', async () => {
  const program = await buildProgram();
  const all = PAGES.flatMap((page) => invocations(text(page)).map((argv) => ({ page, argv })));
  assert.ok(all.length >= 5, `the pages' shell blocks are read (${all.length} invocations)`);
  assert.ok(all.some(({ page }) => page === 'README.md') && all.some(({ page }) => page.startsWith('docs/')), 'both the README and docs/ show commands');
  const wrong = all.flatMap(({ page, argv }) => invocationErrors(program, argv).map((e) => `${page}: translator ${argv.join(' ')}: ${e}`));
  assert.deepEqual(wrong, []);
});

test('the invocation check finds an unknown command and an option of another command', async () => {
  const program = await buildProgram();
  const page = '```sh\n$ translator deploy --all --yes --bogus   # x\nFOO=1 translator plan \\\n  --fix | head\ntranslator launch\ndocker run -it translator watch --x\ntranslator lab [--listen HOST:PORT]\n   translator  (the daemon)\n```\n';
  const found = invocations(page);
  assert.deepEqual(found, [['deploy', '--all', '--yes', '--bogus'], ['plan', '--fix'], ['launch']]);
  assert.deepEqual(found.flatMap((argv) => invocationErrors(program, argv)), ['translator deploy: no option --bogus', 'translator plan: no option --fix', 'no command translator launch']);
});

test('every yaml block under a translator.yaml heading passes the settings schema', () => {
  const { settingsSchema } = settingsSchemas();
  const checked: string[] = [];
  for (const page of PAGES) {
    for (const block of split(text(page)).blocks.filter((b) => b.lang === 'yaml' && b.heading.includes('translator.yaml'))) {
      const result = settingsSchema.safeParse(parse(block.lines.join('\n')));
      assert.ok(result.success, `${page} (${block.heading}): ${JSON.stringify(result.error?.issues, null, 1)}`);
      checked.push(page);
    }
  }
  assert.ok(checked.includes('README.md') && checked.includes('docs/configuration.md'), `checked: ${checked.join(', ')}`);
});

test("the README's Documentation list links every docs page", () => {
  const readme = text('README.md');
  const start = readme.indexOf('\n## Documentation\n');
  assert.ok(start >= 0, 'the README has a "Documentation" section');
  const list = readme.slice(start, readme.indexOf('\n## ', start + 1));
  const missing = PAGES.filter((page) => page.startsWith('docs/') && !list.includes(`](${page})`));
  assert.deepEqual(missing, []);
});
