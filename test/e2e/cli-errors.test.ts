/** Bad input gets one clear line and exit 1 (DESIGN §8): a missing agent, a broken config. */
import assert from 'node:assert/strict';
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {createCliSandbox, type CliSandbox} from '../helpers/cli-harness.js';

let sandbox: CliSandbox;
before(() => {
	sandbox = createCliSandbox();
});
after(async () => {
	await sandbox.cleanup();
});

test('a preset agent that is not installed: one line naming the command and how to install it', async () => {
	const result = await sandbox.run(['-d', '-a', 'claude'], {env: {...sandbox.env, PATH: '/usr/bin:/bin'}});
	assert.equal(result.code, 1);
	assert.equal(result.stdout, '');
	assert.equal(result.stderr.trim().split('\n').length, 1, result.stderr);
	assert.match(result.stderr, /agent command not found: claude-agent-acp/);
	assert.match(result.stderr, /npm install -g @agentclientprotocol\/claude-agent-acp/);
});

test('a broken config file: one line naming the file and the key; nothing started', async () => {
	mkdirSync(sandbox.configDir, {recursive: true});
	writeFileSync(join(sandbox.configDir, 'config.json'), '{"prefix": 5}');
	const result = await sandbox.run(['-d', '-a', 'demo']);
	assert.equal(result.code, 1);
	assert.equal(result.stderr.trim(), `agents: ${join(sandbox.configDir, 'config.json')}: "prefix" must be string`);
	const ls = await sandbox.run(['ls', '--json']);
	assert.deepEqual(JSON.parse(ls.stdout), {hosts: []});
});
