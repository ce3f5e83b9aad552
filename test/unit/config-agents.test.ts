import assert from 'node:assert/strict';
import {chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {agentPresets, findOnPath, resolveAgent} from '../../source/config/agents.js';
import {ConfigError, type AgentsConfig} from '../../source/config/config.js';

const root = mkdtempSync(join(tmpdir(), 'agents-presets-test-'));
after(() => rmSync(root, {recursive: true, force: true}));

/** A PATH folder holding fake executables with the given names. */
function binDir(name: string, commands: readonly string[]): string {
	const dir = join(root, name);
	mkdirSync(dir, {recursive: true});
	for (const command of commands) {
		writeFileSync(join(dir, command), '#!/bin/sh\nexit 0\n');
		chmodSync(join(dir, command), 0o755);
	}
	return dir;
}

const demoCommand = {command: '/usr/bin/node', args: ['dist/cli.js', '__demo-agent']};
const config: AgentsConfig = {path: '/cfg/config.json', agents: {mine: {command: 'my-agent', args: ['--acp'], env: {K: 'v'}}}};

test('presets launch the agents the way they document', () => {
	assert.deepEqual(agentPresets['claude'], {command: 'claude-agent-acp', args: [], package: '@agentclientprotocol/claude-agent-acp'});
	assert.equal(agentPresets['gemini']?.command, 'gemini');
	assert.deepEqual(agentPresets['gemini']?.args, ['--acp']);
	assert.deepEqual(agentPresets['codex'], {command: 'codex-acp', args: [], package: '@zed-industries/codex-acp'});
	assert.deepEqual([agentPresets['opencode']?.command, ...(agentPresets['opencode']?.args ?? [])], ['opencode', 'acp']);
	assert.equal(agentPresets['demo'], undefined, 'demo is built in, not a preset command');
});

test('a command line wins over everything, named by its basename', () => {
	const resolved = resolveAgent({...config, defaultAgent: 'mine'}, {agent: 'claude', commandLine: ['/opt/x/bin/foo-acp', '--stdio'], demoCommand, env: {PATH: ''}});
	assert.deepEqual(resolved, {name: 'foo-acp', command: '/opt/x/bin/foo-acp', args: ['--stdio'], env: {}, demoFallback: false});
});

test('--agent: configured, then preset, then demo; unknown lists known names', () => {
	assert.deepEqual(resolveAgent(config, {agent: 'mine', demoCommand, env: {PATH: ''}}), {name: 'mine', command: 'my-agent', args: ['--acp'], env: {K: 'v'}, demoFallback: false});
	const gemini = resolveAgent(config, {agent: 'gemini', demoCommand, env: {PATH: ''}});
	assert.equal(gemini.command, 'gemini');
	assert.deepEqual(gemini.args, ['--acp']);
	const demo = resolveAgent(config, {agent: 'demo', demoCommand, env: {PATH: ''}});
	assert.deepEqual(demo, {name: 'demo', command: demoCommand.command, args: demoCommand.args, env: {}, demoFallback: false});
	// A configured agent may shadow a preset name.
	const shadow = resolveAgent({path: '/c', agents: {claude: {command: 'my-claude'}}}, {agent: 'claude', demoCommand, env: {PATH: ''}});
	assert.equal(shadow.command, 'my-claude');
	assert.throws(() => resolveAgent(config, {agent: 'nope', demoCommand}), (error: unknown) => {
		assert.ok(error instanceof ConfigError);
		assert.match(error.message, /unknown agent "nope"/);
		assert.match(error.message, /known: mine, claude, gemini, codex, opencode, demo/);
		return true;
	});
});

test('defaultAgent comes next; an unknown default names the config file and key', () => {
	const path = binDir('with-codex', ['codex-acp']);
	assert.equal(resolveAgent({...config, defaultAgent: 'mine'}, {demoCommand, env: {PATH: path}}).name, 'mine');
	assert.throws(() => resolveAgent({...config, defaultAgent: 'ghost'}, {demoCommand, env: {PATH: path}}), {
		name: 'ConfigError',
		message: /^\/cfg\/config\.json: "defaultAgent" names an unknown agent "ghost"/,
	});
});

test('then the first preset found on PATH, in preset order', () => {
	const some = binDir('some', ['opencode', 'codex-acp']);
	const resolved = resolveAgent(config, {demoCommand, env: {PATH: `/nonexistent:${some}`}});
	assert.deepEqual(resolved, {name: 'codex', command: 'codex-acp', args: [], env: {}, demoFallback: false});
	const both = binDir('both', ['gemini']);
	assert.equal(resolveAgent(config, {demoCommand, env: {PATH: `${some}:${both}`}}).name, 'gemini');
	// A non-executable file of the right name does not count.
	const plain = join(root, 'plain');
	mkdirSync(plain);
	writeFileSync(join(plain, 'claude-agent-acp'), '');
	assert.equal(findOnPath('claude-agent-acp', {PATH: plain}), undefined);
	assert.equal(findOnPath('codex-acp', {PATH: some}), join(some, 'codex-acp'));
});

test('under this project\'s own npm scripts, its node_modules/.bin (the agents the tests drive) is not searched', () => {
	const devBin = binDir(join('checkout', 'node_modules', '.bin'), ['codex-acp', 'gemini']);
	const userBin = binDir('user-bin', ['opencode']);
	const env = {PATH: `${devBin}:${userBin}`, npm_package_name: 'agents-mux'};
	assert.equal(resolveAgent(config, {demoCommand, env}).name, 'opencode');
	assert.equal(resolveAgent(config, {demoCommand, env: {PATH: devBin, npm_package_name: 'agents-mux'}}).name, 'demo');
	// Another project's scripts, or no npm at all: its node_modules/.bin is the user's own choice.
	assert.equal(resolveAgent(config, {demoCommand, env: {PATH: devBin, npm_package_name: 'their-app'}}).name, 'gemini');
	assert.equal(resolveAgent(config, {demoCommand, env: {PATH: devBin}}).name, 'gemini');
});

test('else the demo agent with a banner saying why and how to configure one', () => {
	const resolved = resolveAgent({path: '/c'}, {demoCommand, env: {PATH: join(root, 'empty')}});
	assert.equal(resolved.name, 'demo');
	assert.equal(resolved.command, demoCommand.command);
	assert.deepEqual(resolved.args, demoCommand.args);
	assert.equal(resolved.demoFallback, true);
	assert.match(resolved.banner ?? '', /No agent configured or found/);
	assert.match(resolved.banner ?? '', /agents config set defaultAgent/);
});
