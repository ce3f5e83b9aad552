/**
Bring every session back after the agent was respawned (DESIGN §4.2): `session/load` when advertised (the
session is bound first because the agent replays its history before answering), else `session/resume`, else a
new agent session with the old transcript kept above it. An interrupted turn is never re-sent by itself.
*/
import type {HostCore} from './host.js';
import type {HostSession} from './host-session.js';

const now = () => new Date().toISOString();

async function restoreOne(core: HostCore, session: HostSession): Promise<string> {
	const connection = core.connection!;
	const capabilities = core.init!.capabilities;
	if (capabilities.loadSession) {
		// The host still holds the transcript, so the replay is counted rather than appended twice.
		session.replaying = {count: 0};
		core.registerAgentSession(session);
		try {
			const setup = await connection.loadSession(session.agentSessionId, session.cwd, session.mcpServers);
			if (setup.configOptions) core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'config_option_update', configOptions: setup.configOptions}});
			return `session restored with session/load (${session.replaying.count} updates replayed)`;
		} finally {
			session.replaying = undefined;
		}
	}
	if (capabilities.resume) {
		core.registerAgentSession(session);
		await connection.resumeSession(session.agentSessionId, session.cwd, session.mcpServers);
		return 'session restored with session/resume';
	}
	const created = await connection.newSession(session.cwd, session.mcpServers);
	core.byAgentId.delete(session.agentSessionId);
	const previous = session.agentSessionId;
	session.agentSessionId = created.sessionId;
	core.registerAgentSession(session);
	if (created.configOptions) core.record(session, {type: 'update', ts: now(), update: {sessionUpdate: 'config_option_update', configOptions: created.configOptions}});
	session.log.append({type: 'session-start', cwd: session.cwd, agent: core.options.agent.name, mcpServers: session.mcpServers, restoredFrom: previous});
	return `the agent cannot load sessions: new agent session ${created.sessionId}; the transcript above is history the agent does not remember`;
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
