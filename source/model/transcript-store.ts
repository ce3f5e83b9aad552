/**
The transcript reducer's in-place form (issue 2 part 4). The host keeps one store per session (thousands of
chunks/s, 5,000+ entries), every client keeps one per session built from a snapshot tail, and both apply the
same actions: indexes and times come only from the state and the action, so all of them converge.

Entries are never mutated: a changed entry is replaced by a new object at the same position, so UI caches
keyed on entry identity stay valid for everything else.

With an archive (host only, DESIGN §10) the store holds a recent window of entries plus the older ones that may still
change ("pinned"), and moves the rest to the archive; `tail`, `before` and `entryAt` read through it, so what clients
see, indexes included, is the same as with everything in memory.
*/
import type {PlanEntry, SessionUpdate, ToolCallFields} from './acp-types.js';
import {ArchivedEntries, toolCallOpen, type ArchiveOptions} from './transcript-archive.js';
import {lastLine} from './transcript-content.js';
import {applyMetaUpdate} from './transcript-meta.js';
import {lowerBound, positionOf} from './transcript-position.js';
import {buildToolCall, cancelledBy, mergeToolCall, type ToolCallEntry} from './transcript-tool-call.js';
import {classifyUpdate, type ChunkKind, type NewEntry} from './transcript-update.js';
import type {SessionMeta, TailRefs, TranscriptAction, TranscriptEntry, TranscriptState} from './types.js';

export class TranscriptStore {
	readonly #entries: TranscriptEntry[];
	#nextIndex: number;
	#meta: SessionMeta;
	readonly #tailRefs: TailRefs | undefined;
	/** toolCallId → index (DESIGN §4.3: tool calls are keyed per session, and a store is one session). */
	readonly #toolCalls = new Map<string, number>();
	/** requestId → index of the tool call entry holding that permission. */
	readonly #requests = new Map<string, number>();
	/** Request ids whose permission prompt has no resolution yet (resolved by `interrupted`). */
	readonly #pending = new Set<string>();
	#lastPrompt = -1;
	/** Index of the current turn's plan entry (the last plan after the last prompt). */
	#plan: number | undefined;
	#state: TranscriptState | undefined;
	/** Entries below the in-memory window (host side only). */
	readonly #archived: ArchivedEntries | undefined;
	/** The first index this store ever held: below it nothing is known (a client's tail). */
	readonly #firstIndex: number;

	constructor(initial?: TranscriptState, options?: ArchiveOptions) {
		this.#entries = initial ? [...initial.entries] : [];
		this.#nextIndex = initial?.nextIndex ?? 0;
		this.#firstIndex = this.#entries[0]?.index ?? this.#nextIndex;
		this.#archived = options && new ArchivedEntries(options);
		this.#meta = initial?.meta ?? {};
		this.#tailRefs = initial?.tailRefs;
		for (const [id, index] of Object.entries(this.#tailRefs?.toolCalls ?? {})) {
			this.#toolCalls.set(id, index);
		}

		let sawPrompt = false;
		for (const entry of this.#entries) {
			if (entry.kind === 'tool-call') {
				this.#toolCalls.set(entry.toolCallId, entry.index);
				if (entry.permission) {
					this.#requests.set(entry.permission.requestId, entry.index);
					if (!entry.permission.resolution) {
						this.#pending.add(entry.permission.requestId);
					}
				}
			} else if (entry.kind === 'prompt') {
				sawPrompt = true;
				this.#lastPrompt = entry.index;
				this.#plan = undefined;
			} else if (entry.kind === 'plan') {
				this.#plan = entry.index;
			} else if (entry.kind === 'agent-stopped' || entry.kind === 'history-divider') {
				this.#forgetIds();
			}
		}

		// A tail that starts inside the current turn: its plan may lie before the first held entry.
		if (!sawPrompt && this.#plan === undefined) {
			this.#plan = this.#tailRefs?.plan;
		}
	}

	/**
	The current state. Its `entries` is the store's own array (mutated by `apply`); the object is new after each change.
	With an archive it holds only the recent window: use `tail`, `before` and `entryAt` for anything older.
	*/
	get state(): TranscriptState {
		this.#state ??= this.#tailRefs
			? {entries: this.#entries, nextIndex: this.#nextIndex, meta: this.#meta, tailRefs: this.#tailRefs}
			: {entries: this.#entries, nextIndex: this.#nextIndex, meta: this.#meta};
		return this.#state;
	}

	/** Applies one action; returns the indexes of the entries added or replaced, ascending. */
	apply(action: TranscriptAction): readonly number[] {
		const changed: number[] = [];
		const metaBefore = this.#meta;
		this.#dispatch(action, changed);
		if (changed.length > 0 || this.#meta !== metaBefore) {
			this.#state = undefined;
		}

		const leaving = this.#archived?.due(this.#entries.length) ?? 0;
		if (leaving > 0 && this.#archived?.moveOut(this.#entries.slice(0, leaving), entry => this.#settled(entry))) {
			this.#entries.splice(0, leaving);
			this.#state = undefined;
		}

		return changed.length > 1 ? [...new Set(changed)].sort((a, b) => a - b) : changed;
	}

	/** Replaces the metadata (host side, after `session/load` or `session/resume` answered with modes/options). */
	setMeta(meta: SessionMeta): void {
		this.#meta = meta;
		this.#state = undefined;
	}

	entryAt(index: number): TranscriptEntry | undefined {
		const held = this.#held(index);
		if (held !== undefined || !this.#isArchived(index)) {
			return held;
		}

		return this.#archived?.read(index);
	}

	/** The last line of agent text, as `lastLine(state)` over every entry, archived ones included. */
	lastLine(): string | undefined {
		return lastLine(this.state) ?? this.#archived?.lastLine;
	}

	/** Entries held in memory below the window (unfinished tool calls, the current plan), ascending. */
	pinnedEntries(): readonly TranscriptEntry[] {
		return this.#archived?.pinnedEntries() ?? [];
	}

	/**
	The last `count` entries as a state a client can keep applying actions to. At least one entry is kept when
	there is any, because chunks merge into the last entry.
	*/
	tail(count: number): TranscriptState {
		const windowed = this.#entries.length;
		const held = this.#archived ? this.#nextIndex - this.#firstIndex : windowed;
		const keep = Math.min(held, Math.max(held > 0 ? 1 : 0, Math.floor(count)));
		const entries = keep <= windowed
			? this.#entries.slice(windowed - keep)
			: [...this.#archived?.range(this.#nextIndex - keep, this.#windowStart()) ?? [], ...this.#entries];
		const start = entries[0]?.index ?? this.#nextIndex;
		if (start <= 0) {
			return {entries, nextIndex: this.#nextIndex, meta: this.#meta};
		}

		// fromEntries defines own properties, so an agent's toolCallId `__proto__` stays a plain key.
		const toolCalls: Record<string, number> = Object.fromEntries([...this.#toolCalls].filter(([, index]) => index < start && this.#mayChange(index)));

		const plan = this.#plan !== undefined && this.#plan < start ? this.#plan : undefined;
		const tailRefs: TailRefs = plan === undefined ? {toolCalls} : {toolCalls, plan};
		return {entries, nextIndex: this.#nextIndex, meta: this.#meta, tailRefs};
	}

	/** Up to `limit` entries immediately before `index` (history paging), in order. */
	before(index: number, limit: number): readonly TranscriptEntry[] {
		const wanted = Math.max(0, Math.floor(limit));
		const end = lowerBound(this.#entries, index);
		const recent = this.#entries.slice(Math.max(0, end - wanted), end);
		const missing = wanted - recent.length;
		const upTo = Math.min(index, this.#windowStart());
		if (!this.#archived || missing <= 0 || upTo <= this.#firstIndex) {
			return recent;
		}

		return [...this.#archived.range(Math.max(this.#firstIndex, upTo - missing), upTo), ...recent];
	}

	#dispatch(action: TranscriptAction, changed: number[]): void {
		switch (action.type) {
			case 'update': {
				this.#applyUpdate(action.update, action.ts, changed);
				return;
			}

			case 'prompt': {
				this.#appendPrompt(action.ts, {kind: 'prompt', text: action.text, ...(action.client === undefined ? {} : {client: action.client})}, changed);
				return;
			}

			case 'permission-request': {
				this.#applyPermissionRequest(action, changed);
				return;
			}

			case 'permission-resolved': {
				this.#resolve(action.requestId, {outcome: action.outcome, by: action.by}, changed);
				return;
			}

			case 'turn-end': {
				this.#append(action.ts, {kind: 'turn-end', stopReason: action.stopReason, ms: action.ms}, changed);
				return;
			}

			case 'interrupted': {
				this.#append(action.ts, {kind: 'interrupted', reason: action.reason}, changed);
				// The turn's outcome is unknown and nobody can answer its prompts any more (DESIGN §4.2).
				for (const requestId of [...this.#pending]) {
					this.#resolve(requestId, cancelledBy('host'), changed);
				}

				return;
			}

			case 'error': {
				this.#append(action.ts, {kind: 'error', message: action.message}, changed);
				return;
			}

			case 'agent-stopped': {
				this.#append(action.ts, {kind: 'agent-stopped', reason: action.reason}, changed);
				// The process that asked is gone: its prompts can never be answered (DESIGN §4.2).
				for (const requestId of [...this.#pending]) {
					this.#resolve(requestId, cancelledBy('host'), changed);
				}

				this.#forgetIds();
				return;
			}

			case 'history-divider': {
				this.#append(action.ts, {kind: 'history-divider', text: action.text}, changed);
				this.#forgetIds();
				return;
			}

			default: {
				// An action kind from a newer host: keep it visible rather than lose it.
				this.#append((action as {ts?: string}).ts ?? '', {kind: 'raw', update: action}, changed);
			}
		}
	}

	#applyUpdate(update: SessionUpdate, ts: string, changed: number[]): void {
		const intent = classifyUpdate(update);
		switch (intent.type) {
			case 'chunk': {
				this.#appendChunk(intent.kind, intent.text, intent.messageId, ts, changed);
				return;
			}

			case 'tool-call': {
				this.#upsertToolCall(intent.fields, ts, changed);
				return;
			}

			case 'plan': {
				this.#applyPlan(intent.entries, ts, changed);
				return;
			}

			case 'meta': {
				const meta = applyMetaUpdate(this.#meta, update);
				if (meta === undefined) {
					this.#append(ts, {kind: 'raw', update}, changed);
				} else {
					this.#meta = meta;
				}

				return;
			}

			case 'entry': {
				this.#append(ts, intent.entry, changed);
			}
		}
	}

	#appendChunk(kind: ChunkKind, text: string, messageId: string | undefined, ts: string, changed: number[]): void {
		const last = this.#entries.at(-1);
		// Same kind and same messageId (both absent counts as same) continue the message; replayed user
		// chunks never merge into a live prompt.
		if (last && last.kind === kind && last.messageId === messageId && (last.kind !== 'prompt' || last.replayed === true)) {
			this.#replace({...last, text: last.text + text}, changed);
			return;
		}

		const id = messageId === undefined ? {} : {messageId};
		if (kind === 'prompt') {
			this.#appendPrompt(ts, {kind, text, replayed: true, ...id}, changed);
		} else {
			this.#append(ts, {kind, text, ...id}, changed);
		}
	}

	#appendPrompt(ts: string, entry: NewEntry & {kind: 'prompt'}, changed: number[]): void {
		this.#lastPrompt = this.#append(ts, entry, changed);
		this.#plan = undefined;
	}

	#upsertToolCall(fields: ToolCallFields, ts: string, changed: number[]): number {
		const known = this.#toolCalls.get(fields.toolCallId);
		if (known === undefined) {
			const index = this.#nextIndex;
			this.#toolCalls.set(fields.toolCallId, index);
			this.#push(buildToolCall(fields, index, ts), changed);
			return index;
		}

		// A known id, maybe held before this tail (then only the host holds it: nothing to do here).
		const entry = this.entryAt(known);
		if (entry?.kind === 'tool-call') {
			this.#replace(mergeToolCall(entry, fields), changed);
		}

		return known;
	}

	#applyPermissionRequest(action: TranscriptAction & {type: 'permission-request'}, changed: number[]): void {
		const toolCall = action.toolCall as ToolCallFields | undefined;
		// codex asks before announcing the tool call, gemini never announces it (agent-quirks §1.1): upsert.
		const fields: ToolCallFields = typeof toolCall?.toolCallId === 'string'
			? toolCall
			: {...toolCall, toolCallId: `permission-${action.requestId}`};
		const index = this.#upsertToolCall(fields, action.ts, changed);
		this.#requests.set(action.requestId, index);
		const entry = this.entryAt(index);
		if (entry?.kind !== 'tool-call') {
			return;
		}

		if (entry.permission && !entry.permission.resolution) {
			this.#pending.delete(entry.permission.requestId);
		}

		this.#pending.add(action.requestId);
		this.#replace({...entry, permission: {requestId: action.requestId, options: action.options}}, changed);
	}

	#resolve(requestId: string, resolution: NonNullable<NonNullable<ToolCallEntry['permission']>['resolution']>, changed: number[]): void {
		const index = this.#requests.get(requestId);
		this.#pending.delete(requestId);
		const entry = index === undefined ? undefined : this.entryAt(index);
		if (entry?.kind !== 'tool-call' || entry.permission?.requestId !== requestId || entry.permission.resolution) {
			return;
		}

		this.#replace({...entry, permission: {...entry.permission, resolution}}, changed);
	}

	#applyPlan(planEntries: readonly PlanEntry[], ts: string, changed: number[]): void {
		if (this.#plan === undefined) {
			this.#plan = this.#append(ts, {kind: 'plan', entries: planEntries}, changed);
			return;
		}

		// Each `plan` is a full replacement of the turn's plan: same index, new object.
		const current = this.entryAt(this.#plan);
		if (current?.kind === 'plan') {
			this.#replace({...current, entries: planEntries}, changed);
		}
	}

	/**
	A new agent process numbers its tool calls and JSON-RPC requests afresh (the example agent reuses `call_1`
	in every session), so ids seen before a stop or a history divider must not catch the new ones.
	*/
	#forgetIds(): void {
		this.#toolCalls.clear();
		this.#requests.clear();
		this.#pending.clear();
	}

	#append(ts: string, entry: NewEntry, changed: number[]): number {
		const index = this.#nextIndex;
		this.#push({index, ts, ...entry} as TranscriptEntry, changed);
		return index;
	}

	#push(entry: TranscriptEntry, changed: number[]): void {
		this.#entries.push(entry);
		this.#nextIndex = entry.index + 1;
		changed.push(entry.index);
	}

	#replace(entry: TranscriptEntry, changed: number[]): void {
		const position = positionOf(this.#entries, entry.index);
		if (position !== undefined) {
			this.#entries[position] = entry;
			changed.push(entry.index);
		} else if (this.#archived?.isPinned(entry.index) || this.#isArchived(entry.index)) {
			// Changed after it left the window: held in memory again until it settles (the archived copy is stale).
			this.#archived?.pin(entry);
			changed.push(entry.index);
		}
	}

	#windowStart(): number {
		return this.#entries[0]?.index ?? this.#nextIndex;
	}

	/** An entry in memory (window or pinned), never read from the archive. */
	#held(index: number): TranscriptEntry | undefined {
		const position = positionOf(this.#entries, index);
		return position === undefined ? this.#archived?.pinned(index) : this.#entries[position];
	}

	/** Whether `index` was moved to the archive and is not pinned (so the archived copy is current). */
	#isArchived(index: number): boolean {
		return this.#archived !== undefined && index >= this.#firstIndex && index < this.#windowStart() && !this.#archived.isPinned(index);
	}

	/**
	Whether an entry can no longer change: only the last entry takes chunks, the current plan takes plans, and a
	tool call takes updates while its id still reaches it and it is unfinished or awaits an answer.
	*/
	#settled(entry: TranscriptEntry): boolean {
		if (entry.index === this.#plan) {
			return false;
		}

		return entry.kind !== 'tool-call' || this.#toolCalls.get(entry.toolCallId) !== entry.index || !toolCallOpen(entry);
	}

	/** Whether a tool call still takes updates: unfinished, awaiting permission, or in the current turn. */
	#mayChange(index: number): boolean {
		if (this.#isArchived(index)) {
			// Only settled entries are archived, and a change pins them again: its status is final.
			return index > this.#lastPrompt;
		}

		const entry = this.#held(index);
		if (entry?.kind !== 'tool-call') {
			return entry === undefined; // Known only by reference: pass it on.
		}

		return index > this.#lastPrompt || toolCallOpen(entry);
	}
}
