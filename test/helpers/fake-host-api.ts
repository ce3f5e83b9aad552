/**
An in-memory HostApi for socket tests: sessions with transcripts, pending permissions (first answer wins),
and events numbered with a host-wide contiguous seq, as the real host does.
*/
import {
	HostError,
	type AnswerResult,
	type HostApi,
	type HostEvent,
	type HostEventBody,
	type HostStatus,
	type SessionInfo,
	type Snapshot,
	type TranscriptEntry,
} from '../../source/model/types.js';

type FakeSession = {info: SessionInfo; entries: TranscriptEntry[]};

export type FakeHostApi = HostApi & {
	readonly calls: Array<{method: string; args: unknown[]}>;
	readonly shutdownReasons: string[];
	/** Emit an event with the next seq (set `skipSeq` to simulate a lost event). */
	emit(body: HostEventBody): HostEvent;
	/** Burn one seq without emitting anything: the next event arrives after a gap. */
	skipSeq(): void;
	addSession(id: string): SessionInfo;
	addEntry(sessionId: string, text: string): void;
	addPermission(sessionId: string, requestId: string): void;
	clients(): number;
	setClients(count: number): void;
};

export function createFakeHostApi(hostId = 'test.proj.fake.1'): FakeHostApi {
	const sessions = new Map<string, FakeSession>();
	const listeners = new Set<(event: HostEvent) => void>();
	const answered = new Map<string, string>();
	const calls: Array<{method: string; args: unknown[]}> = [];
	const shutdownReasons: string[] = [];
	let seq = 0;
	let clientCount = 0;

	const session = (id: string): FakeSession => {
		const found = sessions.get(id);
		if (!found) throw new HostError('unknown-session', `unknown session ${id}`);
		return found;
	};

	const status = (): HostStatus => ({
		hostId,
		pid: process.pid,
		cwd: process.cwd(),
		started: '2026-11-21T00:00:00.000Z',
		phase: 'idle',
		activePrompts: 0,
		pendingPermissions: [...sessions.values()].reduce((sum, s) => sum + s.info.pendingPermissions.length, 0),
		agent: {name: 'fake', command: 'fake', args: [], state: 'running'},
		clients: clientCount,
	});

	const emit = (body: HostEventBody): HostEvent => {
		const event = {...body, seq: ++seq} as HostEvent;
		for (const listener of [...listeners]) listener(event);
		return event;
	};

	const addEntry = (sessionId: string, text: string): void => {
		const target = session(sessionId);
		const ts = new Date().toISOString();
		target.entries.push({kind: 'agent-text', index: target.entries.length, ts, text});
		emit({kind: 'transcript', sessionId, action: {type: 'update', ts, update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}}}});
	};

	const api: FakeHostApi = {
		calls,
		shutdownReasons,
		emit,
		skipSeq() {
			seq++;
		},
		addSession(id) {
			const info: SessionInfo = {id, cwd: '/tmp', state: 'idle', queue: [], pendingPermissions: [], created: new Date().toISOString()};
			sessions.set(id, {info, entries: []});
			emit({kind: 'session', session: info});
			return info;
		},
		addEntry,
		addPermission(sessionId, requestId) {
			const target = session(sessionId);
			const pending = {requestId, sessionId, toolCallId: `tc-${requestId}`, title: 'run ls', options: [{optionId: 'allow', name: 'Allow', kind: 'allow_once' as const}], since: new Date().toISOString()};
			target.info = {...target.info, state: 'waiting', pendingPermissions: [...target.info.pendingPermissions, pending]};
			emit({kind: 'session', session: target.info});
		},
		clients: () => clientCount,
		setClients(count) {
			clientCount = count;
		},
		status,
		snapshot(options): Snapshot {
			const tail = options?.tail ?? Number.POSITIVE_INFINITY;
			return {
				seq,
				host: status(),
				sessions: [...sessions.values()].map(s => {
					const entries = tail === 0 ? [] : s.entries.slice(-tail);
					return {info: s.info, transcript: {entries, nextIndex: s.entries.length, meta: {}}};
				}),
			};
		},
		history(sessionId, before, limit) {
			calls.push({method: 'history', args: [sessionId, before, limit]});
			return session(sessionId).entries.filter(entry => entry.index < before).slice(-limit);
		},
		async newSession(options) {
			calls.push({method: 'newSession', args: [options]});
			return api.addSession(`s${sessions.size + 1}`);
		},
		async prompt(sessionId, text, client) {
			calls.push({method: 'prompt', args: [sessionId, text, client]});
			session(sessionId);
			emit({kind: 'transcript', sessionId, action: {type: 'prompt', ts: new Date().toISOString(), text: String(text), client}});
			return {queued: false, queueLength: 0};
		},
		setQueue(sessionId, queue) {
			calls.push({method: 'setQueue', args: [sessionId, queue]});
			session(sessionId);
		},
		async cancel(sessionId) {
			calls.push({method: 'cancel', args: [sessionId]});
			session(sessionId);
		},
		async endSession(sessionId) {
			calls.push({method: 'endSession', args: [sessionId]});
			session(sessionId);
		},
		answerPermission(sessionId, requestId, optionId, client): AnswerResult {
			calls.push({method: 'answerPermission', args: [sessionId, requestId, optionId, client]});
			const target = session(sessionId);
			const winner = answered.get(requestId);
			if (winner) return {accepted: false, winner};
			answered.set(requestId, client);
			target.info = {...target.info, state: 'idle', pendingPermissions: target.info.pendingPermissions.filter(p => p.requestId !== requestId)};
			const outcome = optionId ? {outcome: 'selected' as const, optionId} : {outcome: 'cancelled' as const};
			emit({kind: 'transcript', sessionId, action: {type: 'permission-resolved', ts: new Date().toISOString(), requestId, outcome, by: client}});
			emit({kind: 'session', session: target.info});
			return {accepted: true, winner: client};
		},
		async setMode(sessionId, modeId) {
			calls.push({method: 'setMode', args: [sessionId, modeId]});
			session(sessionId);
		},
		async setConfigOption(sessionId, configId, value) {
			calls.push({method: 'setConfigOption', args: [sessionId, configId, value]});
			session(sessionId);
		},
		async restartAgent() {
			calls.push({method: 'restartAgent', args: []});
		},
		async shutdown(reason) {
			shutdownReasons.push(reason ?? '');
		},
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
	return api;
}
