/**
What the host answers to its agent (the ACP client side): session updates routed by `sessionId`,
permission requests through the broker, fs and terminal services confined to the session (DESIGN §4.3–4.6).
*/
import type {ClientServices} from '../acp/agent-connection.js';
import type {SessionUpdate, ToolCallContent} from '../model/acp-types.js';
import {HostError} from '../model/types.js';
import {readTextFile, writeTextFile} from './fs-service.js';
import type {HostCore} from './host.js';
import type {HostSession} from './host-session.js';
import {findTerminalToolCall, withTerminalOutput} from './terminal-output.js';

const now = () => new Date().toISOString();
const metaKinds = new Set(['current_mode_update', 'config_option_update', 'session_info_update']);
/** Updates a `session/load` replays: the conversation itself. */
const historyKinds = new Set(['user_message_chunk', 'agent_message_chunk', 'agent_thought_chunk', 'tool_call', 'tool_call_update', 'plan']);
const terminalRefreshMs = 100;

export type AgentServices = ClientServices & {refreshTerminal(sessionId: string, terminalId: string): void};

/** The tool call showing a terminal: in the recent window, or an unfinished one held below it (DESIGN §10 archive). */
function terminalToolCall(session: HostSession, terminalId: string): ReturnType<typeof findTerminalToolCall> {
	return findTerminalToolCall(session.store.state.entries, terminalId) ?? findTerminalToolCall(session.store.pinnedEntries(), terminalId);
}

export function createAgentServices(core: HostCore, bufferEarly: (agentSessionId: string, update: SessionUpdate) => void): AgentServices {
	const scope = core.options.fsScope ?? 'cwd';
	const refreshTimers = new Map<string, NodeJS.Timeout>();

	function sessionFor(agentSessionId: string): HostSession {
		const session = core.byAgentId.get(agentSessionId);
		if (!session) throw new HostError('unknown-session', `unknown session: ${agentSessionId}`);
		return session;
	}

	const peek = (terminalId: string) => core.terminals.peek(terminalId);

	function pushTerminalOutput(session: HostSession, terminalId: string): void {
		const entry = terminalToolCall(session, terminalId);
		if (!entry) return;
		const content = withTerminalOutput(entry.content, peek);
		if (!content) return;
		// Host-made view update: clients see it, the log keeps only what the agent sent (plus the final output).
		core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'tool_call_update', toolCallId: entry.toolCallId, content}});
	}

	return {
		onUpdate(agentSessionId, update) {
			const session = core.byAgentId.get(agentSessionId);
			if (!session) {
				// Early updates (available_commands right after session/new) arrive before the response is handled.
				core.options.log(`update for unregistered session ${agentSessionId} (${update.sessionUpdate}) buffered`);
				bufferEarly(agentSessionId, update);
				return;
			}
			if (session.replaying && (!session.replaying.late || historyKinds.has(update.sessionUpdate))) {
				session.replaying.count++;
				return;
			}
			let applied = update;
			const content = (update as {content?: unknown}).content;
			if ((update.sessionUpdate === 'tool_call' || update.sessionUpdate === 'tool_call_update') && Array.isArray(content)) {
				const augmented = withTerminalOutput(content as ToolCallContent[], peek);
				if (augmented) applied = {...update, content: augmented} as SessionUpdate;
			}
			core.record(session, {type: 'update', ts: now(), update: applied}, {type: 'update', update});
			if (metaKinds.has(update.sessionUpdate)) core.emitSession(session);
		},

		async requestPermission(request, signal) {
			const session = core.byAgentId.get(request.sessionId);
			if (!session) return {outcome: 'cancelled'};
			core.record(session, {type: 'permission-request', ts: now(), requestId: request.requestId, toolCall: request.toolCall, options: request.options},
				{type: 'permission-request', requestId: request.requestId, toolCall: request.toolCall, options: request.options});
			const answer = core.broker.request(session.id, request.requestId, request.toolCall, request.options);
			signal.addEventListener('abort', () => {
				core.broker.withdraw(request.requestId);
			}, {once: true});
			core.emitSession(session);
			core.emitHost();
			return answer;
		},

		async readTextFile(request) {
			const session = sessionFor(request.sessionId);
			return readTextFile(request.path, [session.cwd], scope, request.line, request.limit);
		},

		async writeTextFile(request) {
			const session = sessionFor(request.sessionId);
			writeTextFile(request.path, request.content, [session.cwd], scope);
		},

		async createTerminal(request) {
			const session = sessionFor(request.sessionId);
			return core.terminals.create({...request, sessionId: session.id}, session.cwd);
		},

		terminalOutput(request) {
			return core.terminals.output(sessionFor(request.sessionId).id, request.terminalId);
		},

		async waitForTerminalExit(request) {
			return core.terminals.waitForExit(sessionFor(request.sessionId).id, request.terminalId);
		},

		killTerminal(request) {
			core.terminals.kill(sessionFor(request.sessionId).id, request.terminalId);
		},

		releaseTerminal(request) {
			const session = sessionFor(request.sessionId);
			const final = core.terminals.peek(request.terminalId);
			core.terminals.release(session.id, request.terminalId);
			const entry = terminalToolCall(session, request.terminalId);
			// The log keeps the terminal's final output once, so `agents logs --full` can show it.
			if (entry && final) session.log.append({type: 'update', update: {sessionUpdate: 'tool_call_update', toolCallId: entry.toolCallId, _meta: {agentsTerminalOutput: {terminalId: request.terminalId, output: final.output, truncated: final.truncated, exit: final.exit}}}});
		},

		refreshTerminal(sessionId, terminalId) {
			if (refreshTimers.has(terminalId)) return;
			refreshTimers.set(terminalId, setTimeout(() => {
				refreshTimers.delete(terminalId);
				const session = core.sessions.get(sessionId);
				if (session) pushTerminalOutput(session, terminalId);
			}, terminalRefreshMs).unref());
		},

		log: core.options.log,
	};
}
