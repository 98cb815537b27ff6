import { test } from 'node:test';
import assert from 'node:assert/strict';
import { configPromptAtEnd, execPromptAtEnd, findLinePrompt } from '../../../src/device/prompt.js';

test('login prompt is found after a banner, in user or privileged EXEC', () => {
  const banner = '\n\n**************\n* Authorised access only # >\n**************\n\nedge1>';
  assert.deepEqual(execPromptAtEnd(banner), { start: banner.length - 6, end: banner.length, mode: 'user', host: 'edge1' });
  assert.equal(execPromptAtEnd('router-core.example#')?.mode, 'privileged');
  assert.equal(execPromptAtEnd('router-core.example#')?.host, 'router-core.example');
  assert.equal(execPromptAtEnd('edge1#show run\nBuilding configuration...'), undefined);
});

test('an EXEC prompt for a known host does not match another hostname', () => {
  assert.equal(execPromptAtEnd('show clock\n12:00\nedge1#', 'edge1')?.start, 17);
  assert.equal(execPromptAtEnd('show clock\n12:00\nedge2#', 'edge1'), undefined);
  assert.equal(execPromptAtEnd('x\nedge1.lab#', 'edge1'), undefined, 'a longer name with the same start is another host');
});

test('config prompts match whatever the hostname shows (changed or truncated)', () => {
  assert.equal(configPromptAtEnd('configure terminal\nEnter configuration commands, one per line.  End with CNTL/Z.\nedge1(config)#')?.host, 'edge1');
  // IOS truncates a long hostname in config-mode prompts.
  const truncated = configPromptAtEnd('conf t\nthis-is-a-very-long-(config)#');
  assert.equal(truncated?.mode, 'config');
  assert.equal(truncated?.submode, 'config');
  assert.equal(configPromptAtEnd('x\nnewname(config-subif)#')?.submode, 'config-subif');
});

test('line prompts are found at line starts with the next echo after them', () => {
  const stream =
    'ip nat inside source static 192.168.1.1 10.0.1.1\n' +
    'edge1(config)#interface GigabitEthernet2.10\n' +
    'edge1(config-subif)#';
  const first = findLinePrompt(stream, 0, 'edge1');
  assert.equal(stream.slice(first!.start, first!.end), 'edge1(config)#');
  const second = findLinePrompt(stream, first!.end, 'edge1');
  assert.equal(second?.submode, 'config-subif');
  assert.equal(findLinePrompt(stream, second!.end, 'edge1'), undefined);
});

test('a hostname change inside the push keeps prompts recognised', () => {
  const stream = 'hostname core-router-with-a-long-name\ncore-router-with-a(config)#';
  assert.equal(findLinePrompt(stream, 0, 'edge1')?.host, 'core-router-with-a');
});

test('leaving config mode shows as an EXEC prompt of the known host', () => {
  const prompt = findLinePrompt('exit\nedge1#ip nat inside source static 1.1.1.1 2.2.2.2\n', 0, 'edge1');
  assert.equal(prompt?.mode, 'privileged');
});

test('output that merely contains # or ( ) is not a prompt', () => {
  assert.equal(findLinePrompt('banner text (config)# is here\n  indented(config)#x\n', 0, 'edge1'), undefined);
  assert.equal(findLinePrompt('% Invalid input\nsomething#else\n', 0, 'edge1'), undefined);
});
