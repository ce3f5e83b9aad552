import assert from 'node:assert/strict';
import {existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {configFilePath, loadConfigLazily} from '../../source/config/config-file.js';
import {ConfigError, loadConfig} from '../../source/config/config.js';

const root = mkdtempSync(join(tmpdir(), 'agents-config-lazy-'));
after(() => rmSync(root, {recursive: true, force: true}));

function withFile(name: string, content: string): NodeJS.ProcessEnv {
	const dir = join(root, name);
	mkdirSync(dir, {recursive: true});
	writeFileSync(join(dir, 'config.json'), content);
	return {AGENTS_CONFIG_DIR: dir, PATH: ''};
}

test('no config file: the defaults, and nothing is created', async () => {
	const dir = join(root, 'absent');
	const config = await loadConfigLazily({AGENTS_CONFIG_DIR: dir});
	assert.deepEqual(config, {path: join(dir, 'config.json')});
	assert.equal(configFilePath({AGENTS_CONFIG_DIR: dir}), join(dir, 'config.json'));
	assert.equal(existsSync(dir), false);
});

test('a config file is read and validated exactly as loadConfig does', async () => {
	const env = withFile('valid', JSON.stringify({prefix: 'C-a', mcpServers: [{name: 'fs', command: 'mcp-fs'}]}));
	const config = await loadConfigLazily(env);
	assert.deepEqual(config, loadConfig(env));
	assert.equal(config.prefix, 'C-a');
	assert.deepEqual(config.mcpServers, [{name: 'fs', command: 'mcp-fs', args: [], env: []}]);

	const broken = withFile('broken', JSON.stringify({prefx: 'C-a'}));
	await assert.rejects(loadConfigLazily(broken), (error: unknown) => error instanceof ConfigError && /"prefx" is not a known setting/.test(error.message));
});
