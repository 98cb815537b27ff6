/**
 * The packaged templates, compiled by nunjucks' own compiler with one difference: a `for` loop
 * whose body cannot read `loop` does not set it. nunjucks sets seven `loop.*` variables on every
 * iteration (each a `Frame.set` that splits its name on "."): on 100,000 floating IPs that was
 * most of the render's time (issue 14). Nothing else of the generated code changes, so the text
 * is the same; a body that reads `loop`, or holds anything through which another template, macro
 * or function could see the loop's frame, keeps the bindings (test/unit/render/unbound-loops.test.ts).
 *
 * Only translator's own templates go through this (render.ts, packagedRenderer); a repository's
 * template overrides render with plain nunjucks in the sandbox.
 */
import { createRequire } from 'node:module';
import { nunjucks } from '../lazy.js';

/** nunjucks' parse tree, as far as this module reads it (nodes.js: `typename`, `fields`). */
interface TemplateNode {
  typename: string;
  fields: readonly string[];
  value?: unknown;
  [field: string]: unknown;
}

/**
 * Nodes that only compute values from what is in scope: none of them hands the frame to other code.
 * Everything else (include, import, macro, call, caller, filter, function call, set, block, extension…)
 * counts as reading `loop`.
 */
const CONFINED = new Set([
  'NodeList', 'Output', 'TemplateData', 'Literal', 'Symbol', 'LookupVal', 'If', 'InlineIf', 'Compare', 'CompareOperand',
  'And', 'Or', 'Not', 'Group', 'Array', 'Dict', 'Pair', 'For',
]);

function isNode(value: unknown): value is TemplateNode {
  return typeof value === 'object' && value !== null && typeof (value as { typename?: unknown }).typename === 'string';
}

/** Whether anything under `node` may read the variable `loop`. */
export function mayReadLoop(node: TemplateNode): boolean {
  if (!CONFINED.has(node.typename)) return true;
  if (node.typename === 'Symbol' && node.value === 'loop') return true;
  for (const field of node.fields) {
    const child = node[field];
    const children = Array.isArray(child) ? child : [child];
    for (const item of children) if (isNode(item) && mayReadLoop(item)) return true;
  }
  return false;
}

/** nunjucks' internals this module uses (src/compiler.js, src/parser.js, src/transformer.js of the same package). */
interface Compiler {
  compile(node: unknown): void;
  getCode(): string;
  _emitLoopBindings(node: TemplateNode, arr: string, i: string, len: string): void;
}
type CompilerClass = new (name: string, throwOnUndefined: boolean) => Compiler;
interface Internals {
  compiler: { Compiler: CompilerClass };
  parser: { parse(src: string, extensions: unknown[], options: unknown): unknown };
}

let compilerClass: CompilerClass | undefined;

/** nunjucks' Compiler, emitting a loop's bindings only when its body may read them. */
function unboundLoopsCompiler(): CompilerClass {
  if (compilerClass) return compilerClass;
  const { Compiler } = (nunjucks() as unknown as Internals).compiler;
  compilerClass = class extends Compiler {
    override _emitLoopBindings(node: TemplateNode, arr: string, i: string, len: string): void {
      if (mayReadLoop(node)) super._emitLoopBindings(node, arr, i, len);
    }
  };
  return compilerClass;
}

const requireNunjucks = createRequire(import.meta.url);

/**
 * A template's source → the code of its `root` function, as nunjucks' `compiler.compile` makes it
 * (parse, transform, compile) with no extensions and no async filters, which is how the packaged
 * environment is configured.
 */
export function compileUnbound(src: string, name: string, options: { throwOnUndefined: boolean; trimBlocks: boolean; lstripBlocks: boolean }): string {
  const { parser } = nunjucks() as unknown as Internals;
  const transformer = requireNunjucks('nunjucks/src/transformer') as { transform(ast: unknown, asyncFilters: unknown[], name: string): unknown };
  const compiler = new (unboundLoopsCompiler())(name, options.throwOnUndefined);
  compiler.compile(transformer.transform(parser.parse(src, [], options), [], name));
  return compiler.getCode();
}

interface LoaderSource {
  src: string | { type: 'code'; obj: unknown };
  path: string;
  noCache: boolean;
}
interface FileSystemLoaderClass {
  new (dir: string): { getSource(name: string): LoaderSource | null };
}

/**
 * nunjucks' FileSystemLoader over `dir` (the same names resolve to the same files), handing the
 * environment each template compiled by compileUnbound — as a precompiled template, the way
 * nunjucks' own PrecompiledLoader does, and evaluated as nunjucks evaluates its own compiled code.
 */
export function unboundLoopsLoader(dir: string, options: Parameters<typeof compileUnbound>[2]): import('nunjucks').ILoader {
  const FileSystemLoader = nunjucks().FileSystemLoader as unknown as FileSystemLoaderClass;
  class UnboundLoopsLoader extends FileSystemLoader {
    override getSource(name: string): LoaderSource | null {
      const source = super.getSource(name);
      if (source === null || typeof source.src !== 'string') return source;
      const obj = new Function(compileUnbound(source.src, source.path, options))() as unknown; // as Template._compile does
      return { ...source, src: { type: 'code', obj } };
    }
  }
  return new UnboundLoopsLoader(dir) as unknown as import('nunjucks').ILoader;
}
