/**
An in-memory HostClient for component tests: actions are applied to real `TranscriptStore`s and broadcast as
numbered events, like the host does. Calls are recorded so tests can assert what the UI asked for.
*/
import {TranscriptStore} from '../../source/model/transcript.js';
import type {
	AnswerResult, ClientMessage, HostClient, HostEvent, HostEventBody, HostPhase, HostStatus, NewSessionOptions, PendingPermission,
	PromptResult, SessionInfo, Snapshot, TranscriptAction, TranscriptEntry,
} from '../../source/model/types.js';
import type {PermissionOption} from '../../source/model/acp-types.js';

export type Call = {readonly method: string; readonly args: readonly unknown[]};

const ts = '2026-11-21T10:00:00.000Z';

export const permissionOptions: readonly PermissionOption[] = [
	{optionId: 'allow', name: 'Allow once', kind: 'allow_once'},
	{optionId: 'always', name: 'Always allow', kind: 'allow_always'},
	{optionId: 'reject', name: 'Reject', kind: 'reject_once'},
];

export type FakeHostOptions = {
	readonly hostId?: string;
	readonly readOnly?: boolean;
	readonly sessions?: number;
	/** Entries already in each session before the snapshot (history paging tests). */
	readonly historyEntries?: number;
	/** How many of those the snapshot carries as the tail. */
	readonly tail?: number;
};

export class FakeHostClient implements HostClient {
	readonly hostId: string;
	readonly clientId = 'client-1';
	readonly readOnly: boolean;
	readonly calls: Call[] = [];
	readonly stores = new Map<string, TranscriptStore>();
	readonly infos = new Map<string, SessionInfo>();
	snapshot: Snapshot;
	#seq = 0;
	#listeners = new Set<(message: ClientMessage) => void>();
	#closeListeners = new Set<(reason: string) => void>();
	#host: HostStatus;
	#nextSession = 1;
	#nextRequest = 1;
	readonly #tail: number;

	constructor(options: FakeHostOptions = {}) {
		this.hostId = options.hostId ?? 'box.proj.demo.1763762400';
		this.readOnly = options.readOnly ?? false;
		this.#tail = options.tail ?? 1000;
		this.#host = {
			hostId: this.hostId, pid: 1, cwd: '/work/proj', started: ts, phase: 'idle', activePrompts: 0, pendingPermissions: 0,
			agent: {name: 'demo', command: 'demo', args: [], state: 'running'}, clients: 1,
		};
		for (let i = 0; i < (options.sessions ?? 1); i++) {
			const info = this.#makeSession('/work/proj');
			const store = this.stores.get(info.id)!;
			for (let j = 0; j < (options.historyEntries ?? 0); j++) {
				store.apply({type: 'prompt', ts, text: `old prompt ${j}`});
			}
		}
		this.snapshot = this.#buildSnapshot();
	}

	get host(): HostStatus {
		return this.#host;
	}

	sessionIds(): readonly string[] {
		return [...this.infos.keys()];
	}

	#makeSession(cwd: string, title?: string): SessionInfo {
		const id = `sess-${this.#nextSession++}`;
		const info: SessionInfo = {id, cwd, state: 'idle', queue: [], pendingPermissions: [], created: ts, ...(title === undefined ? {} : {title})};
		this.infos.set(id, info);
		this.stores.set(id, new TranscriptStore());
		return info;
	}

	#buildSnapshot(): Snapshot {
		return {
			seq: this.#seq,
			host: this.#host,
			sessions: [...this.infos.values()].map(info => ({info, transcript: this.stores.get(info.id)!.tail(this.#tail)})),
		};
	}

	/** Send a fresh snapshot (as after a seq gap). */
	resnapshot(): void {
		this.snapshot = this.#buildSnapshot();
		for (const listener of this.#listeners) listener({type: 'snapshot', snapshot: this.snapshot});
	}

	emit(body: HostEventBody): void {
		const event = {...body, seq: ++this.#seq} as HostEvent;
		for (const listener of this.#listeners) listener({type: 'event', event});
	}

	/** Apply a transcript action on the "host" and broadcast it. */
	act(sessionId: string, action: TranscriptAction): void {
		this.stores.get(sessionId)?.apply(action);
		this.emit({kind: 'transcript', sessionId, action});
	}

	patchSession(sessionId: string, patch: Partial<SessionInfo>): void {
		const info = {...this.infos.get(sessionId)!, ...patch};
		this.infos.set(sessionId, info);
		this.emit({kind: 'session', session: info});
		this.#recomputePhase();
	}

	#recomputePhase(): void {
		const infos = [...this.infos.values()];
		const pending = infos.reduce((sum, info) => sum + info.pendingPermissions.length, 0);
		const active = infos.filter(info => ['running', 'waiting', 'cancelling'].includes(info.state)).length;
		let phase: HostPhase = 'idle';
		if (this.#host.agent.state === 'stopped') phase = 'stopped';
		else if (pending > 0) phase = 'waiting';
		else if (active > 0) phase = 'running';
		if (phase !== this.#host.phase || pending !== this.#host.pendingPermissions || active !== this.#host.activePrompts) {
			this.#host = {...this.#host, phase, pendingPermissions: pending, activePrompts: active};
			this.emit({kind: 'host', host: this.#host});
		}
	}

	setAgentStopped(reason: string): void {
		this.#host = {...this.#host, agent: {...this.#host.agent, state: 'stopped', exitReason: reason}, phase: 'stopped'};
		this.emit({kind: 'host', host: this.#host});
		for (const id of this.infos.keys()) {
			this.act(id, {type: 'agent-stopped', ts, reason});
			this.patchSession(id, {state: 'stopped', pendingPermissions: []});
		}
	}

	/** Stream agent text into a session. */
	say(sessionId: string, text: string): void {
		this.act(sessionId, {type: 'update', ts, update: {sessionUpdate: 'agent_message_chunk', content: {type: 'text', text}}});
	}

	startTurn(sessionId: string, text = 'do it'): void {
		this.act(sessionId, {type: 'prompt', ts, text});
		this.patchSession(sessionId, {state: 'running', turnStarted: ts});
	}

	endTurn(sessionId: string, stopReason = 'end_turn'): void {
		this.act(sessionId, {type: 'turn-end', ts, stopReason, ms: 10});
		this.patchSession(sessionId, {state: 'idle', pendingPermissions: []});
	}

	/** Ask for a permission on a new tool call; returns the request id. */
	requestPermission(sessionId: string, title = 'Edit main.ts'): string {
		const requestId = `req-${this.#nextRequest++}`;
		const toolCallId = `tool-${requestId}`;
		this.act(sessionId, {type: 'permission-request', ts, requestId, toolCall: {toolCallId, title, kind: 'edit', status: 'pending'}, options: permissionOptions});
		const info = this.infos.get(sessionId)!;
		const pending: PendingPermission = {requestId, sessionId, toolCallId, title, options: permissionOptions, since: ts};
		this.patchSession(sessionId, {state: 'waiting', pendingPermissions: [...info.pendingPermissions, pending]});
		return requestId;
	}

	close(): void {
		this.calls.push({method: 'close', args: []});
		this.closeWith('closed');
	}

	closeWith(reason: string): void {
		for (const listener of this.#closeListeners) listener(reason);
		this.#closeListeners.clear();
	}

	subscribe(listener: (message: ClientMessage) => void): () => void {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	}

	onClose(listener: (reason: string) => void): () => void {
		this.#closeListeners.add(listener);
		return () => {
			this.#closeListeners.delete(listener);
		};
	}

	#record(method: string, ...args: unknown[]): void {
		this.calls.push({method, args});
		if (this.readOnly) throw new Error('read-only client');
	}

	async history(sessionId: string, before: number, limit: number): Promise<readonly TranscriptEntry[]> {
		this.calls.push({method: 'history', args: [sessionId, before, limit]});
		return this.stores.get(sessionId)?.before(before, limit) ?? [];
	}

	async newSession(options: NewSessionOptions): Promise<SessionInfo> {
		this.#record('newSession', options);
		const info = this.#makeSession(options.cwd ?? this.#host.cwd);
		this.emit({kind: 'session', session: info});
		return info;
	}

	async prompt(sessionId: string, text: string): Promise<PromptResult> {
		this.#record('prompt', sessionId, text);
		const info = this.infos.get(sessionId)!;
		if (info.state === 'running' || info.state === 'waiting') {
			this.patchSession(sessionId, {queue: [...info.queue, text]});
			return {queued: true, queueLength: info.queue.length + 1};
		}
		this.startTurn(sessionId, text);
		return {queued: false, queueLength: 0};
	}

	async setQueue(sessionId: string, queue: readonly string[]): Promise<void> {
		this.#record('setQueue', sessionId, queue);
		this.patchSession(sessionId, {queue});
	}

	async cancel(sessionId: string): Promise<void> {
		this.#record('cancel', sessionId);
		const info = this.infos.get(sessionId)!;
		for (const pending of info.pendingPermissions) {
			this.act(sessionId, {type: 'permission-resolved', ts, requestId: pending.requestId, outcome: {outcome: 'cancelled'}, by: 'host'});
		}
		if (info.state !== 'idle') this.endTurn(sessionId, 'cancelled');
	}

	async endSession(sessionId: string): Promise<void> {
		this.#record('endSession', sessionId);
		const info = this.infos.get(sessionId)!;
		if (info.state === 'running' || info.state === 'waiting') throw new Error('session is busy: cancel its turn first');
		this.infos.delete(sessionId);
		this.emit({kind: 'session-removed', sessionId});
		this.#recomputePhase();
	}

	async answerPermission(sessionId: string, requestId: string, optionId: string | undefined): Promise<AnswerResult> {
		this.#record('answerPermission', sessionId, requestId, optionId);
		const outcome = optionId === undefined ? {outcome: 'cancelled' as const} : {outcome: 'selected' as const, optionId};
		this.act(sessionId, {type: 'permission-resolved', ts, requestId, outcome, by: this.clientId});
		const info = this.infos.get(sessionId)!;
		const rest = info.pendingPermissions.filter(pending => pending.requestId !== requestId);
		this.patchSession(sessionId, {pendingPermissions: rest, state: rest.length > 0 ? 'waiting' : 'running'});
		return {accepted: true};
	}

	async setMode(sessionId: string, modeId: string): Promise<void> {
		this.#record('setMode', sessionId, modeId);
	}

	async setConfigOption(sessionId: string, configId: string, value: string | boolean): Promise<void> {
		this.#record('setConfigOption', sessionId, configId, value);
	}

	async restartAgent(): Promise<void> {
		this.#record('restartAgent');
		this.#host = {...this.#host, agent: {...this.#host.agent, state: 'running'}, phase: 'idle'};
		this.emit({kind: 'host', host: this.#host});
	}

	async kill(): Promise<void> {
		this.#record('kill');
	}
}
