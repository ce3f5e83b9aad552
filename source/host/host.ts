/**
The agent host (DESIGN §4): ONE agent process, many ACP sessions, the phase counters, the permission broker,
fs and terminal services and the JSONL logs. An in-process `HostApi`; `ipc/` puts it on a socket.
*/
import {statSync} from 'node:fs';
import {resolve} from 'node:path';
import type {AgentConnection, InitializeSummary} from '../acp/agent-connection.js';
import {openSessionLog} from '../log/session-log-writer.js';
import type {McpServer} from '../model/acp-types.js';
import {hostPhase, type AgentLiveness} from '../model/phase.js';
import {sessionMetaFromNewSession, TranscriptStore} from '../model/transcript.js';
import {HostError, type AnswerResult, type HostApi, type HostEvent, type HostStatus, type NewSessionOptions, type PromptResult, type SessionInfo, type Snapshot, type TranscriptAction, type TranscriptEntry} from '../model/types.js';
import {liveConnection, onAgentExit, spawnAgent} from './agent-lifecycle.js';
import {createAgentServices, type AgentServices} from './agent-services.js';
import {openEntryArchive} from './entry-archive.js';
import {startTurn} from './host-turns.js';
import {EventHub} from './event-hub.js';
import {HostSession, mergeMcpServers} from './host-session.js';
import {PermissionBroker} from './permission-broker.js';
import {restoreSessions} from './restore-sessions.js';
import {TerminalService} from './terminal-service.js';

export type HostOptions = {
	readonly hostId: string;
	readonly cwd: string;
	readonly agent: {readonly name: string; readonly command: string; readonly args: readonly string[]; readonly env?: Readonly<Record<string, string>>};
	readonly mcpServers?: readonly McpServer[];
	readonly fsScope?: 'cwd' | 'any';
	readonly env?: NodeJS.ProcessEnv;
	readonly log: (line: string) => void;
	readonly demoFallback?: boolean;
};

export type Host = HostApi & {
	readonly agentPid: number | undefined;
	start(): Promise<void>;
	setClientCount(count: number): void;
};

const now = () => new Date().toISOString();

/** Shared mutable state of a host, used by the services module and the restore logic. */
export type HostCore = {
	readonly options: HostOptions;
	readonly sessions: Map<string, HostSession>;
	readonly byAgentId: Map<string, HostSession>;
	readonly broker: PermissionBroker;
	readonly terminals: TerminalService;
	readonly hub: EventHub;
	connection: AgentConnection | undefined;
	init: InitializeSummary | undefined;
	agentState: AgentLiveness;
	/** In-flight `session/prompt` requests, all sessions (DESIGN §4.4); never negative. */
	activePrompts: number;
	exitReason: string | undefined;
	readonly services: AgentServices;
	record(session: HostSession, action: TranscriptAction, log?: Parameters<HostSession['record']>[1]): void;
	emitSession(session: HostSession): void;
	emitHost(): void;
	registerAgentSession(session: HostSession): void;
};

/**
How many recent entries per session stay in memory (`AGENTS_TRANSCRIPT_KEEP`, for tests; default 250, above
the 80–200 entries of a snapshot tail). Older ones are archived in batches of a fifth of that.
*/
export function transcriptWindow(env: NodeJS.ProcessEnv = process.env): {keep: number; batch: number} {
	const parsed = Number.parseInt(env['AGENTS_TRANSCRIPT_KEEP'] ?? '', 10);
	const keep = Number.isFinite(parsed) && parsed >= 1 ? parsed : 250;
	return {keep, batch: Math.max(1, Math.floor(keep / 5))};
}

export function createHost(options: HostOptions): Host {
	const started = now();
	let clients = 0;
	let shuttingDown: Promise<void> | undefined;
	let starting: Promise<void> | undefined;
	/** Updates for session ids not registered yet (early `available_commands_update`), bounded. */
	const early = new Map<string, Array<Parameters<typeof services.onUpdate>[1]>>();

	const hub = new EventHub(options.log);
	const core: HostCore = {
		options,
		sessions: new Map(),
		byAgentId: new Map(),
		broker: new PermissionBroker(resolved => {
			const session = core.sessions.get(resolved.sessionId);
			if (session) {
				core.record(session, {type: 'permission-resolved', ts: now(), requestId: resolved.requestId, outcome: resolved.outcome, by: resolved.by},
					{type: 'permission-outcome', requestId: resolved.requestId, outcome: resolved.outcome, client: resolved.by});
				core.emitSession(session);
			}
			core.emitHost();
		}),
		terminals: new TerminalService((sessionId, terminalId) => {
			services.refreshTerminal(sessionId, terminalId);
		}),
		hub,
		connection: undefined,
		init: undefined,
		agentState: 'stopped',
		activePrompts: 0,
		exitReason: undefined,
		get services() {
			return services;
		},
		record(session, action, log) {
			session.record(action, log);
			hub.emit({kind: 'transcript', sessionId: session.id, action});
		},
		emitSession(session) {
			hub.emit({kind: 'session', session: info(session)});
		},
		emitHost() {
			hub.emit({kind: 'host', host: status()});
		},
		registerAgentSession(session) {
			core.byAgentId.set(session.agentSessionId, session);
			const buffered = early.get(session.agentSessionId);
			early.delete(session.agentSessionId);
			for (const update of buffered ?? []) services.onUpdate(session.agentSessionId, update);
		},
	};

	const services = createAgentServices(core, (agentSessionId, update) => {
		const list = early.get(agentSessionId) ?? [];
		if (list.length < 1000 && early.size < 100) list.push(update);
		early.set(agentSessionId, list);
	});

	const info = (session: HostSession): SessionInfo => session.info(core.agentState, core.broker.pending(session.id));

	function status(): HostStatus {
		return {
			hostId: options.hostId,
			pid: process.pid,
			cwd: options.cwd,
			started,
			phase: hostPhase(core.agentState, core.activePrompts, core.broker.count),
			activePrompts: core.activePrompts,
			pendingPermissions: core.broker.count,
			agent: {
				name: options.agent.name,
				command: options.agent.command,
				args: options.agent.args,
				pid: core.agentState === 'stopped' ? undefined : core.connection?.pid,
				state: core.agentState,
				exitReason: core.exitReason,
				agentInfo: core.init?.agentInfo,
				capabilities: core.init?.capabilities,
				authHint: core.init?.authHint,
			},
			clients,
			demoFallback: options.demoFallback,
		};
	}

	function sessionOf(sessionId: string): HostSession {
		const session = core.sessions.get(sessionId);
		if (!session) throw new HostError('unknown-session', `unknown session: ${sessionId}`);
		return session;
	}

	const api: Host = {
		get agentPid() {
			return core.agentState === 'stopped' ? undefined : core.connection?.pid;
		},
		async start() {
			starting ??= spawnAgent(core);
			await starting;
		},
		setClientCount(count) {
			clients = count;
			core.emitHost();
		},
		status,
		snapshot(snapshotOptions) {
			const tail = snapshotOptions?.tail ?? 200;
			const snapshot: Snapshot = {
				seq: hub.seq,
				host: status(),
				sessions: [...core.sessions.values()].map(session => ({info: info(session), transcript: session.store.tail(tail)})),
			};
			return snapshot;
		},
		history(sessionId, before, limit): readonly TranscriptEntry[] {
			return sessionOf(sessionId).store.before(before, Math.max(1, Math.min(limit, 2000)));
		},
		async newSession(request: NewSessionOptions) {
			if (starting) await starting.catch(() => undefined);
			const cwd = resolve(options.cwd, request.cwd || options.cwd);
			let isDirectory = false;
			try {
				isDirectory = statSync(cwd).isDirectory();
			} catch {}
			if (!isDirectory) throw new HostError('bad-cwd', `directory does not exist: ${cwd}`);
			const connection = liveConnection(core);
			const mcpServers = mergeMcpServers(options.mcpServers ?? [], request.mcpServers ?? []);
			const result = await connection.newSession(cwd, mcpServers);
			const created = new Date();
			const log = openSessionLog({
				hostId: options.hostId,
				sessionId: result.sessionId,
				created,
				env: options.env,
				onDegraded(error) {
					options.log(`log degraded for ${result.sessionId}: ${error.message}`);
					hub.emit({kind: 'notice', level: 'warning', message: `log degraded for session ${result.sessionId}: ${error.message}`});
					core.emitSession(session);
				},
			});
			// Older entries leave memory for a private file beside the log (DESIGN §10); clients page them back.
			const archive = openEntryArchive(log.path.replace(/\.jsonl$/, '') + '.entries', options.log);
			const sizes = transcriptWindow(options.env);
			const session = new HostSession({
				id: result.sessionId,
				cwd,
				mcpServers,
				created,
				store: new TranscriptStore({entries: [], nextIndex: 0, meta: sessionMetaFromNewSession(result)}, archive && {archive, ...sizes}),
				log,
				archive,
			});
			session.log.append({type: 'session-start', cwd, agent: options.agent.name, command: [options.agent.command, ...options.agent.args].join(' '), mcpServers});
			core.sessions.set(session.id, session);
			core.emitSession(session);
			core.registerAgentSession(session);
			return info(session);
		},
		async prompt(sessionId, text, client): Promise<PromptResult> {
			const session = sessionOf(sessionId);
			liveConnection(core);
			if (session.turn) {
				session.queue.push(typeof text === 'string' ? text : text.map(block => (block.type === 'text' ? block.text : '')).join('\n'));
				core.emitSession(session);
				return {queued: true, queueLength: session.queue.length};
			}
			startTurn(core, session, text, client);
			return {queued: false, queueLength: session.queue.length};
		},
		setQueue(sessionId, queue) {
			const session = sessionOf(sessionId);
			session.queue = queue.filter(item => item.trim() !== '');
			core.emitSession(session);
		},
		async cancel(sessionId) {
			const session = sessionOf(sessionId);
			if (!session.turn || core.agentState !== 'running') return;
			session.turn.cancelRequested = true;
			core.emitSession(session);
			await core.connection?.cancel(session.agentSessionId);
			// ACP: the client MUST answer the session's pending permission requests with `cancelled`.
			core.broker.cancel(session.id, 'host');
			core.emitSession(session);
		},
		async endSession(sessionId) {
			const session = sessionOf(sessionId);
			if (session.turn) throw new HostError('busy', `session ${sessionId} is busy: cancel its turn first, then end it`);
			if (core.agentState === 'running' && core.init?.capabilities.close) {
				await core.connection?.closeSession(session.agentSessionId).catch((error: Error) => {
					options.log(`session/close failed for ${sessionId}: ${error.message}`);
				});
			}
			core.terminals.killAll(session.id);
			session.ended = true;
			session.log.append({type: 'session-end', reason: 'ended'});
			session.log.close('ended');
			session.archive?.close();
			core.sessions.delete(session.id);
			core.byAgentId.delete(session.agentSessionId);
			hub.emit({kind: 'session-removed', sessionId: session.id});
			core.emitHost();
		},
		answerPermission(sessionId, requestId, optionId, client): AnswerResult {
			sessionOf(sessionId);
			return core.broker.answer(requestId, optionId, client);
		},
		async setMode(sessionId, modeId) {
			const session = sessionOf(sessionId);
			await liveConnection(core).setMode(session.agentSessionId, modeId);
			core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'current_mode_update', currentModeId: modeId}});
			core.emitSession(session);
		},
		async setConfigOption(sessionId, configId, value) {
			const session = sessionOf(sessionId);
			const configOptions = await liveConnection(core).setConfigOption(session.agentSessionId, configId, value);
			if (configOptions) core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'config_option_update', configOptions}});
			core.emitSession(session);
		},
		async restartAgent() {
			if (shuttingDown) throw new HostError('agent-stopped', 'the host is shutting down');
			const old = core.connection;
			if (old && core.agentState !== 'stopped') {
				await old.stop();
				onAgentExit(core, old, 'restarted by a client');
			}
			starting = spawnAgent(core);
			await starting;
			await restoreSessions(core);
			core.emitHost();
		},
		async shutdown(reason = 'host shutdown') {
			shuttingDown ??= (async () => {
				options.log(`shutting down: ${reason}`);
				for (const session of core.sessions.values()) {
					session.log.append({type: 'session-end', reason});
					session.log.close(reason);
				}
				const connection = core.connection;
				if (connection && core.agentState !== 'stopped') {
					await connection.stop();
					onAgentExit(core, connection, reason);
				}
				core.terminals.killAll();
			})();
			await shuttingDown;
		},
		subscribe(listener: (event: HostEvent) => void) {
			return hub.subscribe(listener);
		},
	};
	return api;
}
