/**
One ACP connection to one agent process, through the 2.4 SDK `client()` app API (docs/acp-client-reference.md
§2–§3). This is the only module that talks to the SDK as a client; the host sees plain methods and callbacks.
*/
import {Readable, Writable} from 'node:stream';
import * as acp from '@agentclientprotocol/sdk';
import type {McpServer, PermissionOption, SessionConfigOption, SessionModeState, SessionUpdate, ToolCallFields} from '../model/acp-types.js';
import {HostError, type PermissionOutcome} from '../model/types.js';
import {spawnAgentProcess, type AgentExit, type AgentSpec} from './agent-process.js';
import {captureConsole} from './console-capture.js';
import {tapInbound, tapStdoutGarbage} from './stream-taps.js';

export type TerminalExit = {readonly exitCode?: number | null; readonly signal?: string | null};

/** What the agent may ask of the client; the host implements it (DESIGN §4.5, §4.6). */
export type ClientServices = {
	/** Synchronous on purpose: the SDK does not await handlers and order matters (DESIGN §4.3). */
	onUpdate(sessionId: string, update: SessionUpdate): void;
	requestPermission(request: {readonly sessionId: string; readonly requestId: string; readonly toolCall: ToolCallFields; readonly options: readonly PermissionOption[]}, signal: AbortSignal): Promise<PermissionOutcome>;
	readTextFile(request: {readonly sessionId: string; readonly path: string; readonly line?: number | null; readonly limit?: number | null}): Promise<string>;
	writeTextFile(request: {readonly sessionId: string; readonly path: string; readonly content: string}): Promise<void>;
	createTerminal(request: {readonly sessionId: string; readonly command: string; readonly args?: readonly string[]; readonly env?: ReadonlyArray<{readonly name: string; readonly value: string}>; readonly cwd?: string | null; readonly outputByteLimit?: number | null}): Promise<string>;
	terminalOutput(request: {readonly sessionId: string; readonly terminalId: string}): {readonly output: string; readonly truncated: boolean; readonly exitStatus?: TerminalExit | null};
	waitForTerminalExit(request: {readonly sessionId: string; readonly terminalId: string}): Promise<TerminalExit>;
	killTerminal(request: {readonly sessionId: string; readonly terminalId: string}): void;
	releaseTerminal(request: {readonly sessionId: string; readonly terminalId: string}): void;
	/** A line for the host log: agent stderr, SDK console output, garbage on stdout. */
	log(line: string): void;
};

export type AgentCapabilitySummary = {readonly loadSession: boolean; readonly resume: boolean; readonly close: boolean};

export type InitializeSummary = {
	readonly protocolVersion: number;
	readonly capabilities: AgentCapabilitySummary;
	readonly agentInfo?: {readonly name?: string; readonly title?: string; readonly version?: string};
	/** Human-readable instructions when the agent advertises authentication methods. */
	readonly authHint?: string;
};

export type SessionSetup = {readonly modes?: SessionModeState; readonly configOptions?: readonly SessionConfigOption[]};

export type AgentConnection = {
	readonly pid: number;
	readonly exited: Promise<AgentExit>;
	initialize(): Promise<InitializeSummary>;
	newSession(cwd: string, mcpServers: readonly McpServer[]): Promise<SessionSetup & {readonly sessionId: string}>;
	loadSession(sessionId: string, cwd: string, mcpServers: readonly McpServer[]): Promise<SessionSetup>;
	resumeSession(sessionId: string, cwd: string, mcpServers: readonly McpServer[]): Promise<SessionSetup>;
	closeSession(sessionId: string): Promise<void>;
	prompt(sessionId: string, prompt: readonly unknown[]): Promise<{readonly stopReason: string}>;
	cancel(sessionId: string): Promise<void>;
	setMode(sessionId: string, modeId: string): Promise<void>;
	setConfigOption(sessionId: string, configId: string, value: string | boolean): Promise<readonly SessionConfigOption[] | undefined>;
	stop(graceMs?: number): Promise<AgentExit>;
};

const clientInfo = {name: 'agents', title: 'agents (terminal multiplexer)', version: '0.1.0'};

/** Map errors thrown by host services to JSON-RPC errors the agent understands. */
function toRequestError(error: unknown): acp.RequestError {
	if (error instanceof acp.RequestError) return error;
	if (error instanceof HostError) {
		const code = error.code === 'invalid' ? -32_602 : error.code === 'unknown-session' ? -32_002 : -32_603;
		return new acp.RequestError(code, error.message);
	}
	return new acp.RequestError(-32_603, error instanceof Error ? error.message : String(error));
}

async function serve<T>(work: () => Promise<T> | T): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw toRequestError(error);
	}
}

/** Turn an SDK error into a HostError with a message the user can act on. */
export function describeAgentError(error: unknown, authHint?: string): HostError {
	if (error instanceof HostError) return error;
	const code = (error as {code?: unknown}).code;
	const message = error instanceof Error ? error.message : String(error);
	if (code === -32_000) {
		return new HostError('auth-required', `the agent needs authentication: ${authHint ?? 'log in with the agent\'s own CLI, then restart the agent (C-b R)'}`);
	}
	const data = (error as {data?: unknown}).data;
	const detail = data && typeof data === 'object' && 'details' in data ? ` (${String((data as {details: unknown}).details)})` : '';
	return new HostError('agent-error', `agent error${typeof code === 'number' ? ` ${code}` : ''}: ${message}${detail}`);
}

function authHintFrom(command: string, methods: readonly unknown[] | undefined): string | undefined {
	if (!methods || methods.length === 0) return undefined;
	const parts = methods.map(method => {
		const entry = method as {id: string; name?: string; type?: string; args?: string[]; description?: string};
		if (entry.type === 'terminal') return `run \`${[command, ...(entry.args ?? [])].join(' ')}\` (${entry.name ?? entry.id})`;
		return `${entry.name ?? entry.id}${entry.description ? ` — ${entry.description}` : ''}`;
	});
	return `${parts.join('; or ')}; then restart the agent (C-b R or \`agents restart ID\`)`;
}

/** Spawn the agent and connect to it. Rejects with HostError('agent-missing') for a missing command. */
export async function connectAgent(spec: AgentSpec, services: ClientServices): Promise<AgentConnection> {
	// The last stderr lines explain an agent that dies before answering (a crash, a missing login…).
	const recentStderr: string[] = [];
	const child = await spawnAgentProcess(spec, line => {
		services.log(`agent stderr: ${line}`);
		recentStderr.push(line.slice(0, 300));
		if (recentStderr.length > 3) recentStderr.shift();
	});
	const releaseConsole = captureConsole(services.log);
	void child.exited.then(releaseConsole);

	const stdout = tapStdoutGarbage(Readable.toWeb(child.stdout as Readable) as ReadableStream<Uint8Array>, line => {
		services.log(`agent stdout (not JSON-RPC): ${line}`);
	});
	const base = acp.ndJsonStream(Writable.toWeb(child.stdin as Writable), stdout);
	// Every session/update is taken from the raw stream, before the SDK's zod parse: the stable entry drops
	// unknown kinds and strips unknown fields (docs/acp-client-reference.md §8.1–8.2); logs must keep them.
	const stream: acp.Stream = {
		writable: base.writable,
		readable: tapInbound(base.readable, message => {
			const {method, params} = message as {method?: unknown; params?: {sessionId?: unknown; update?: {sessionUpdate?: unknown}}};
			if (method !== 'session/update') return;
			if (typeof params?.sessionId !== 'string' || typeof params.update?.sessionUpdate !== 'string') {
				services.log(`dropped malformed session/update: ${JSON.stringify(message).slice(0, 500)}`);
				return;
			}
			try {
				services.onUpdate(params.sessionId, params.update as SessionUpdate);
			} catch (error) {
				services.log(`update handler failed: ${(error as Error).stack ?? String(error)}`);
			}
		}),
	};

	// Permission request ids are prefixed with the agent pid: JSON-RPC ids restart with every agent process.
	const generation = child.pid;
	const app = acp.client({name: clientInfo.name})
		// Already delivered by the tap above; registered so the SDK treats the notification as handled.
		.onNotification(acp.methods.client.session.update, () => undefined)
		.onRequest(acp.methods.client.session.requestPermission, async ({params, requestId, signal}) => serve(async () => ({
			// String and numeric JSON-RPC ids both occur (codex uses UUIDs, docs/agent-quirks.md §1.3).
			outcome: await services.requestPermission({
				sessionId: params.sessionId,
				requestId: `${generation}:${String(requestId)}`,
				toolCall: params.toolCall as ToolCallFields,
				options: params.options as PermissionOption[],
			}, signal),
		})))
		.onRequest(acp.methods.client.fs.readTextFile, async ({params}) => serve(async () => ({content: await services.readTextFile(params)})))
		.onRequest(acp.methods.client.fs.writeTextFile, async ({params}) => serve(async () => {
			await services.writeTextFile(params);
			return {};
		}))
		.onRequest(acp.methods.client.terminal.create, async ({params}) => serve(async () => ({terminalId: await services.createTerminal(params)})))
		.onRequest(acp.methods.client.terminal.output, async ({params}) => serve(() => services.terminalOutput(params)))
		.onRequest(acp.methods.client.terminal.waitForExit, async ({params}) => serve(async () => services.waitForTerminalExit(params)))
		.onRequest(acp.methods.client.terminal.kill, async ({params}) => serve(() => {
			services.killTerminal(params);
			return {};
		}))
		.onRequest(acp.methods.client.terminal.release, async ({params}) => serve(() => {
			services.releaseTerminal(params);
			return {};
		}));

	const connection = app.connect(stream);
	void child.exited.then(() => {
		connection.close(new Error('ACP connection closed'));
	});
	const agent = connection.agent;
	let authHint: string | undefined;

	const call = async <T>(work: () => Promise<T>): Promise<T> => {
		try {
			return await work();
		} catch (error) {
			if (error instanceof Error && error.message === 'ACP connection closed') {
				const exit = await Promise.race([child.exited, new Promise<undefined>(resolve => setTimeout(() => resolve(undefined), 500))]);
				const why = [exit?.reason, recentStderr.join(' | ')].filter(Boolean).join(': ');
				throw new HostError('agent-stopped', `the agent process stopped${why ? ` (${why})` : ''}`);
			}
			throw describeAgentError(error, authHint);
		}
	};

	return {
		pid: child.pid,
		exited: child.exited,
		async initialize() {
			const result = await call(async () => agent.request(acp.methods.agent.initialize, {
				protocolVersion: acp.PROTOCOL_VERSION,
				clientCapabilities: {fs: {readTextFile: true, writeTextFile: true}, terminal: true, auth: {terminal: true}},
				clientInfo,
			} as acp.InitializeRequest));
			const caps = result.agentCapabilities ?? {};
			const sessionCaps = (caps as {sessionCapabilities?: {resume?: unknown; close?: unknown}}).sessionCapabilities ?? {};
			authHint = authHintFrom(spec.command, result.authMethods);
			return {
				protocolVersion: result.protocolVersion,
				capabilities: {loadSession: caps.loadSession === true, resume: Boolean(sessionCaps.resume), close: Boolean(sessionCaps.close)},
				agentInfo: result.agentInfo ? {name: result.agentInfo.name, title: result.agentInfo.title ?? undefined, version: result.agentInfo.version} : undefined,
				authHint,
			};
		},
		async newSession(cwd, mcpServers) {
			const result = await call(async () => agent.request(acp.methods.agent.session.new, {cwd, mcpServers: mcpServers as acp.McpServer[]}));
			return {sessionId: result.sessionId, modes: result.modes ?? undefined, configOptions: (result.configOptions ?? undefined) as SessionConfigOption[] | undefined};
		},
		async loadSession(sessionId, cwd, mcpServers) {
			const result = await call(async () => agent.request(acp.methods.agent.session.load, {sessionId, cwd, mcpServers: mcpServers as acp.McpServer[]}));
			return {modes: result?.modes ?? undefined, configOptions: (result?.configOptions ?? undefined) as SessionConfigOption[] | undefined};
		},
		async resumeSession(sessionId, cwd, mcpServers) {
			const result = await call(async () => agent.request(acp.methods.agent.session.resume, {sessionId, cwd, mcpServers: mcpServers as acp.McpServer[]}));
			return {modes: result?.modes ?? undefined, configOptions: (result?.configOptions ?? undefined) as SessionConfigOption[] | undefined};
		},
		async closeSession(sessionId) {
			await call(async () => agent.request(acp.methods.agent.session.close, {sessionId}));
		},
		async prompt(sessionId, prompt) {
			return call(async () => agent.request(acp.methods.agent.session.prompt, {sessionId, prompt: prompt as acp.ContentBlock[]}));
		},
		async cancel(sessionId) {
			await call(async () => agent.notify(acp.methods.agent.session.cancel, {sessionId}));
		},
		async setMode(sessionId, modeId) {
			await call(async () => agent.request(acp.methods.agent.session.setMode, {sessionId, modeId}));
		},
		async setConfigOption(sessionId, configId, value) {
			const parameters = typeof value === 'boolean' ? {sessionId, configId, type: 'boolean' as const, value} : {sessionId, configId, value};
			const result = await call(async () => agent.request(acp.methods.agent.session.setConfigOption, parameters as acp.SetSessionConfigOptionRequest));
			return (result?.configOptions ?? undefined) as SessionConfigOption[] | undefined;
		},
		async stop(graceMs) {
			return child.stop(graceMs);
		},
	};
}

export type {AgentExit, AgentSpec} from './agent-process.js';
