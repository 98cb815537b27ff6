import { test } from 'node:test';
import assert from 'node:assert/strict';
import { versionLabels } from '../../../src/build-info.js';
import { createLogger, defaultLogFormat, loggedError, prettyLine } from '../../../src/ops/logger.js';
import { Secret } from '../../../src/settings/secret.js';

function capture(format: 'json' | 'pretty') {
  const lines: string[] = [];
  const log = createLogger({ format, destination: { write: (line: string) => lines.push(line) } });
  return { log, lines };
}

test('JSON by default off a terminal, readable on one', () => {
  assert.equal(defaultLogFormat(false), 'json');
  assert.equal(defaultLogFormat(undefined), 'json');
  assert.equal(defaultLogFormat(true), 'pretty');
});

test('JSON lines carry level, time, message and the router and commit of a child logger', () => {
  const { log, lines } = capture('json');
  log.child({ router: 'edge1', commit: 'abc123' }).info({ commands: 3 }, 'deploy done');
  const entry = JSON.parse(lines[0]!);
  assert.equal(entry.level, 'info');
  assert.equal(entry.msg, 'deploy done');
  assert.equal(entry.router, 'edge1');
  assert.equal(entry.commit, 'abc123');
  assert.equal(entry.commands, 3);
  assert.match(entry.time, /^\d{4}-\d\d-\d\dT/);
  assert.equal(entry.pid, undefined);
});

test('secrets never reach a line: credential-named fields are censored, Secret values print ***', () => {
  const { log, lines } = capture('json');
  log.info({ password: 'hunter2', router: { name: 'edge1', enablePassword: 'en4ble' }, token: 'ghp_x', auth: new Secret('s3cret') }, 'connecting');
  log.info({ headers: { 'x-gitlab-token': 'gl-tok' } }, 'webhook');
  const text = lines.join('');
  for (const secret of ['hunter2', 'en4ble', 'ghp_x', 's3cret', 'gl-tok']) assert.doesNotMatch(text, new RegExp(secret));
  assert.equal(JSON.parse(lines[0]!).password, '***');
});

test('pretty lines: time, level, [router commit], message, then the other fields', () => {
  const line = prettyLine(JSON.stringify({ level: 'warn', time: '2026-01-05T08:00:01.234Z', router: 'edge1', commit: 'a'.repeat(40), msg: 'deploy did not apply', result: 'failed', detail: 'line rejected: % Invalid input' }));
  assert.equal(line, `08:00:01.234 WARN  [edge1 ${'a'.repeat(12)}] deploy did not apply result=failed detail="line rejected: % Invalid input"\n`);
  const { log, lines } = capture('pretty');
  log.info('watching Docker');
  assert.match(lines[0]!, /^\d\d:\d\d:\d\d\.\d{3} INFO  watching Docker\n$/);
  assert.equal(prettyLine('not json\n'), 'not json\n');
});

test('credentials inside URLs are cut out of fields and errors (Git quotes remote URLs)', () => {
  const { log, lines } = capture('json');
  log.error({ err: 'fatal: unable to access https://bot:ghp_abc123@github.com/acme/edge.git/' }, 'push failed');
  log.error({ err: new Error('clone of https://oauth2:glpat-xyz@gitlab.example/x.git failed') }, 'cycle failed');
  const text = lines.join('');
  assert.doesNotMatch(text, /ghp_abc123|glpat-xyz/);
  assert.match(text, /https:\/\/\*\*\*@github\.com\/acme\/edge\.git/);
  assert.equal(JSON.parse(lines[1]!).err.message, 'clone of https://***@gitlab.example/x.git failed');
});

test('every line carries the version; every err is { type, message, stack? } whatever was logged', () => {
  const { log, lines } = capture('json');
  log.warn({ err: 'a string' }, 'one');
  log.error({ err: new TypeError('bad type') }, 'two');
  log.warn({ err: loggedError(new RangeError('expected')) }, 'three');
  log.child({ router: 'edge1' }).error(new Error('first argument'));
  const entries = lines.map((line) => JSON.parse(line) as { version: string; err: Record<string, unknown> });
  for (const entry of entries) assert.equal(entry.version, versionLabels().version);
  assert.match(versionLabels().version, /^\d+\.\d+\.\d+/);
  assert.deepEqual(entries[0]!.err, { type: 'Error', message: 'a string' });
  assert.equal(entries[1]!.err.type, 'TypeError');
  assert.match(String(entries[1]!.err.stack), /^TypeError: bad type\n/);
  assert.deepEqual(entries[2]!.err, { type: 'RangeError', message: 'expected' });
  assert.equal(entries[3]!.err.message, 'first argument');
  assert.doesNotMatch(prettyLine(lines[0]!), /version=/);
});
