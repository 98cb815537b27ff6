#!/usr/bin/env node
/**
 * The entry point (package.json `bin`, the image's `translator`). It only turns on Node's on-disk
 * compile cache (Node >= 22.1; a no-op before) and then loads the program, so that every module
 * after this one is compiled from the cache from the second run on: start-up is mostly compiling
 * the modules a command loads (issue 14, BENCHMARKS.md). A cache that cannot be written (a
 * read-only temporary directory) only costs the speed-up. NODE_COMPILE_CACHE chooses where it lives.
 */
import module from 'node:module';

(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();
const { run } = await import('./run.js');
process.exitCode = await run(process.argv);
