/**
 * Which modules a real `translator` process loads (issue 14): the CLI's source entry is run in a
 * child process with a module hook that writes down every ES module Node loads, and at exit every
 * CommonJS module in require's cache (the dependencies lazy.ts requires, and those commander and
 * others require inside). Tests assert on the list, never on time.
 */
import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/git.js';

const ENTRY = join(REPO_ROOT, 'src/cli/main.ts');

/** The load hook (Node's module customization hooks run it on their own thread): one line per module. */
const HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) {
  appendFileSync(log, url + '\\n');
  return next(url, context);
}`;

/** Registers the hook and, at exit, adds what require() loaded. */
const PRELOAD = `
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { pathToFileURL } from 'node:url';
const log = process.env.TRANSLATOR_MODULE_LOG;
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(HOOKS)}), { data: { log } });
const require = createRequire(process.cwd() + '/');
process.on('exit', () => appendFileSync(log, Object.keys(require.cache).map((path) => pathToFileURL(path).href + '\\n').join('')));
`;

export interface LoadedModules {
  code: number;
  stdout: string;
  stderr: string;
  /** translator's own modules, relative to src/ (`cli/program.ts`). */
  own: string[];
  /** The packages loaded from node_modules, by name (`commander`, `@scope/name`). */
  packages: string[];
}

export function modulesLoadedBy(args: string[], env: NodeJS.ProcessEnv = {}): Promise<LoadedModules> {
  const tmp = tempDir('loaded-modules');
  const log = join(tmp.dir, 'modules.log');
  const childEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...env, TRANSLATOR_MODULE_LOG: log };
  const preload = `data:text/javascript,${encodeURIComponent(PRELOAD)}`;
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--import', 'tsx', '--import', preload, ENTRY, ...args], { cwd: REPO_ROOT, env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      try {
        if (!existsSync(log)) throw new Error(`the module hook wrote nothing (exit ${error?.code}): ${stderr}`);
        const urls = new Set(readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('file:')));
        const paths = [...urls].map((url) => fileURLToPath(url));
        const src = join(REPO_ROOT, 'src');
        const own = paths.filter((path) => path.startsWith(src + sep)).map((path) => relative(src, path).split(sep).join('/'));
        const packages = paths.flatMap((path) => {
          const match = /[\\/]node_modules[\\/]((?:@[^\\/]+[\\/])?[^\\/]+)/.exec(path.slice(path.lastIndexOf(`${sep}node_modules${sep}`)));
          return match ? [match[1]!.split(sep).join('/')] : [];
        });
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr, own: [...new Set(own)].sort(), packages: [...new Set(packages)].sort() });
      } catch (failure) {
        reject(failure);
      } finally {
        tmp.remove();
      }
    });
  });
}
