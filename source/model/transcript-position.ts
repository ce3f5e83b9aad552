/**
Absolute entry index → array position. Entries are contiguous in practice (the store only appends, a tail is a
slice), so the direct guess hits; the binary search keeps a hand-built, gapped state working too.
*/
import type {TranscriptEntry} from './types.js';

export function positionOf(entries: readonly TranscriptEntry[], index: number): number | undefined {
	const first = entries[0];
	if (first === undefined) {
		return undefined;
	}

	const guess = index - first.index;
	if (entries[guess]?.index === index) {
		return guess;
	}

	const position = lowerBound(entries, index);
	return entries[position]?.index === index ? position : undefined;
}

/** First position whose entry index is ≥ `index`. */
export function lowerBound(entries: readonly TranscriptEntry[], index: number): number {
	let low = 0;
	let high = entries.length;
	while (low < high) {
		const middle = (low + high) >>> 1;
		if ((entries[middle]?.index ?? Number.POSITIVE_INFINITY) < index) {
			low = middle + 1;
		} else {
			high = middle;
		}
	}

	return low;
}
