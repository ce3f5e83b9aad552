/**
The user's config file (DESIGN §9): `<configDir>/config.json`, read once at start with conf 16 and
validated against a JSON Schema (conf's ajv). A broken file is a `ConfigError` naming the file and the
key, never a crash. Only `agents config set` writes it; nothing writes config during a run.
*/
import {existsSync, readFileSync} from 'node:fs';
import Conf from 'conf';
import type {McpServer} from '../model/acp-types.js';
import {configFilePath} from './config-file.js';
import {configDir} from './paths.js';

export {configFilePath} from './config-file.js';

export type AgentDefinition = {
	readonly command: string;
	readonly args?: readonly string[];
	readonly env?: Readonly<Record<string, string>>;
};

export type NotificationSettings = {readonly bell?: boolean; readonly osc?: boolean};

export type AgentsConfig = {
	readonly defaultAgent?: string;
	readonly agents?: Readonly<Record<string, AgentDefinition>>;
	readonly mcpServers?: readonly McpServer[];
	readonly prefix?: string;
	readonly keys?: Readonly<Record<string, string | readonly string[]>>;
	readonly notifications?: NotificationSettings;
	readonly fsScope?: 'cwd' | 'any';
	/** The file this config came from (it may not exist: then every setting is its default). */
	readonly path: string;
};

export class ConfigError extends Error {
	override name = 'ConfigError';
}

type Environment = NodeJS.ProcessEnv;

const stringArray = {type: 'array', items: {type: 'string'}} as const;
const nameValueArray = {
	type: 'array',
	items: {
		type: 'object',
		properties: {name: {type: 'string'}, value: {type: 'string'}},
		required: ['name', 'value'],
		additionalProperties: false,
	},
} as const;

/** JSON Schema of each top-level key (conf's `schema` option: the `properties` of the root). */
export const configSchema = {
	defaultAgent: {type: 'string', minLength: 1},
	agents: {
		type: 'object',
		additionalProperties: {
			type: 'object',
			properties: {
				command: {type: 'string', minLength: 1},
				args: stringArray,
				env: {type: 'object', additionalProperties: {type: 'string'}},
			},
			required: ['command'],
			additionalProperties: false,
		},
	},
	mcpServers: {
		type: 'array',
		items: {
			anyOf: [
				{
					type: 'object',
					properties: {name: {type: 'string', minLength: 1}, command: {type: 'string', minLength: 1}, args: stringArray, env: nameValueArray},
					required: ['name', 'command'],
					additionalProperties: false,
				},
				{
					type: 'object',
					properties: {
						type: {enum: ['http', 'sse']},
						name: {type: 'string', minLength: 1},
						url: {type: 'string', minLength: 1},
						headers: nameValueArray,
					},
					required: ['type', 'name', 'url'],
					additionalProperties: false,
				},
			],
		},
	},
	prefix: {type: 'string', minLength: 1},
	keys: {
		type: 'object',
		additionalProperties: {anyOf: [{type: 'string'}, stringArray]},
	},
	notifications: {
		type: 'object',
		properties: {bell: {type: 'boolean'}, osc: {type: 'boolean'}},
		additionalProperties: false,
	},
	fsScope: {enum: ['cwd', 'any']},
} as const;

export const configKeys = Object.keys(configSchema);

/** Open the conf store (validates the file). Throws `ConfigError` for broken JSON or a schema violation. */
export function openConfigStore(env: Environment = process.env): Conf<Record<string, unknown>> {
	const path = configFilePath(env);
	try {
		return new Conf<Record<string, unknown>>({
			cwd: configDir(env),
			configName: 'config',
			projectSuffix: '',
			// Conf's own types want a schema typed by the store; ours is plain JSON Schema.
			schema: configSchema as never,
			// An unknown top-level key is almost always a typo ("prefx"); say so instead of ignoring it.
			rootSchema: {additionalProperties: false},
		});
	} catch (error) {
		throw toConfigError(error, path);
	}
}

/** Read the config once. A missing file gives the defaults; broken JSON or a schema violation → ConfigError. */
export function loadConfig(env: Environment = process.env): AgentsConfig {
	const path = configFilePath(env);
	// Opening conf on a missing file would create the folder; reading must not write (DESIGN §9).
	if (!existsSync(path)) return {path};
	const store = openConfigStore(env).store;
	return normalize(store, path);
}

/** Value of a dotted key (`notifications.bell`), or undefined when unset. */
export function getConfigValue(key: string, env: Environment = process.env): unknown {
	if (!existsSync(configFilePath(env))) return undefined;
	return openConfigStore(env).get(key);
}

/** Set a dotted key after validating the result against the schema; the file is written atomically by conf. */
export function setConfigValue(key: string, value: unknown, env: Environment = process.env): void {
	const path = configFilePath(env);
	const top = key.split('.')[0] ?? '';
	if (!configKeys.includes(top)) {
		throw new ConfigError(`${path}: "${top}" is not a known setting (known: ${configKeys.join(', ')})`);
	}
	const store = openConfigStore(env);
	try {
		store.set(key, value);
	} catch (error) {
		throw toConfigError(error, path);
	}
}

/** Remove a dotted key. */
export function unsetConfigValue(key: string, env: Environment = process.env): void {
	if (!existsSync(configFilePath(env))) return;
	const path = configFilePath(env);
	const store = openConfigStore(env);
	try {
		store.delete(key);
	} catch (error) {
		throw toConfigError(error, path);
	}
}

/** Parse a command-line value: JSON when it parses (`true`, `3`, `["a"]`, `{"command":"x"}`), else the raw string. */
export function parseConfigValue(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

function normalize(store: Record<string, unknown>, path: string): AgentsConfig {
	// The store was validated by conf against `configSchema`, so these casts only restate the schema.
	const raw = {...store} as Omit<AgentsConfig, 'path'> & {mcpServers?: ReadonlyArray<Record<string, unknown>>};
	const mcpServers = raw.mcpServers?.map((server): McpServer => {
		// ACP requires args/env (stdio) and headers (http/sse); the config may leave them out.
		if ('url' in server) return {...server, headers: server['headers'] ?? []} as McpServer;
		return {...server, args: server['args'] ?? [], env: server['env'] ?? []} as McpServer;
	});
	return {...raw, ...(mcpServers ? {mcpServers} : {}), path};
}

/** Turn conf's errors into one clear line naming the file and each offending key. */
function toConfigError(error: unknown, path: string): ConfigError {
	if (error instanceof ConfigError) return error;
	const message = error instanceof Error ? error.message : String(error);
	if (error instanceof SyntaxError || /not valid JSON/.test(message)) {
		return new ConfigError(`${path}: not valid JSON${jsonErrorPosition(path)}`);
	}
	const violation = /^Config schema violation: (.*)$/s.exec(message);
	if (violation?.[1]) {
		const parts = violation[1].split('; ').map((part) => {
			const match = /^`([^`]*)` (.*)$/s.exec(part);
			if (!match) return part;
			const key = (match[1] ?? '').replaceAll('/', '.');
			const text = match[2] ?? '';
			if (text === 'must NOT have additional properties') return `"${key}" is not a known setting`;
			if (text === 'must be equal to one of the allowed values' && key === 'fsScope') return `"${key}" must be "cwd" or "any"`;
			return `"${key}" ${text}`;
		});
		return new ConfigError(`${path}: ${parts.join('; ')}`);
	}
	return new ConfigError(`${path}: ${message}`);
}

/** Where the JSON breaks, as line and column only: the file's text is not quoted (it may hold secrets). */
function jsonErrorPosition(path: string): string {
	let text: string;
	try {
		text = readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
	} catch {
		return '';
	}
	const offset = jsonErrorOffset(text);
	if (offset === undefined) return '';
	if (offset >= text.length) return ' (unexpected end of file)';
	const before = text.slice(0, offset).split('\n');
	return ` (line ${before.length}, column ${(before.at(-1)?.length ?? 0) + 1})`;
}

/**
Offset of the first JSON syntax error, or undefined when `text` parses. V8's messages quote the text
around the error instead of giving a position, so this small scanner finds it.
*/
export function jsonErrorOffset(text: string): number | undefined {
	let at = 0;
	const fail = (): never => {
		throw at;
	};
	const space = () => {
		while (at < text.length && ' \t\r\n'.includes(text[at] ?? '')) at++;
	};
	const literal = (word: string) => {
		if (text.startsWith(word, at)) at += word.length;
		else fail();
	};
	const string = () => {
		if (text[at] !== '"') fail();
		at++;
		for (;;) {
			const char = text[at];
			if (char === undefined || char < ' ') fail();
			if (char === '"') return void at++;
			if (char === '\\') {
				at++;
				if (text[at] === 'u' && /^[\da-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) at += 5;
				else if ('"\\/bfnrt'.includes(text[at] ?? 'x')) at++;
				else fail();
			} else {
				at++;
			}
		}
	};
	const value = (): void => {
		space();
		const char = text[at];
		if (char === '{' || char === '[') {
			const close = char === '{' ? '}' : ']';
			at++;
			space();
			if (text[at] === close) return void at++;
			for (;;) {
				if (close === '}') {
					space();
					string();
					space();
					if (text[at] !== ':') fail();
					at++;
				}
				value();
				space();
				if (text[at] === ',') at++;
				else if (text[at] === close) return void at++;
				else fail();
			}
		}
		if (char === '"') return string();
		if (char === 't') return literal('true');
		if (char === 'f') return literal('false');
		if (char === 'n') return literal('null');
		const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
		if (!number) fail();
		at += number?.[0].length ?? 0;
	};
	try {
		value();
		space();
		if (at < text.length) fail();
		return undefined;
	} catch (error) {
		if (typeof error === 'number') return error;
		throw error;
	}
}
