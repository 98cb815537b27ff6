// Regenerates repo-example/routers/*/ (intended.cfg, state.json) with the real CLI from the
// seed's example state (src/cli/example-state.ts), under repo-example/translator.yaml:
//   node --import tsx scripts/update-repo-example.ts
// test/integration/repo-example.test.ts fails when the committed files are not what this writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLE_STATE } from '../src/cli/example-state.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), 'translator-repo-example-'));
try {
  const state = join(scratch, 'docker-state.json');
  writeFileSync(state, JSON.stringify(EXAMPLE_STATE, null, 2));
  // Only the example's own settings: no IOS_* or DOCKER_HOST of the caller's shell.
  const env = { PATH: process.env.PATH, HOME: process.env.HOME };
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'render', '--repo', join(root, 'repo-example'), '--state', state], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
