// `plan --repo DIR --router R` reads routers/<R>/intended.cfg: a router name that climbs out of
// routers/ is refused before anything is read (issue 11 item 3), even when the file it would
// reach exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../../helpers/cli.js';
import { tempDir } from '../../helpers/git.js';

const INTENDED = 'interface GigabitEthernet1\n ip nat outside\n!\nend\n';

test('plan --router ../x is refused, naming the router, and reads nothing outside routers/', async (t) => {
  const tmp = tempDir('plan-paths');
  t.after(tmp.remove);
  const repo = join(tmp.dir, 'repo');
  mkdirSync(join(repo, 'routers', 'edge1'), { recursive: true });
  writeFileSync(join(repo, 'routers', 'edge1', 'intended.cfg'), INTENDED);
  // What `routers/../x/intended.cfg` would read: a file outside routers/.
  mkdirSync(join(repo, 'x'));
  writeFileSync(join(repo, 'x', 'intended.cfg'), INTENDED);
  const running = join(tmp.dir, 'running.cfg');
  writeFileSync(running, 'interface GigabitEthernet1\n!\nend\n');

  const args = ['plan', '--running', running, '--repo', repo, '--inside', 'Gi2', '--outside', 'Gi1'];
  const refused = await runCli([...args, '--router', '../x']);
  assert.equal(refused.code, 1, refused.stderr);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /^translator: router name "\.\.\/x" cannot be used as a directory/);

  const inside = await runCli([...args, '--router', 'edge1']);
  assert.equal(inside.code, 0, inside.stderr);
  assert.equal(inside.stdout, 'interface GigabitEthernet1\n ip nat outside\nexit\n');
});
