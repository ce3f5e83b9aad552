/**
Transcript virtualization (DESIGN §6 rendering budget: "only visible lines are laid out (wrap cache per entry and
width); scrolled-up views do not jump on new output"). Pure functions over the entry array:

- the wrap cache is keyed by entry object identity (the reducer replaces a changed entry with a new object, so an
  unchanged object never needs re-rendering) and by width + options;
- `visibleLines` walks from the bottom and renders only the entries needed to fill the viewport;
- `scrollOffset` counts lines above the bottom (0 = follow the tail), so a view scrolled up stays put only if the
  caller adds the appended line count: `keepScrollPosition`.
*/
import type {TranscriptEntry} from '../../model/types.js';
import {renderEntry, type RenderOptions} from './render-entry.js';
import {plain} from './text.js';

type CachedLayout = {readonly lines: readonly string[]; plainLower?: readonly string[]};

const cache = new WeakMap<TranscriptEntry, Map<string, CachedLayout>>();
/** Totals per entry array (arrays are replaced on every change, so identity is a safe key). */
const totals = new WeakMap<readonly TranscriptEntry[], Map<string, number>>();
let renders = 0;

/** How many times the layout called `renderEntry` (for tests that prove the cache works). */
export function layoutStats(): {readonly renders: number} {
	return {renders};
}

function optionsKey(width: number, options: RenderOptions): string {
	return `${width}\u0000${options.expandThoughts ? 1 : 0}\u0000${options.restartKey ?? ''}\u0000${options.color === false ? 0 : 1}`;
}

function layoutOf(entry: TranscriptEntry, width: number, options: RenderOptions, key: string): CachedLayout {
	let perEntry = cache.get(entry);
	const hit = perEntry?.get(key);
	if (hit) {
		return hit;
	}

	if (!perEntry) {
		perEntry = new Map();
		cache.set(entry, perEntry);
	} else if (perEntry.size >= 4) {
		// Old widths are dead after a resize; keep the per-entry map tiny.
		perEntry.clear();
	}

	renders++;
	const layout: CachedLayout = {lines: renderEntry(entry, width, options)};
	perEntry.set(key, layout);
	return layout;
}

/** The lines of one entry, from the cache when possible. */
export function entryLines(entry: TranscriptEntry, width: number, options: RenderOptions = {}): readonly string[] {
	const w = Math.max(1, Math.floor(width));
	return layoutOf(entry, w, options, optionsKey(w, options)).lines;
}

/** Total laid-out lines (lays out every entry once; cached per entry and per array). */
export function totalLines(entries: readonly TranscriptEntry[], width: number, options: RenderOptions = {}): number {
	const w = Math.max(1, Math.floor(width));
	const key = optionsKey(w, options);
	const known = totals.get(entries)?.get(key);
	if (known !== undefined) {
		return known;
	}

	let total = 0;
	for (const entry of entries) {
		total += layoutOf(entry, w, options, key).lines.length;
	}

	let perArray = totals.get(entries);
	if (!perArray) {
		perArray = new Map();
		totals.set(entries, perArray);
	}

	perArray.set(key, total);
	return total;
}

export type VisibleLines = {
	readonly lines: readonly string[];
	/** The offset actually used, clamped to [0, total - height]. */
	readonly scrollOffset: number;
	/** All laid-out lines; computed on first read (it lays out every entry), so read it only when needed. */
	readonly total: number;
};

/**
The lines of a `height`-row viewport whose bottom is `scrollOffset` lines above the transcript's end. Fewer than
`height` lines come back only when the whole transcript is shorter than the viewport (the caller pads).
*/
export function visibleLines(entries: readonly TranscriptEntry[], width: number, height: number, scrollOffset: number, options: RenderOptions = {}): VisibleLines {
	const w = Math.max(1, Math.floor(width));
	const h = Math.max(0, Math.floor(height));
	const key = optionsKey(w, options);
	let offset = Math.max(0, Math.floor(scrollOffset));
	const need = offset + h;
	// Walk from the bottom, collecting entries' lines (newest first) until the viewport and the offset are covered.
	const chunks: Array<readonly string[]> = [];
	let count = 0;
	let index = entries.length - 1;
	for (; index >= 0 && count < need; index--) {
		const entry = entries[index];
		if (entry) {
			const {lines} = layoutOf(entry, w, options, key);
			chunks.push(lines);
			count += lines.length;
		}
	}

	let knownTotal: number | undefined;
	if (index < 0) {
		// Ran out of entries: the total is known, so clamp (can't scroll above the first line).
		knownTotal = count;
		offset = Math.min(offset, Math.max(0, count - h));
	}

	// Lines collected span [count - 1 … 0] counting up from the bottom; take bottom offsets [offset, offset + h).
	const out: string[] = [];
	let bottom = 0; // Bottom offset of the last line of the current chunk.
	for (const lines of chunks) {
		// This chunk covers bottom offsets [bottom, bottom + lines.length).
		for (let i = lines.length - 1; i >= 0; i--) {
			const fromBottom = bottom + (lines.length - 1 - i);
			if (fromBottom >= offset && fromBottom < offset + h) {
				out.push(lines[i] ?? '');
			}
		}

		bottom += lines.length;
		if (bottom >= offset + h) {
			break;
		}
	}

	out.reverse();
	const usedOffset = offset;
	return {
		lines: out,
		scrollOffset: usedOffset,
		get total() {
			knownTotal ??= totalLines(entries, w, options);
			return knownTotal;
		},
	};
}

/**
The scroll offset that keeps a scrolled-up view on the same lines after the transcript grew (or shrank) from
`oldTotal` to `newTotal` lines. A view at the tail (offset 0) keeps following the tail (DESIGN §6, peers §3.5:
"stop auto-scroll while reading").
*/
export function keepScrollPosition(oldTotal: number, newTotal: number, scrollOffset: number): number {
	if (scrollOffset <= 0) {
		return 0;
	}

	return Math.max(0, scrollOffset + (newTotal - oldTotal));
}

/** The scroll offset that puts absolute line `line` (0 = first line) in the middle of a `height`-row viewport. */
export function scrollOffsetForLine(line: number, total: number, height: number): number {
	const top = line - Math.floor(height / 2);
	return Math.max(0, Math.min(Math.max(0, total - height), total - height - top));
}

/** Lines (absolute, 0 = first) whose visible text contains `query`, case-insensitively; one result per line. */
export function searchMatches(entries: readonly TranscriptEntry[], width: number, query: string, options: RenderOptions = {}): ReadonlyArray<{readonly line: number}> {
	const needle = query.toLowerCase();
	if (needle === '') {
		return [];
	}

	const w = Math.max(1, Math.floor(width));
	const key = optionsKey(w, options);
	const matches: Array<{readonly line: number}> = [];
	let line = 0;
	for (const entry of entries) {
		const layout = layoutOf(entry, w, options, key);
		layout.plainLower ??= layout.lines.map(text => plain(text).toLowerCase());
		for (const [offset, text] of layout.plainLower.entries()) {
			if (text.includes(needle)) {
				matches.push({line: line + offset});
			}
		}

		line += layout.lines.length;
	}

	return matches;
}
