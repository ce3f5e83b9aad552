/**
Bring every session back after the agent was respawned (DESIGN §4.2): `session/load` when advertised (the
session is bound first because the agent replays its history before answering), else `session/resume`, else a
new agent session with the old transcript kept above it. An interrupted turn is never re-sent by itself.
A load or resume the agent refuses falls back to a new session as well, so the session stays usable: gemini-cli
0.61.0 advertises `loadSession` but fails it ("Invalid session identifier") when the restart comes within the
same clock minute as the session's start — its new chat recording overwrites the one it is about to read.
*/
import type {HostCore} from './host.js';
import type {HostSession} from './host-session.js';

const now = () => new Date().toISOString();

async function restoreOne(core: HostCore, session: HostSession): Promise<string> {
	let failed: string | undefined;
	try {
		const restored = await loadOrResume(core, session);
		if (restored) return restored;
	} catch (error) {
		failed = (error as Error).message;
		core.options.log(`restore ${session.id}: ${failed}; opening a new agent session`);
	}
	const connection = core.connection!;
	const created = await connection.newSession(session.cwd, session.mcpServers);
	core.byAgentId.delete(session.agentSessionId);
	const previous = session.agentSessionId;
	session.agentSessionId = created.sessionId;
	core.registerAgentSession(session);
	if (created.configOptions) core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'config_option_update', configOptions: created.configOptions}});
	session.log.append({type: 'session-start', cwd: session.cwd, agent: core.options.agent.name, mcpServers: session.mcpServers, restoredFrom: previous});
	const why = failed === undefined ? 'the agent cannot load sessions' : `the agent could not load this session (${failed})`;
	return `${why}: new agent session ${created.sessionId}; the transcript above is history the agent does not remember`;
}

/** `session/load` or `session/resume` when advertised: the text for the divider, or undefined when neither is. */
async function loadOrResume(core: HostCore, session: HostSession): Promise<string | undefined> {
	const connection = core.connection!;
	const capabilities = core.init!.capabilities;
	if (capabilities.loadSession) {
		// The host still holds the transcript, so the replay is counted rather than appended twice.
		const replaying = {count: 0, late: false};
		session.replaying = replaying;
		core.registerAgentSession(session);
		try {
			const setup = await connection.loadSession(session.agentSessionId, session.cwd, session.mcpServers);
			if (setup.configOptions) core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'config_option_update', configOptions: setup.configOptions}});
			// gemini-cli 0.61.0 answers session/load while its history replay is still going (`streamHistory` is not
			// awaited): history updates up to the session's next turn are replay too (host-turns.ts ends the window).
			replaying.late = true;
			return `session restored with session/load (${replaying.count} updates replayed)`;
		} catch (error) {
			session.replaying = undefined;
			throw error;
		}
	}
	if (capabilities.resume) {
		core.registerAgentSession(session);
		await connection.resumeSession(session.agentSessionId, session.cwd, session.mcpServers);
		return 'session restored with session/resume';
	}
	return undefined;
}

export async function restoreSessions(core: HostCore): Promise<void> {
	for (const session of core.sessions.values()) {
		let text: string;
		try {
			text = `agent restarted — ${await restoreOne(core, session)}`;
		} catch (error) {
			text = `agent restarted — restoring this session failed: ${(error as Error).message}`;
			core.options.log(`restore ${session.id}: ${(error as Error).message}`);
		}
		session.interrupted = false;
		core.record(session, {type: 'history-divider', ts: now(), text}, {type: 'error', message: text, detail: {restart: true}});
		core.emitSession(session);
	}
}
