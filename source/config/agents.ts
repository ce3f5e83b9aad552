/**
Which agent a host runs (DESIGN §9): `agents -- CMD` → `--agent` → `defaultAgent` → the first preset found
on PATH → the built-in demo agent, with a banner saying so. Launch commands of the presets are the ones the
agents document (docs/agent-quirks.md, "How the agents are launched").
*/
import {accessSync, constants, statSync} from 'node:fs';
import {basename, delimiter, isAbsolute, join, sep} from 'node:path';
import {ConfigError, type AgentsConfig} from './config.js';

export type AgentPreset = {readonly command: string; readonly args: string[]; readonly package?: string};

export const agentPresets: Readonly<Record<string, AgentPreset>> = {
	claude: {command: 'claude-agent-acp', args: [], package: '@agentclientprotocol/claude-agent-acp'},
	// `--experimental-acp` is deprecated since gemini-cli 0.5x (docs/acp-client-reference.md §7).
	gemini: {command: 'gemini', args: ['--acp'], package: '@google/gemini-cli'},
	codex: {command: 'codex-acp', args: [], package: '@zed-industries/codex-acp'},
	opencode: {command: 'opencode', args: ['acp'], package: 'opencode-ai'},
};

/** The built-in agent's name; it needs no install. */
export const demoAgentName = 'demo';

export type ResolvedAgent = {
	readonly name: string;
	readonly command: string;
	readonly args: string[];
	readonly env: Record<string, string>;
	/** True when nothing was asked for or found and the demo agent stands in. */
	readonly demoFallback: boolean;
	/** A line for the user, set with `demoFallback`. */
	readonly banner?: string;
};

export type ResolveRequest = {
	/** `--agent NAME`. */
	readonly agent?: string;
	/** `agents -- CMD ARGS…`. */
	readonly commandLine?: readonly string[];
	/** How this build starts the demo agent (e.g. `node dist/cli.js __demo-agent`). */
	readonly demoCommand: {readonly command: string; readonly args: readonly string[]};
	/** Environment whose PATH is searched (default process.env). */
	readonly env?: NodeJS.ProcessEnv;
};

export const demoFallbackBanner =
	'No agent configured or found on PATH: running the built-in demo agent (offline, scripted). ' +
	'Install one (claude-agent-acp, gemini, codex-acp, opencode), start with `agents -a NAME` or `agents -- CMD ARGS`, ' +
	'or set a default with `agents config set defaultAgent NAME`.';

export function resolveAgent(config: AgentsConfig, request: ResolveRequest): ResolvedAgent {
	const env = request.env ?? process.env;
	const [command, ...args] = request.commandLine ?? [];
	if (command) return {name: basename(command), command, args, env: {}, demoFallback: false};
	if (request.agent) return byName(config, request.agent, request, 'agent');
	if (config.defaultAgent) return byName(config, config.defaultAgent, request, 'defaultAgent');
	const searched = ownScripts(env);
	for (const [name, preset] of Object.entries(agentPresets)) {
		if (findOnPath(preset.command, searched)) return {name, command: preset.command, args: [...preset.args], env: {}, demoFallback: false};
	}
	return {...demo(request), demoFallback: true, banner: demoFallbackBanner};
}

/**
Under this project's own npm scripts (`npm start` in a checkout) PATH starts with node_modules/.bin, which holds the
released agents the tests drive (codex-acp, gemini): those are not the user's agents, so detection skips them.
*/
function ownScripts(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	if (env['npm_package_name'] !== 'agents-mux') return env;
	const path = (env['PATH'] ?? '').split(delimiter).filter(folder => !folder.endsWith(`${sep}node_modules${sep}.bin`)).join(delimiter);
	return {...env, PATH: path};
}

/** Every agent name `--agent` accepts: configured ones, presets, demo. */
export function knownAgentNames(config: AgentsConfig): string[] {
	return [...new Set([...Object.keys(config.agents ?? {}), ...Object.keys(agentPresets), demoAgentName])];
}

function byName(config: AgentsConfig, name: string, request: ResolveRequest, source: 'agent' | 'defaultAgent'): ResolvedAgent {
	const configured = config.agents?.[name];
	if (configured) {
		return {name, command: configured.command, args: [...(configured.args ?? [])], env: {...configured.env}, demoFallback: false};
	}
	const preset = agentPresets[name];
	if (preset) return {name, command: preset.command, args: [...preset.args], env: {}, demoFallback: false};
	if (name === demoAgentName) return {...demo(request), demoFallback: false};
	const known = knownAgentNames(config).join(', ');
	const where = source === 'defaultAgent' ? `${config.path}: "defaultAgent" names an unknown agent "${name}"` : `unknown agent "${name}"`;
	throw new ConfigError(`${where} (known: ${known}; add one with \`agents config set agents.${name} '{"command":"…"}'\`)`);
}

function demo(request: ResolveRequest): Omit<ResolvedAgent, 'demoFallback'> {
	return {name: demoAgentName, command: request.demoCommand.command, args: [...request.demoCommand.args], env: {}};
}

/** Full path of an executable `command` (searched on PATH unless it has a slash), or undefined. */
export function findOnPath(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
	if (command.includes('/')) return isExecutable(command) ? command : undefined;
	for (const folder of (env['PATH'] ?? '').split(delimiter)) {
		if (!folder || !isAbsolute(folder)) continue;
		const candidate = join(folder, command);
		if (isExecutable(candidate)) return candidate;
	}
	return undefined;
}

function isExecutable(path: string): boolean {
	try {
		if (!statSync(path).isFile()) return false;
		accessSync(path, constants.X_OK);
		return true;
	} catch {
		return false;
	}
}
