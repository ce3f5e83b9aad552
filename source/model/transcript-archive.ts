/**
Where a host's transcript store moves entries it no longer needs at hand (DESIGN §10: host RSS with 20 sessions ×
5,000 entries ≤ 100 MB). The store keeps a recent window of each session in memory plus the older entries that may
still change; everything else lives in an archive and comes back for history pages, snapshot tails longer than the
window, and the rare late update of an old tool call. Synchronous on purpose: the ACP update handler must stay
synchronous (DESIGN §4.3), and a late update may need its entry back at once.
*/
import {lastNonEmptyLine} from './transcript-content.js';
import type {TranscriptEntry} from './types.js';

export type EntryArchive = {
	/**
	Stores these entries (any order; storing an index again replaces the earlier copy). Returns false when it
	could not (disk full…): the store then keeps the entries in memory and stops archiving.
	*/
	put(entries: readonly TranscriptEntry[]): boolean;
	/** The stored entries with `from ≤ index < to`, ascending; indexes never stored (or unreadable) are left out. */
	read(from: number, to: number): TranscriptEntry[];
};

export type ArchiveOptions = {
	readonly archive: EntryArchive;
	/** Entries kept in memory at the recent end (at least 1: chunks merge into the last entry). */
	readonly keep?: number;
	/** Entries gathered above `keep` before a move, so archiving is one write per batch rather than per entry. */
	readonly batch?: number;
};

export const defaultArchiveKeep = 500;
export const defaultArchiveBatch = 100;

/**
An archive in memory, as one JSON string per entry (about half an entry object's heap size, and no per-entry
hidden classes). The host uses a file (host/entry-archive.ts); this one serves tests and stores without a disk.
*/
export function memoryArchive(): EntryArchive & {readonly size: number} {
	const stored = new Map<number, string>();
	return {
		get size() {
			return stored.size;
		},
		put(entries) {
			for (const entry of entries) stored.set(entry.index, JSON.stringify(entry));
			return true;
		},
		read(from, to) {
			const result: TranscriptEntry[] = [];
			for (let index = Math.max(0, from); index < to; index++) {
				const text = stored.get(index);
				if (text !== undefined) result.push(JSON.parse(text) as TranscriptEntry);
			}

			return result;
		},
	};
}

/** Whether a tool call entry can still take updates by its state (status unfinished or permission unanswered). */
export function toolCallOpen(entry: Extract<TranscriptEntry, {kind: 'tool-call'}>): boolean {
	return entry.status === 'pending'
		|| entry.status === 'in_progress'
		|| (entry.permission !== undefined && entry.permission.resolution === undefined);
}

/**
The part of a store's transcript below its in-memory window: the archive, plus the entries kept in memory there
("pinned": not settled when they left the window, or changed after being archived, so the archived copy is stale).
The store decides what is settled; this class only holds and merges.
*/
export class ArchivedEntries {
	readonly #archive: EntryArchive;
	readonly #keep: number;
	readonly #batch: number;
	#active = true;
	readonly #pinned = new Map<number, TranscriptEntry>();
	#lastLine: string | undefined;

	constructor(options: ArchiveOptions) {
		this.#archive = options.archive;
		this.#keep = Math.max(1, Math.floor(options.keep ?? defaultArchiveKeep));
		this.#batch = Math.max(1, Math.floor(options.batch ?? defaultArchiveBatch));
	}

	/** The last line of the newest archived agent text that has one (what `lastLine` falls back to). */
	get lastLine(): string | undefined {
		return this.#lastLine;
	}

	/** How many of the window's oldest entries to move out now (0 → none). */
	due(windowLength: number): number {
		return this.#active && windowLength > this.#keep + this.#batch ? windowLength - this.#keep : 0;
	}

	pinned(index: number): TranscriptEntry | undefined {
		return this.#pinned.get(index);
	}

	isPinned(index: number): boolean {
		return this.#pinned.has(index);
	}

	pin(entry: TranscriptEntry): void {
		this.#pinned.set(entry.index, entry);
	}

	pinnedEntries(): TranscriptEntry[] {
		return [...this.#pinned.values()].sort((a, b) => a.index - b.index);
	}

	/** The archived copy of one entry (the caller knows it is not pinned). */
	read(index: number): TranscriptEntry | undefined {
		return this.#archive.read(index, index + 1)[0];
	}

	/** Entries with `from ≤ index < to`: the archive's copies, overlaid by pinned ones. */
	range(from: number, to: number): TranscriptEntry[] {
		const archived = this.#archive.read(from, to);
		const pinned = [...this.#pinned.values()].filter(entry => entry.index >= from && entry.index < to);
		if (pinned.length === 0) {
			return archived;
		}

		const byIndex = new Map(archived.map(entry => [entry.index, entry]));
		for (const entry of pinned) {
			byIndex.set(entry.index, entry);
		}

		return [...byIndex.values()].sort((a, b) => a.index - b.index);
	}

	/**
	Takes the window's oldest entries: settled ones go to the archive, the others stay pinned; pinned entries that
	have settled since go too. One `put` per call. False when the archive refused: nothing moved, and archiving
	stops for good (a full disk must not lose entries; they stay in the window).
	*/
	moveOut(leaving: readonly TranscriptEntry[], settled: (entry: TranscriptEntry) => boolean): boolean {
		const going = new Set(leaving.filter(entry => settled(entry)));
		const resettled = [...this.#pinned.values()].filter(entry => settled(entry));
		if (!this.#archive.put([...resettled, ...going])) {
			this.#active = false;
			return false;
		}

		for (const entry of resettled) {
			this.#pinned.delete(entry.index);
		}

		for (const entry of leaving) {
			if (entry.kind === 'agent-text') {
				this.#lastLine = lastNonEmptyLine(entry.text) ?? this.#lastLine;
			}

			if (!going.has(entry)) {
				this.#pinned.set(entry.index, entry);
			}
		}

		return true;
	}
}
