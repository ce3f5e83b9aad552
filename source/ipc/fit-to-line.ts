/**
Keeps an outgoing message under the wire's line cap (DESIGN §5) by truncating its largest string fields
with a visible marker; the full text stays in the session's JSONL log. Pure: the input is never mutated.
*/
export type FitResult<T> = {readonly value: T; readonly line: string; readonly truncatedBytes: number};

const maxRounds = 8;
/** Strings this short (encoded) are never worth truncating. */
const minTruncatable = 64;
const markerBytes = Buffer.byteLength(truncationMarker(1_000_000_000));

export function truncationMarker(bytes: number): string {
	return `… [${bytes} bytes truncated; full text in the log]`;
}

/**
Returns the value (possibly with shortened strings) and its JSON serialization, whose UTF-8 size is at
most `maxBytes`; `undefined` when no truncation of strings can make it fit (e.g. a huge array of numbers).
*/
export function fitToLine<T>(value: T, maxBytes: number): FitResult<T> | undefined {
	let current: unknown = value;
	let line = JSON.stringify(current) ?? 'null';
	let size = Buffer.byteLength(line);
	let truncatedBytes = 0;
	for (let round = 0; size > maxBytes && round < maxRounds; round++) {
		const strings = collectStrings(current).filter(found => found.encodedBytes > minTruncatable);
		if (strings.length === 0) return undefined;
		// Cap every string at one length C (the largest lose most), chosen so the savings cover the excess.
		const cap = chooseCap(strings, size - maxBytes + 64 * (round + 1));
		for (const found of strings) {
			if (found.encodedBytes <= cap + markerBytes) continue;
			const raw = Buffer.byteLength(found.text);
			const ratio = found.encodedBytes / Math.max(raw, 1);
			const kept = truncateUtf8(found.text, Math.floor(Math.max(0, cap - markerBytes) / ratio));
			const removed = raw - Buffer.byteLength(kept);
			current = replaceAt(current, found.path, kept + truncationMarker(removed));
			truncatedBytes += removed;
		}

		line = JSON.stringify(current) ?? 'null';
		size = Buffer.byteLength(line);
	}

	return size > maxBytes ? undefined : {value: current as T, line, truncatedBytes};
}

type Found = {readonly path: ReadonlyArray<string | number>; readonly text: string; readonly encodedBytes: number};

/** The largest cap C with sum(max(0, encoded - C)) >= needed, by binary search; 0 when even that is short. */
function chooseCap(strings: readonly Found[], needed: number): number {
	const savings = (cap: number): number => strings.reduce((sum, found) => sum + Math.max(0, found.encodedBytes - cap - markerBytes), 0);
	let low = 0;
	let high = Math.max(...strings.map(found => found.encodedBytes));
	while (low < high) {
		const middle = Math.ceil((low + high) / 2);
		if (savings(middle) >= needed) low = middle;
		else high = middle - 1;
	}

	return low;
}

function collectStrings(root: unknown): Found[] {
	const found: Found[] = [];
	const visit = (node: unknown, path: Array<string | number>): void => {
		if (typeof node === 'string') {
			if (node.length * 3 + 2 > minTruncatable) found.push({path: [...path], text: node, encodedBytes: Buffer.byteLength(JSON.stringify(node))});
			return;
		}

		if (Array.isArray(node)) {
			for (const [index, item] of node.entries()) {
				path.push(index);
				visit(item, path);
				path.pop();
			}
		} else if (node !== null && typeof node === 'object') {
			for (const [key, item] of Object.entries(node)) {
				path.push(key);
				visit(item, path);
				path.pop();
			}
		}
	};

	visit(root, []);
	return found;
}

/** Copy-on-write replacement of the leaf at `path`. */
function replaceAt(node: unknown, path: ReadonlyArray<string | number>, leaf: string): unknown {
	if (path.length === 0) return leaf;
	const [head, ...rest] = path;
	if (Array.isArray(node)) {
		const copy = [...node];
		copy[head as number] = replaceAt(copy[head as number], rest, leaf);
		return copy;
	}

	const object = node as Record<string, unknown>;
	return {...object, [head as string]: replaceAt(object[head as string], rest, leaf)};
}

/** The longest prefix of `text` that is at most `bytes` of UTF-8 and does not split a code point. */
export function truncateUtf8(text: string, bytes: number): string {
	if (bytes <= 0) return '';
	const buffer = Buffer.from(text, 'utf8');
	if (buffer.length <= bytes) return text;
	let end = bytes;
	// Back up over continuation bytes (10xxxxxx) so the cut lands on a code point start.
	while (end > 0 && ((buffer[end] ?? 0) & 0xC0) === 0x80) end--;
	return buffer.subarray(0, end).toString('utf8');
}
