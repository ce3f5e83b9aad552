/**
`agents config [path|get KEY|set KEY VALUE|unset KEY|agents]` (DESIGN §8, §9). Thin: parse → config module → print.
*/
import {existsSync, readFileSync} from 'node:fs';
import {agentPresets, demoAgentName, findOnPath} from '../config/agents.js';
import {ConfigError, configFilePath, getConfigValue, loadConfig, parseConfigValue, setConfigValue, unsetConfigValue} from '../config/config.js';

type Output = {write(text: string): unknown};
export type ConfigCommandIo = {readonly stdout?: Output; readonly stderr?: Output; readonly env?: NodeJS.ProcessEnv};

const usage = `usage: agents config [path | get KEY | set KEY VALUE | unset KEY | agents]
  KEY is dotted (notifications.bell, agents.mine.command); VALUE is JSON when it parses, else a string.`;

export async function configCommand(input: readonly string[], io: ConfigCommandIo = {}): Promise<number> {
	const stdout = io.stdout ?? process.stdout;
	const stderr = io.stderr ?? process.stderr;
	const env = io.env ?? process.env;
	const [sub, ...rest] = input;
	try {
		switch (sub) {
			case undefined: {
				const path = configFilePath(env);
				stdout.write(`${path}\n`);
				stdout.write(existsSync(path) ? ensureNewline(readFileSync(path, 'utf8')) : '(no config file: every setting has its default)\n');
				loadConfig(env); // validate, so a broken file is reported here too
				return 0;
			}
			case 'path': {
				if (rest.length > 0) return usageError(stderr);
				stdout.write(`${configFilePath(env)}\n`);
				return 0;
			}
			case 'get': {
				if (rest.length !== 1) return usageError(stderr);
				const key = rest[0] ?? '';
				const value = getConfigValue(key, env);
				if (value === undefined) {
					stderr.write(`agents: config: "${key}" is not set\n`);
					return 1;
				}
				stdout.write(`${typeof value === 'string' ? value : JSON.stringify(value, undefined, 2)}\n`);
				return 0;
			}
			case 'set': {
				if (rest.length < 2) return usageError(stderr);
				const [key = '', ...values] = rest;
				setConfigValue(key, parseConfigValue(values.join(' ')), env);
				return 0;
			}
			case 'unset': {
				if (rest.length !== 1) return usageError(stderr);
				unsetConfigValue(rest[0] ?? '', env);
				return 0;
			}
			case 'agents': {
				if (rest.length > 0) return usageError(stderr);
				stdout.write(listAgents(env));
				return 0;
			}
			default: {
				return usageError(stderr);
			}
		}
	} catch (error) {
		if (error instanceof ConfigError) {
			stderr.write(`agents: ${error.message}\n`);
			return 1;
		}
		throw error;
	}
}

function listAgents(env: NodeJS.ProcessEnv): string {
	const config = loadConfig(env);
	const lines: string[] = [];
	const mark = (name: string) => (config.defaultAgent === name ? ' (default)' : '');
	const found = (command: string) => {
		const path = findOnPath(command, env);
		return path ? `found: ${path}` : 'not found on PATH';
	};
	const configured = Object.entries(config.agents ?? {});
	lines.push('configured:');
	if (configured.length === 0) lines.push('  (none)');
	for (const [name, agent] of configured) {
		lines.push(`  ${name}${mark(name)}: ${[agent.command, ...(agent.args ?? [])].join(' ')}  [${found(agent.command)}]`);
	}
	lines.push('presets:');
	for (const [name, preset] of Object.entries(agentPresets)) {
		const install = preset.package ? `; install: npm i -g ${preset.package}` : '';
		lines.push(`  ${name}${mark(name)}: ${[preset.command, ...preset.args].join(' ')}  [${found(preset.command)}${findOnPath(preset.command, env) ? '' : install}]`);
	}
	lines.push(`  ${demoAgentName}${mark(demoAgentName)}: built in (offline)  [always available]`);
	return `${lines.join('\n')}\n`;
}

function usageError(stderr: Output): number {
	stderr.write(`${usage}\n`);
	return 2;
}

function ensureNewline(text: string): string {
	return text.endsWith('\n') ? text : `${text}\n`;
}
