import assert from 'node:assert/strict';
import {existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {ConfigError, jsonErrorOffset, loadConfig, setConfigValue} from '../../source/config/config.js';
import {configCommand} from '../../source/commands/config.js';

const root = mkdtempSync(join(tmpdir(), 'agents-config-test-'));
after(() => rmSync(root, {recursive: true, force: true}));
let counter = 0;

/** A fresh AGENTS_CONFIG_DIR, optionally holding `config.json` with `content`. */
function configEnv(content?: string): {env: NodeJS.ProcessEnv; dir: string; file: string} {
	const dir = join(root, `c${counter++}`);
	mkdirSync(dir, {recursive: true});
	const file = join(dir, 'config.json');
	if (content !== undefined) writeFileSync(file, content);
	return {env: {AGENTS_CONFIG_DIR: dir, PATH: ''}, dir, file};
}

function capture() {
	let text = '';
	return {write: (chunk: string) => (text += chunk), get text() { return text; }};
}

test('a missing file gives defaults and is not created', () => {
	const dir = join(root, 'never-created');
	const config = loadConfig({AGENTS_CONFIG_DIR: dir});
	assert.equal(config.path, join(dir, 'config.json'));
	assert.equal(config.prefix, undefined);
	assert.equal(existsSync(dir), false);
});

test('AGENTS_CONFIG_DIR is respected and a valid file is read', () => {
	const {env, file} = configEnv(JSON.stringify({
		defaultAgent: 'mine',
		agents: {mine: {command: '/bin/true', args: ['-x'], env: {A: 'b'}}},
		prefix: 'C-a',
		keys: {'session.new': 'c', 'pane.split': ['%', '"']},
		notifications: {bell: false},
		fsScope: 'any',
		mcpServers: [{name: 'fs', command: 'mcp-fs'}, {type: 'http', name: 'web', url: 'http://localhost:1'}],
	}));
	const config = loadConfig(env);
	assert.equal(config.path, file);
	assert.equal(config.defaultAgent, 'mine');
	assert.deepEqual(config.agents?.['mine'], {command: '/bin/true', args: ['-x'], env: {A: 'b'}});
	assert.equal(config.prefix, 'C-a');
	assert.deepEqual(config.keys?.['pane.split'], ['%', '"']);
	assert.equal(config.notifications?.bell, false);
	assert.equal(config.fsScope, 'any');
	// ACP needs args/env on stdio servers and headers on http ones; loading fills them in.
	assert.deepEqual(config.mcpServers, [
		{name: 'fs', command: 'mcp-fs', args: [], env: []},
		{type: 'http', name: 'web', url: 'http://localhost:1', headers: []},
	]);
});

test('broken JSON is a ConfigError naming the file', () => {
	const {env, file} = configEnv('{"prefix": "C-a",\n  "keys": }');
	assert.throws(() => loadConfig(env), (error: unknown) => {
		assert.ok(error instanceof ConfigError);
		assert.ok(error.message.startsWith(`${file}: not valid JSON`), error.message);
		assert.match(error.message, /line 2/);
		return true;
	});
});

test('a schema violation names the file and the key', () => {
	const {env, file} = configEnv(JSON.stringify({prefix: 3}));
	assert.throws(() => loadConfig(env), {name: 'ConfigError', message: `${file}: "prefix" must be string`});
	const nested = configEnv(JSON.stringify({agents: {x: {args: ['a']}}, fsScope: 'home'}));
	assert.throws(() => loadConfig(nested.env), (error: unknown) => {
		assert.ok(error instanceof ConfigError);
		assert.match(error.message, /"agents\.x" must have required property 'command'/);
		assert.match(error.message, /"fsScope" must be "cwd" or "any"/);
		assert.ok(error.message.startsWith(nested.file));
		return true;
	});
	const typo = configEnv(JSON.stringify({prefx: 'C-a'}));
	assert.throws(() => loadConfig(typo.env), {message: `${typo.file}: "prefx" is not a known setting`});
});

test('setConfigValue validates before writing', () => {
	const {env, file} = configEnv();
	setConfigValue('prefix', 'C-a', env);
	setConfigValue('notifications.bell', true, env);
	assert.deepEqual(JSON.parse(readFileSync(file, 'utf8')), {prefix: 'C-a', notifications: {bell: true}});
	assert.throws(() => setConfigValue('fsScope', 'everywhere', env), {name: 'ConfigError', message: /"fsScope"/});
	assert.throws(() => setConfigValue('colour', 'red', env), {name: 'ConfigError', message: /"colour" is not a known setting/});
	assert.equal(loadConfig(env).fsScope, undefined);
});

test('agents config path/get/set/agents', async () => {
	const {env, file} = configEnv();
	const out = capture();
	const err = capture();
	assert.equal(await configCommand(['path'], {stdout: out, stderr: err, env}), 0);
	assert.equal(out.text, `${file}\n`);
	assert.equal(await configCommand(['set', 'agents.mine', '{"command":"/bin/sh","args":["-c","true"]}'], {stdout: out, stderr: err, env}), 0);
	assert.equal(await configCommand(['set', 'defaultAgent', 'mine'], {stdout: out, stderr: err, env}), 0);
	const got = capture();
	assert.equal(await configCommand(['get', 'agents.mine.command'], {stdout: got, stderr: err, env}), 0);
	assert.equal(got.text, '/bin/sh\n');
	const bad = capture();
	assert.equal(await configCommand(['set', 'notifications.bell', 'loud'], {stdout: out, stderr: bad, env}), 1);
	assert.match(bad.text, /"notifications\.bell" must be boolean/);
	assert.ok(bad.text.includes(file));
	const listed = capture();
	assert.equal(await configCommand(['agents'], {stdout: listed, stderr: err, env}), 0);
	assert.match(listed.text, /mine \(default\): \/bin\/sh -c true {2}\[found: \/bin\/sh\]/);
	assert.match(listed.text, /claude: claude-agent-acp {2}\[not found on PATH; install: npm i -g @agentclientprotocol\/claude-agent-acp\]/);
	assert.match(listed.text, /demo: built in/);
	assert.equal(await configCommand(['bogus'], {stdout: out, stderr: err, env}), 2);
	const unset = capture();
	assert.equal(await configCommand(['get', 'prefix'], {stdout: out, stderr: unset, env}), 1);
	assert.match(unset.text, /"prefix" is not set/);
});

test('agents config reports a broken file on one line with exit 1', async () => {
	const {env, file} = configEnv('{nope');
	const err = capture();
	assert.equal(await configCommand(['agents'], {stdout: capture(), stderr: err, env}), 1);
	assert.equal(err.text.trim().split('\n').length, 1);
	assert.ok(err.text.startsWith(`agents: ${file}: not valid JSON`), err.text);
});

test('jsonErrorOffset agrees with JSON.parse', () => {
	for (const good of ['{}', '[1, -2.5e3, "a\\n\\u00e9", true, false, null, {"a": []}]', ' "x" ']) {
		assert.equal(jsonErrorOffset(good), undefined, good);
		JSON.parse(good);
	}
	assert.equal(jsonErrorOffset('{"a": }'), 6);
	assert.equal(jsonErrorOffset('{"a": 1,}'), 8);
	assert.equal(jsonErrorOffset('[1 2]'), 3);
	assert.equal(jsonErrorOffset('{"a"'), 4);
	assert.equal(jsonErrorOffset('01'), 1);
});
