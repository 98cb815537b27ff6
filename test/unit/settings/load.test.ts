import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { loadSettings, SettingsError } from '../../../src/settings/load.js';
import { resolveSecret, Secret, SecretError } from '../../../src/settings/secret.js';

/** Every directory these tests make, removed when the file's tests end. */
const made: string[] = [];
after(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));
function tempDir(label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `translator-${label}-`));
  made.push(dir);
  return dir;
}

function repoWith(yaml: string): string {
  const dir = tempDir('settings');
  writeFileSync(join(dir, 'translator.yaml'), yaml);
  return dir;
}

const SEED = {
  IOS_MGMT_IP: '192.0.2.1',
  IOS_USER: 'admin',
  IOS_PASS: 's3cret-pass',
  IOS_ENABLE_PASS: 's3cret-enable',
  OUTSIDE_INTERFACE: 'GigabitEthernet1',
  INSIDE_INTERFACE: 'GigabitEthernet2',
};

test("the seed's environment variables alone describe one router", () => {
  const settings = loadSettings({ repo: '/nonexistent', env: SEED });
  assert.equal(settings.routers.length, 1);
  const [router] = settings.routers;
  assert.equal(router!.name, 'edge1');
  assert.equal(router!.host, '192.0.2.1');
  assert.equal(router!.port, 22, 'IOS_MGMT_PORT defaults to 22');
  assert.equal(router!.username, 'admin');
  assert.deepEqual(router!.password, { env: 'IOS_PASS' }, 'a reference, never the value');
  assert.deepEqual(router!.enablePassword, { env: 'IOS_ENABLE_PASS' });
  assert.ok(!JSON.stringify(settings).includes('s3cret'), 'no secret value inside settings');
  assert.equal(settings.ownership.marker, 'translator:');
  assert.equal(settings.ownership.prefix, 'TRANSLATOR-');
  assert.equal(settings.labels.globalIp, 'global_ip');
});

test('*_FILE variables give secrets from files (Docker secrets) and win over the plain variable', () => {
  const dir = tempDir('secret');
  writeFileSync(join(dir, 'pass'), 'from-file\n');
  const settings = loadSettings({ repo: dir, env: { ...SEED, IOS_PASS_FILE: join(dir, 'pass') } });
  assert.deepEqual(settings.routers[0]!.password, { file: join(dir, 'pass') });
  assert.equal(resolveSecret(settings.routers[0]!.password!).reveal(), 'from-file', 'trailing newline dropped');
});

test('environment overrides translator.yaml', () => {
  const repo = repoWith('routers:\n  - name: edge7\n    host: 198.51.100.1\n    port: 2222\n    inside: Gi2\n    outside: Gi1\n');
  const settings = loadSettings({ repo, env: { IOS_MGMT_IP: '192.0.2.9', IOS_MGMT_PORT: '830' } });
  assert.equal(settings.routers[0]!.name, 'edge7');
  assert.equal(settings.routers[0]!.host, '192.0.2.9');
  assert.equal(settings.routers[0]!.port, 830);
  assert.equal(settings.routers[0]!.inside, 'GigabitEthernet2', 'abbreviations are stored as the device prints them');
});

test('interface names: abbreviations expand, unknown or ambiguous types are errors', () => {
  const withInside = (inside: string) => loadSettings({ repo: '/nonexistent', env: { ...SEED, INSIDE_INTERFACE: inside } }).routers[0]!.inside;
  assert.equal(withInside('te0/0/1'), 'TenGigabitEthernet0/0/1');
  assert.equal(withInside('Port-channel1'), 'Port-channel1');
  assert.throws(() => withInside('Wat2'), /INSIDE_INTERFACE: unknown or ambiguous interface type in "Wat2"/);
  assert.throws(() => withInside('T2'), /unknown or ambiguous interface type in "T2"/);
});

test('several routers: IOS_* variables need ROUTER_NAME to say which router they describe', () => {
  const repo = repoWith(
    'routers:\n  - {name: edge1, inside: Gi2, outside: Gi1}\n  - {name: edge2, inside: Gi2, outside: Gi1}\n',
  );
  assert.throws(() => loadSettings({ repo, env: { IOS_MGMT_IP: '192.0.2.1' } }), /set ROUTER_NAME to say which one/);
  const settings = loadSettings({ repo, env: { IOS_MGMT_IP: '192.0.2.1', ROUTER_NAME: 'edge2' } });
  assert.equal(settings.routers[1]!.host, '192.0.2.1');
  assert.equal(settings.routers[0]!.host, undefined);
});

test('several routers with their own variables: a variable the file names in {env: …} is read there, never applied as IOS_* override', () => {
  // The repo-example as teams grow it: edge1 kept the seed's names, edge2 got its own.
  const repo = repoWith(
    'routers:\n' +
      '  - {name: edge1, inside: Gi2, outside: Gi1, username: {env: IOS_USER}, password: {env: IOS_PASS}, enablePassword: {env: IOS_ENABLE_PASS}}\n' +
      '  - {name: edge2, inside: Gi2, outside: Gi1, username: {env: EDGE2_USER}, password: {env: EDGE2_PASS}}\n',
  );
  const dir = tempDir('edge2-secret');
  writeFileSync(join(dir, 'pass'), 'edge2-from-file\n');
  const env = { IOS_USER: 'admin', IOS_PASS: 'edge1-pass', IOS_ENABLE_PASS: 'edge1-enable', IOS_PASS_FILE: '', EDGE2_USER: 'ops', EDGE2_PASS_FILE: join(dir, 'pass') };
  const settings = loadSettings({ repo, env });
  const [edge1, edge2] = settings.routers;
  assert.deepEqual([edge1!.username, edge1!.password, edge2!.username, edge2!.password], [{ env: 'IOS_USER' }, { env: 'IOS_PASS' }, { env: 'EDGE2_USER' }, { env: 'EDGE2_PASS' }]);
  assert.equal(resolveSecret(edge1!.password!, env).reveal(), 'edge1-pass');
  assert.equal(resolveSecret(edge2!.password!, env).reveal(), 'edge2-from-file', 'EDGE2_PASS_FILE stands in for EDGE2_PASS');
  // A variable the file does not name still describes "the" router: with two, ROUTER_NAME says which.
  assert.throws(() => loadSettings({ repo, env: { ...env, IOS_MGMT_IP: '192.0.2.1' } }), /IOS_MGMT_IP set, but translator\.yaml declares 2 routers: set ROUTER_NAME/);
  // IOS_PASS_FILE for a file that reads {env: IOS_PASS} is that reference's file, not an override either.
  writeFileSync(join(dir, 'edge1'), 'edge1-from-file\n');
  const fromFiles = { ...env, IOS_PASS: '', IOS_PASS_FILE: join(dir, 'edge1') };
  assert.deepEqual(loadSettings({ repo, env: fromFiles }).routers[0]!.password, { env: 'IOS_PASS' });
  assert.equal(resolveSecret({ env: 'IOS_PASS' }, fromFiles).reveal(), 'edge1-from-file');
});

test('{env: VAR} with VAR_FILE: read from the file; both set, or neither, is an error naming both', () => {
  const dir = tempDir('var-file');
  writeFileSync(join(dir, 'pass'), 'from-file\n');
  writeFileSync(join(dir, 'empty'), '\n');
  assert.equal(resolveSecret({ env: 'EDGE1_PASS' }, { EDGE1_PASS_FILE: join(dir, 'pass') }).reveal(), 'from-file');
  assert.throws(() => resolveSecret({ env: 'EDGE1_PASS' }, { EDGE1_PASS: 'x', EDGE1_PASS_FILE: join(dir, 'pass') }), /both EDGE1_PASS and EDGE1_PASS_FILE are set/);
  assert.throws(() => resolveSecret({ env: 'EDGE1_PASS' }, {}), /environment variable EDGE1_PASS is not set \(nor EDGE1_PASS_FILE\)/);
  assert.throws(() => resolveSecret({ env: 'EDGE1_PASS' }, { EDGE1_PASS_FILE: join(dir, 'missing') }), new RegExp(`cannot read secret from file ${join(dir, 'missing')} \\(EDGE1_PASS_FILE\\) \\(ENOENT\\)`));
  assert.throws(() => resolveSecret({ env: 'EDGE1_PASS' }, { EDGE1_PASS_FILE: join(dir, 'empty') }), /secret missing: file .*empty \(EDGE1_PASS_FILE\) is empty/);
});

const invalid: [string, string, RegExp][] = [
  ['an unknown key', 'routerz: []\n', /translator\.yaml: \(top level\): Unrecognized key: "routerz"/],
  ['an unknown nested key', 'ownership:\n  markr: x\n', /ownership: Unrecognized key: "markr"/],
  ['a wrong type', 'routers:\n  - {name: edge1, inside: Gi2, outside: Gi1, port: "22"}\n', /routers\[0\]\.port: Invalid input: expected number, received string/],
  ['a missing value', 'routers:\n  - {name: edge1, inside: Gi2}\n', /routers\[0\]\.outside: Invalid input: expected string, received undefined/],
  ['a literal password', 'routers:\n  - {name: edge1, inside: Gi2, outside: Gi1, password: hunter2}\n', /routers\[0\]\.password: expected \{env: VARIABLE\} or \{file: PATH\}/],
  ['a bad interface name', 'routers:\n  - {name: edge1, inside: "Gi2\\nshutdown", outside: Gi1}\n', /routers\[0\]\.inside: an interface name is/],
  ['a bad pool', 'pools: [10.0.1.0/33]\n', /pools\[0\]: expected an IPv4 prefix/],
  ['a bad marker', 'ownership:\n  marker: " x"\n', /ownership\.marker: the ownership marker/],
  ['a remote name that is an option', 'git:\n  remote: "--upload-pack=touch /tmp/pwned"\n', /git\.remote: the remote "--upload-pack=touch \/tmp\/pwned" begins with "-"/],
  ['a branch name git refuses', 'git:\n  branch: "main..x"\n', /git\.branch: the branch name "main\.\.x" contains "\.\."/],
  ['a records branch that is an option', 'deploy:\n  recordsBranch: "-f"\n', /deploy\.recordsBranch: the branch name "-f" begins with "-"/],
  ['a deploy branch with a space', 'deploy:\n  branch: "a b"\n', /deploy\.branch: the branch name "a b" contains a space/],
  ['a review base ending in .lock', 'review:\n  base: "main.lock"\n', /review\.base: the branch name "main\.lock" has a part that ends with "\.lock"/],
  ['a webhook branch of HEAD', 'webhook:\n  branch: HEAD\n', /webhook\.branch: the branch name "HEAD" is "HEAD"/],
  ['records on the deploy branch', 'git:\n  branch: main\ndeploy:\n  recordsBranch: main\n', /deploy\.recordsBranch: "main" is also git\.branch: deploy records would be committed onto it/],
  ['review commits on the main line', 'git:\n  branch: prod\nreview:\n  branch: prod\n', /review\.branch: "prod" is also git\.branch: unreviewed commits would land/],
  ['a records branch inside the main line', 'deploy:\n  recordsBranch: main/records\n', /deploy\.recordsBranch: "main\/records" cannot be a branch beside git\.branch \(by default\) "main"/],
  ['records on the default review branch (watch --review commits there)', 'deploy:\n  recordsBranch: translator/review\n', /deploy\.recordsBranch: "translator\/review" is also review\.branch \(by default\): deploy records would be committed onto it/],
  ['not YAML', 'routers: [\n', /not valid YAML/],
  ['a list at the top', '- a\n', /expected a mapping of settings at the top level/],
];

for (const [what, yaml, message] of invalid) {
  test(`translator.yaml with ${what} is an error naming its path and what was expected`, () => {
    const repo = repoWith(yaml);
    assert.throws(() => loadSettings({ repo, env: {} }), (error: unknown) => {
      assert.ok(error instanceof SettingsError);
      assert.match(error.message, message);
      return true;
    });
  });
}

test('a literal secret in translator.yaml is an error even when the environment names the secret too', () => {
  for (const [key, variable] of [['password', 'IOS_PASS'], ['password', 'IOS_PASS_FILE'], ['enablePassword', 'IOS_ENABLE_PASS'], ['enablePassword', 'IOS_ENABLE_PASS_FILE']] as const) {
    const repo = repoWith(`routers:\n  - {name: edge1, inside: Gi2, outside: Gi1, ${key}: hunter2}\n`);
    const { IOS_PASS: _pass, IOS_ENABLE_PASS: _enable, ...rest } = SEED;
    assert.throws(() => loadSettings({ repo, env: { ...rest, [variable]: 'from-env' } }), (error: unknown) => {
      assert.ok(error instanceof SettingsError);
      assert.match(error.message, new RegExp(`translator\\.yaml: routers\\[0\\]\\.${key}: a secret is written in the file \\(${variable} is set too`));
      assert.ok(!error.message.includes('hunter2'), 'the message never repeats the secret');
      return true;
    });
  }
  // A reference in the file, replaced by the environment, is fine.
  const repo = repoWith('routers:\n  - {name: edge1, inside: Gi2, outside: Gi1, password: {env: EDGE1_PASS}}\n');
  assert.deepEqual(loadSettings({ repo, env: SEED }).routers[0]!.password, { env: 'IOS_PASS' });
});

test('an environment value with the wrong form names the variable', () => {
  assert.throws(() => loadSettings({ repo: '/nonexistent', env: { ...SEED, IOS_MGMT_PORT: 'ssh' } }), /IOS_MGMT_PORT: Invalid input: expected number/);
  assert.throws(() => loadSettings({ repo: '/nonexistent', env: { ...SEED, INSIDE_INTERFACE: 'Gi2 vrf x' } }), /INSIDE_INTERFACE: an interface name is/);
});

test('an explicitly named settings file must exist', () => {
  assert.throws(() => loadSettings({ repo: '/nonexistent', file: '/nonexistent/t.yaml', env: {} }), /cannot read settings \/nonexistent\/t\.yaml: ENOENT/);
});

test('a Secret never prints its value', () => {
  const secret = new Secret('hunter2');
  for (const text of [`${secret}`, JSON.stringify({ secret }), inspect(secret), inspect({ nested: { secret } }), String(secret)]) {
    assert.ok(!text.includes('hunter2'), text);
  }
  assert.equal(secret.reveal(), 'hunter2');
});

test('a missing secret names its source, not a value', () => {
  assert.throws(() => resolveSecret({ env: 'NOPE' }, {}), (error: unknown) => error instanceof SecretError && /environment variable NOPE is not set/.test(error.message));
  assert.throws(() => resolveSecret({ file: '/nonexistent/secret' }), /cannot read secret from file \/nonexistent\/secret \(ENOENT\)/);
});

test('git author and committer: the committer defaults to the author and can differ', () => {
  const plain = loadSettings({ repo: '/nonexistent', env: SEED });
  assert.deepEqual(plain.git.committer, plain.git.author);
  const repo = repoWith('git:\n  author: {name: Docker Hosts, email: hosts@example.net}\n  committer: {name: ci-bot, email: bot@example.net}\n');
  const split = loadSettings({ repo, env: SEED });
  assert.deepEqual(split.git.author, { name: 'Docker Hosts', email: 'hosts@example.net' });
  assert.deepEqual(split.git.committer, { name: 'ci-bot', email: 'bot@example.net' });
});

test('a router marked `decommission: true` leaves `routers` for `decommissioned`; the environment still reaches it by name', () => {
  const repo = repoWith(
    [
      'routers:',
      '  - {name: edge1, inside: Gi2, outside: Gi1}',
      '  - {name: edge2, inside: Gi2, outside: Gi1, host: 192.0.2.2, decommission: true}',
    ].join('\n'),
  );
  const settings = loadSettings({ repo, env: { ROUTER_NAME: 'edge2', IOS_PASS: 'from-env' } });
  assert.deepEqual(settings.routers.map((r) => r.name), ['edge1']);
  assert.deepEqual(settings.decommissioned.map((r) => [r.name, r.host, r.inside]), [['edge2', '192.0.2.2', 'GigabitEthernet2']]);
  assert.deepEqual(settings.decommissioned[0]!.password, { env: 'IOS_PASS' });
  assert.throws(() => loadSettings({ repo: repoWith('routers:\n  - {name: edge1, inside: Gi2, outside: Gi1, decommission: yes-please}\n') }), /routers\[0\]\.decommission/);
});
