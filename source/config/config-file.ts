/**
Where the config file lives, and reading it without loading conf when there is none (DESIGN §9, §10): conf brings
ajv, ajv-formats and semver (~215 KB of the bundle, 25-40 ms of every `attach` measured by bench/tui-bench.ts),
and most users have no config file. config.ts (conf) is loaded only when the file exists.
*/
import {existsSync} from 'node:fs';
import {join} from 'node:path';
import type {AgentsConfig} from './config.js';
import {configDir} from './paths.js';

export function configFilePath(env: NodeJS.ProcessEnv = process.env): string {
	return join(configDir(env), 'config.json');
}

/** `loadConfig` (same result, same ConfigError) that imports conf only when the config file exists. */
export async function loadConfigLazily(env: NodeJS.ProcessEnv = process.env): Promise<AgentsConfig> {
	const path = configFilePath(env);
	if (!existsSync(path)) return {path};
	const {loadConfig} = await import('./config.js');
	return loadConfig(env);
}
