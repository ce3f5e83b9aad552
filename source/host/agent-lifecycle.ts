/**
The agent process as the host sees it (DESIGN §4.2): spawn + initialize, and what an exit does to every
session — running turns interrupted (never re-sent), counters zeroed, pending permissions answered `cancelled`.
*/
import {connectAgent, type AgentConnection} from '../acp/agent-connection.js';
import {HostError} from '../model/types.js';
import type {HostCore} from './host.js';

const now = () => new Date().toISOString();

export function liveConnection(core: HostCore): AgentConnection {
	if (core.agentState !== 'running' || !core.connection) {
		throw new HostError('agent-stopped', `the agent is not running${core.exitReason ? ` (${core.exitReason})` : ''}; restart it with C-b R or \`agents restart ${core.options.hostId}\``);
	}
	return core.connection;
}

export function onAgentExit(core: HostCore, connection: AgentConnection, reason: string): void {
	if (core.connection !== connection || core.agentState === 'stopped') return;
	core.agentState = 'stopped';
	core.exitReason = reason;
	core.options.log(`agent ${connection.pid} stopped: ${reason}`);
	core.broker.cancel(undefined, 'host');
	core.terminals.killAll();
	core.activePrompts = 0;
	for (const session of core.sessions.values()) {
		if (session.turn) {
			session.turn = undefined;
			session.interrupted = true;
			core.record(session, {type: 'interrupted', ts: now(), reason: `the agent stopped (${reason}) during the turn; it was not re-sent`},
				{type: 'error', message: `turn interrupted: agent ${reason}`, detail: {interrupted: true}});
		}
		core.record(session, {type: 'agent-stopped', ts: now(), reason}, undefined);
		session.log.flush();
		core.emitSession(session);
	}
	core.emitHost();
}

export async function spawnAgent(core: HostCore): Promise<void> {
	const {options} = core;
	core.agentState = 'starting';
	core.exitReason = undefined;
	core.init = undefined;
	core.emitHost();
	let connection: AgentConnection;
	try {
		connection = await connectAgent({...options.agent, cwd: options.cwd}, core.services);
	} catch (error) {
		core.agentState = 'stopped';
		core.exitReason = (error as Error).message;
		core.emitHost();
		throw error;
	}
	core.connection = connection;
	void connection.exited.then(exit => {
		onAgentExit(core, connection, exit.reason);
	});
	try {
		core.init = await connection.initialize();
	} catch (error) {
		options.log(`initialize failed: ${(error as Error).message}`);
		await connection.stop();
		onAgentExit(core, connection, `initialize failed: ${(error as Error).message}`);
		throw error;
	}
	if (core.connection === connection && core.agentState === 'starting') core.agentState = 'running';
	options.log(`agent ${connection.pid} running (${JSON.stringify(core.init.agentInfo ?? {})})`);
	core.emitHost();
}
