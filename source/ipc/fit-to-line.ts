/**
Keeps an outgoing message under the wire's line cap (DESIGN §5) by truncating its largest string fields
with a visible marker; the full text stays in the session's JSONL log. Pure: the input is never mutated.
*/
export type FitResult<T> = {readonly value: T; readonly line: string; readonly truncatedBytes: number};

const maxRounds = 64;

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
		const largest = findLargestString(current);
		if (!largest || largest.encodedBytes <= 64) return undefined;
		const excess = size - maxBytes;
		const raw = Buffer.byteLength(largest.text);
		// Encoded size can exceed raw size (escapes), so scale the cut by the encoding ratio, plus the marker.
		const ratio = largest.encodedBytes / Math.max(raw, 1);
		const cut = Math.min(raw, Math.ceil((excess + 80) / ratio) + 16);
		const kept = truncateUtf8(largest.text, raw - cut);
		const removed = raw - Buffer.byteLength(kept);
		current = replaceAt(current, largest.path, kept + truncationMarker(removed));
		truncatedBytes += removed;
		line = JSON.stringify(current) ?? 'null';
		size = Buffer.byteLength(line);
	}

	return size > maxBytes ? undefined : {value: current as T, line, truncatedBytes};
}

type Found = {readonly path: ReadonlyArray<string | number>; readonly text: string; readonly encodedBytes: number};

function findLargestString(root: unknown): Found | undefined {
	let best: Found | undefined;
	const visit = (node: unknown, path: Array<string | number>): void => {
		if (typeof node === 'string') {
			// Cheap lower bound first; only encode candidates that could win.
			if (best && node.length * 3 + 2 < best.encodedBytes) return;
			const encodedBytes = Buffer.byteLength(JSON.stringify(node));
			if (!best || encodedBytes > best.encodedBytes) best = {path: [...path], text: node, encodedBytes};
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
	return best;
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
