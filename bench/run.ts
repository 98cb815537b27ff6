/** `npm run bench`: every benchmark the issues name, each printing its figures. */
import { benchRender } from './render.js';

const benches: [string, () => Promise<void>][] = [['render (issue 2)', benchRender]];

const only = process.argv[2];
for (const [name, run] of benches) {
  if (only && !name.includes(only)) continue;
  console.log(`\n== ${name}`);
  await run();
}
