/**
The client's view of a host, kept OUTSIDE React (DESIGN §6 rendering budget; docs/ink-notes.md A2: one
setState per token costs ~2× the CPU of a 50 ms batch). Events are applied to per-session `TranscriptStore`s
as they arrive; React subscribers (`useSyncExternalStore`) are notified at most every `flushMs`, with a fresh
immutable `ClientView`. A snapshot (after hello, a seq gap or an overflow) replaces everything.
*/
import {lastLine, TranscriptStore} from '../../model/transcript.js';
import type {ClientMessage, HostClient, HostEvent, HostStatus, SessionInfo, SessionMeta, Snapshot, TranscriptEntry} from '../../model/types.js';

export type SessionView = {
	readonly info: SessionInfo;
	/** Loaded history pages followed by the live tail; a new array whenever anything in it changed. */
	readonly entries: readonly TranscriptEntry[];
	readonly meta: SessionMeta;
	/** Entries before the first loaded one exist on the host. */
	readonly hasOlder: boolean;
	readonly loadingOlder: boolean;
	/** Last line of agent output (host's, else computed from the tail). */
	readonly lastLine?: string;
};

export type HostNotice = {readonly level: 'info' | 'warning' | 'error'; readonly message: string; readonly at: number};

export type ClientView = {
	/** Increments on every flush that changed something. */
	readonly version: number;
	readonly host: HostStatus;
	/** Sessions in creation order, ended ones left out. */
	readonly sessions: readonly SessionView[];
	readonly byId: ReadonlyMap<string, SessionView>;
	readonly notice?: HostNotice;
	/** Set once the connection ended. */
	readonly closed?: string;
};

type SessionRecord = {
	info: SessionInfo;
	store: TranscriptStore;
	older: TranscriptEntry[];
	loadingOlder: boolean;
	view?: SessionView;
	dirty: boolean;
};

export type EventListener = (event: HostEvent, previous: SessionInfo | undefined) => void;

export type ClientStoreOptions = {
	/** Minimum time between two notifications of React subscribers (DESIGN §6: 50 ms). */
	readonly flushMs?: number;
	readonly now?: () => number;
};

export class ClientStore {
	readonly #client: HostClient;
	readonly #flushMs: number;
	readonly #now: () => number;
	readonly #listeners = new Set<() => void>();
	readonly #eventListeners = new Set<EventListener>();
	readonly #unsubscribe: Array<() => void> = [];
	#sessions = new Map<string, SessionRecord>();
	#host: HostStatus;
	#notice: HostNotice | undefined;
	#closed: string | undefined;
	#generation = 0;
	#version = 0;
	#view: ClientView;
	#chromeView: ClientView;
	#dirty = false;
	#lastFlush = Number.NEGATIVE_INFINITY;
	#timer: ReturnType<typeof setTimeout> | undefined;
	#microtask = false;

	constructor(client: HostClient, options: ClientStoreOptions = {}) {
		this.#client = client;
		this.#flushMs = options.flushMs ?? 50;
		this.#now = options.now ?? (() => performance.now());
		this.#host = client.snapshot.host;
		this.#loadSnapshot(client.snapshot);
		this.#view = this.#buildView();
		this.#chromeView = this.#view;
		this.#unsubscribe.push(
			client.subscribe(message => {
				this.#receive(message);
			}),
			client.onClose(reason => {
				this.#closed = reason;
				this.#markDirty();
			}),
		);
	}

	/** For `useSyncExternalStore`: stable between flushes. */
	readonly getView = (): ClientView => this.#view;

	/**
	The latest view, but a new object only when something besides transcript entries changed (host, sessions, their
	info, meta and paging state, notices). The TUI's chrome subscribes to this: while the pane transcripts (drawn
	outside React, pane-transcripts.ts) stream, Ink does not re-render (issue 4, DESIGN §10). Entries in it may be stale.
	*/
	readonly getChromeView = (): ClientView => this.#chromeView;

	readonly subscribe = (listener: () => void): (() => void) => {
		this.#listeners.add(listener);
		return () => {
			this.#listeners.delete(listener);
		};
	};

	/** Every event as it arrives (unthrottled), with the session's info before it: attention reads this. */
	onEvent(listener: EventListener): () => void {
		this.#eventListeners.add(listener);
		return () => {
			this.#eventListeners.delete(listener);
		};
	}

	/** Notify subscribers now if anything changed (tests, and before the first frame). */
	flush(): void {
		if (this.#timer !== undefined) {
			clearTimeout(this.#timer);
			this.#timer = undefined;
		}
		if (!this.#dirty) return;
		this.#dirty = false;
		this.#lastFlush = this.#now();
		this.#version++;
		const previous = this.#view;
		this.#view = this.#buildView();
		if (chromeChanged(previous, this.#view)) this.#chromeView = this.#view;
		for (const listener of this.#listeners) listener();
	}

	/** Wait until the view satisfies `predicate` (or `ms` passed); resolves with whether it did. */
	async waitFor(predicate: (view: ClientView) => boolean, ms: number): Promise<boolean> {
		if (predicate(this.#view)) return true;
		return new Promise(resolve => {
			const timer = setTimeout(() => {
				unsubscribe();
				resolve(false);
			}, ms);
			const unsubscribe = this.subscribe(() => {
				if (!predicate(this.#view)) return;
				clearTimeout(timer);
				unsubscribe();
				resolve(true);
			});
		});
	}

	/**
	Load one page of history above the oldest loaded entry (a pane scrolled above the tail). Resolves once
	the page is in; a snapshot arriving meanwhile discards it (its tail may already hold those entries).
	*/
	async loadOlder(sessionId: string, limit = 200): Promise<void> {
		const record = this.#sessions.get(sessionId);
		if (record === undefined || record.loadingOlder) return;
		const first = this.#firstIndex(record);
		if (first === undefined || first <= 0) return;
		const generation = this.#generation;
		record.loadingOlder = true;
		this.#touch(record);
		let page: readonly TranscriptEntry[] = [];
		try {
			page = await this.#client.history(sessionId, first, limit);
		} catch {
			page = [];
		}
		if (generation !== this.#generation || this.#sessions.get(sessionId) !== record) return;
		record.loadingOlder = false;
		// Keep only entries strictly before what we hold, in order, so paging is idempotent.
		const fresh = page.filter(entry => entry.index < first).sort((a, b) => a.index - b.index);
		record.older = [...fresh, ...record.older];
		this.#touch(record);
	}

	dispose(): void {
		if (this.#timer !== undefined) clearTimeout(this.#timer);
		for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
		this.#listeners.clear();
		this.#eventListeners.clear();
	}

	#firstIndex(record: SessionRecord): number | undefined {
		return record.older[0]?.index ?? record.store.state.entries[0]?.index ?? (record.store.state.nextIndex > 0 ? record.store.state.nextIndex : undefined);
	}

	#receive(message: ClientMessage): void {
		if (message.type === 'snapshot') {
			this.#loadSnapshot(message.snapshot);
			this.#markDirty();
			return;
		}
		const {event} = message;
		const previous = event.kind === 'session' ? this.#sessions.get(event.session.id)?.info
			: event.kind === 'transcript' ? this.#sessions.get(event.sessionId)?.info : undefined;
		this.#apply(event);
		for (const listener of this.#eventListeners) listener(event, previous);
	}

	#apply(event: HostEvent): void {
		switch (event.kind) {
			case 'transcript': {
				const record = this.#sessions.get(event.sessionId);
				// Unknown session: the session event that announces it comes first; drop, never crash (DESIGN §4.3).
				if (record === undefined) return;
				const before = record.store.state;
				record.store.apply(event.action);
				// The store hands out a new state object after any change, entries or meta (modes, commands).
				if (record.store.state !== before) this.#touch(record);
				return;
			}
			case 'session': {
				const record = this.#sessions.get(event.session.id);
				if (record === undefined) {
					this.#sessions.set(event.session.id, {info: event.session, store: new TranscriptStore(), older: [], loadingOlder: false, dirty: true});
				} else {
					record.info = event.session;
					record.dirty = true;
				}
				this.#markDirty();
				return;
			}
			case 'session-removed': {
				if (this.#sessions.delete(event.sessionId)) this.#markDirty();
				return;
			}
			case 'host': {
				this.#host = event.host;
				this.#markDirty();
				return;
			}
			case 'notice': {
				this.#notice = {level: event.level, message: event.message, at: Date.now()};
				this.#markDirty();
				return;
			}
			default:
		}
	}

	#loadSnapshot(snapshot: Snapshot): void {
		this.#generation++;
		this.#host = snapshot.host;
		const sessions = new Map<string, SessionRecord>();
		for (const session of snapshot.sessions) {
			sessions.set(session.info.id, {info: session.info, store: new TranscriptStore(session.transcript), older: [], loadingOlder: false, dirty: true});
		}
		this.#sessions = sessions;
	}

	#touch(record: SessionRecord): void {
		record.dirty = true;
		this.#markDirty();
	}

	#markDirty(): void {
		this.#dirty = true;
		if (this.#timer !== undefined || this.#microtask) return;
		const wait = this.#lastFlush + this.#flushMs - this.#now();
		if (wait <= 0) {
			// Leading edge: flush after the current burst of synchronous events (one socket chunk).
			this.#microtask = true;
			queueMicrotask(() => {
				this.#microtask = false;
				if (this.#timer === undefined) this.flush();
			});
			return;
		}
		this.#timer = setTimeout(() => {
			this.#timer = undefined;
			this.flush();
		}, wait);
	}

	#buildView(): ClientView {
		const sessions: SessionView[] = [];
		const byId = new Map<string, SessionView>();
		for (const record of this.#sessions.values()) {
			if (record.dirty || record.view === undefined) {
				record.dirty = false;
				const state = record.store.state;
				// The store mutates its array in place: copy, so React sees a new value (and older pages go first).
				const entries = record.older.length > 0 ? [...record.older, ...state.entries] : [...state.entries];
				const first = entries[0]?.index ?? state.nextIndex;
				const line = record.info.lastLine ?? lastLine(state);
				record.view = {
					info: record.info,
					entries,
					meta: state.meta,
					hasOlder: first > 0,
					loadingOlder: record.loadingOlder,
					...(line === undefined ? {} : {lastLine: line}),
				};
			}
			if (record.info.state === 'ended') continue;
			sessions.push(record.view);
			byId.set(record.info.id, record.view);
		}
		return {
			version: this.#version,
			host: this.#host,
			sessions,
			byId,
			...(this.#notice === undefined ? {} : {notice: this.#notice}),
			...(this.#closed === undefined ? {} : {closed: this.#closed}),
		};
	}
}

function chromeChanged(before: ClientView, after: ClientView): boolean {
	if (before.host !== after.host || before.notice !== after.notice || before.closed !== after.closed || before.sessions.length !== after.sessions.length) return true;
	return after.sessions.some((session, index) => {
		const old = before.sessions[index]!;
		return old.info !== session.info || old.meta !== session.meta || old.hasOlder !== session.hasOlder || old.loadingOlder !== session.loadingOlder;
	});
}
