/**
`agents __host --id ID [--agent NAME] [--cwd DIR] [-- CMD ARGS]`: the host daemon's main (DESIGN §4.1,
host-architecture-notes §2.5). Started detached by `spawnHostDaemon`, with stdout/stderr already pointing
at the host log and fd 3 as the readiness pipe. Reads config once, starts the agent, serves the socket,
writes host.json, then reports ready; SIGTERM/SIGINT or a client's `kill` shut it down and remove the run dir.
*/
import {existsSync, rmSync} from 'node:fs';
import {join, resolve} from 'node:path';
import {loadConfig} from '../config/config.js';
import {agentPresets, resolveAgent} from '../config/agents.js';
import {stateDir} from '../config/paths.js';
import {createHost, type Host} from '../host/host.js';
import {writeHostJson} from '../ipc/host-json.js';
import {serveHost, type HostServer} from '../ipc/host-server.js';
import {protocolVersion} from '../ipc/protocol.js';
import {ensureRuntimeRoot} from '../ipc/runtime-root.js';
import {signalReady} from '../ipc/spawn-host.js';
import {HostError, type HostApi} from '../model/types.js';
import {errorMessage, type CommandIo} from './io.js';
import {demoAgentCommand} from './self-entry.js';

export type HostArgs = {readonly id: string; readonly agent?: string; readonly cwd: string; readonly commandLine?: readonly string[]};

export function parseHostArgs(argv: readonly string[], cwd = process.cwd()): HostArgs {
	const separator = argv.indexOf('--');
	const own = separator === -1 ? argv : argv.slice(0, separator);
	const commandLine = separator === -1 ? undefined : argv.slice(separator + 1);
	const value = (name: string): string | undefined => {
		const index = own.indexOf(name);
		return index === -1 ? undefined : own[index + 1];
	};

	const id = value('--id');
	if (!id) throw new Error('__host needs --id');
	return {id, agent: value('--agent'), cwd: resolve(cwd, value('--cwd') ?? '.'), commandLine: commandLine?.length ? commandLine : undefined};
}

/** The agent must not see our own settings (DESIGN §11): drop every `AGENTS_*` variable. */
export function scrubEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	return Object.fromEntries(Object.entries(env).filter(([key]) => !key.startsWith('AGENTS_')));
}

function timestamped(io: CommandIo): (line: string) => void {
	return line => {
		io.stdout.write(`${new Date().toISOString()} ${line}\n`);
	};
}

/** `api` for the socket server: the host itself, except that `kill` (shutdown) also ends this process. */
function withExitOnShutdown(host: Host, onShutdown: (reason: string) => void): HostApi {
	return {
		status: () => host.status(),
		snapshot: options => host.snapshot(options),
		history: (sessionId, before, limit) => host.history(sessionId, before, limit),
		newSession: options => host.newSession(options),
		prompt: (sessionId, text, client) => host.prompt(sessionId, text, client),
		setQueue: (sessionId, queue) => host.setQueue(sessionId, queue),
		cancel: sessionId => host.cancel(sessionId),
		endSession: sessionId => host.endSession(sessionId),
		answerPermission: (sessionId, requestId, optionId, client) => host.answerPermission(sessionId, requestId, optionId, client),
		setMode: (sessionId, modeId) => host.setMode(sessionId, modeId),
		setConfigOption: (sessionId, configId, value) => host.setConfigOption(sessionId, configId, value),
		restartAgent: () => host.restartAgent(),
		async shutdown(reason) {
			await host.shutdown(reason);
			onShutdown(reason ?? 'killed by a client');
		},
		subscribe: listener => host.subscribe(listener),
	};
}

async function withTimeout(promise: Promise<unknown>, ms: number): Promise<void> {
	let timer: NodeJS.Timeout | undefined;
	await Promise.race([promise.catch(() => undefined), new Promise(resolve => {
		timer = setTimeout(resolve, ms);
	})]);
	clearTimeout(timer);
}

export async function hostMain(argv: readonly string[], io: CommandIo): Promise<number> {
	const log = timestamped(io);
	// A daemon outlives its terminal (DESIGN §4.1); nothing it meets may crash it (§11).
	process.on('SIGHUP', () => log('SIGHUP ignored'));
	process.on('uncaughtException', error => log(`uncaught exception: ${error.stack ?? String(error)}`));
	process.on('unhandledRejection', reason => log(`unhandled rejection: ${reason instanceof Error ? reason.stack : String(reason)}`));

	let args: HostArgs;
	let runDir = '';
	try {
		args = parseHostArgs(argv);
		process.title = `agents host ${args.id}`;
		runDir = join(ensureRuntimeRoot(io.env), args.id);
		if (!existsSync(runDir)) throw new Error(`run directory ${runDir} does not exist (hosts are started by agents, not by hand)`);
	} catch (error) {
		log(`cannot start: ${errorMessage(error)}`);
		signalReady({ok: false, error: errorMessage(error)});
		return 1;
	}

	const socketPath = join(runDir, 'sock');
	let host: Host | undefined;
	let server: HostServer | undefined;
	let finishing = false;

	const finish = async (reason: string, code: number): Promise<never> => {
		if (!finishing) {
			finishing = true;
			log(`shutting down: ${reason}`);
			if (host) await withTimeout(host.shutdown(reason), 5000);
			if (server) await withTimeout(server.close(), 2000);
			rmSync(runDir, {recursive: true, force: true});
			log('bye');
		}

		process.exit(code);
	};

	try {
		const config = loadConfig(io.env);
		const agent = resolveAgent(config, {
			agent: args.agent,
			commandLine: args.commandLine,
			demoCommand: demoAgentCommand(join(stateDir(io.env), 'demo-agent')),
			env: io.env,
		});
		log(`host ${args.id}: agent ${agent.name}: ${[agent.command, ...agent.args].join(' ')} in ${args.cwd}`);
		host = createHost({
			hostId: args.id,
			cwd: args.cwd,
			agent: {name: agent.name, command: agent.command, args: agent.args, env: agent.env},
			mcpServers: config.mcpServers,
			fsScope: config.fsScope,
			// Log paths need AGENTS_STATE_DIR; the agent process itself never sees AGENTS_* (acp/agent-process.ts).
			env: io.env,
			log,
			demoFallback: agent.demoFallback,
		});
		await host.start();
		const started = host;
		const api = withExitOnShutdown(started, reason => {
			// Let the `kill` reply reach the client before the socket closes.
			setTimeout(() => void finish(reason, 0), 50);
		});
		server = await serveHost(api, {hostId: args.id, socketPath, log, onClientsChanged: count => started.setClientCount(count)});
		const status = started.status();
		writeHostJson(runDir, {
			hostId: args.id,
			pid: process.pid,
			agent: agent.name,
			command: agent.command,
			args: [...agent.args],
			cwd: args.cwd,
			started: status.started,
			protocol: protocolVersion,
		});
	} catch (error) {
		const preset = agentPresets[args.agent ?? ''];
		const hint = error instanceof HostError && error.code === 'agent-missing' && preset?.package ? `; install it with: npm install -g ${preset.package}` : '';
		log(`cannot start: ${errorMessage(error)}${hint}`);
		signalReady({ok: false, error: `${errorMessage(error)}${hint}`});
		if (host) await withTimeout(host.shutdown('start failed'), 3000);
		if (server) await withTimeout(server.close(), 1000);
		rmSync(runDir, {recursive: true, force: true});
		return 1;
	}

	for (const signal of ['SIGTERM', 'SIGINT'] as const) process.on(signal, () => void finish(signal, 0));
	signalReady({ok: true});
	log('ready');
	// Stay alive: the socket server and the agent's pipes hold the event loop open.
	return new Promise<number>(() => {});
}
