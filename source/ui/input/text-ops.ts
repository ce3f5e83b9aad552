/**
Grapheme-aware text operations for the editor. A cursor never lands inside a grapheme cluster (an emoji with
modifiers, a combining accent, a surrogate pair), so Backspace removes what the user sees as one character.
*/
import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Grapheme start offsets of `text`, plus `text.length`. */
export function boundaries(text: string): number[] {
	const out: number[] = [];
	for (const segment of segmenter.segment(text)) {
		out.push(segment.index);
	}

	out.push(text.length);
	return out;
}

export function previousBoundary(text: string, cursor: number): number {
	if (cursor <= 0) {
		return 0;
	}

	// Segment only the current line: editing long prompts stays cheap.
	const start = lineStart(text, cursor);
	if (start === cursor) {
		return cursor - 1;
	}

	let previous = start;
	for (const at of boundaries(text.slice(start, cursor))) {
		if (start + at >= cursor) {
			break;
		}

		previous = start + at;
	}

	return previous;
}

export function nextBoundary(text: string, cursor: number): number {
	if (cursor >= text.length) {
		return text.length;
	}

	if (text[cursor] === '\n') {
		return cursor + 1;
	}

	const end = lineEnd(text, cursor);
	const next = boundaries(text.slice(cursor, end))[1];
	return cursor + (next ?? end - cursor);
}

export function lineStart(text: string, cursor: number): number {
	return text.lastIndexOf('\n', cursor - 1) + 1;
}

export function lineEnd(text: string, cursor: number): number {
	const at = text.indexOf('\n', cursor);
	return at === -1 ? text.length : at;
}

export function insertText(text: string, cursor: number, insert: string): {readonly text: string; readonly cursor: number} {
	return {text: text.slice(0, cursor) + insert + text.slice(cursor), cursor: cursor + insert.length};
}

const isWordChar = (char: string) => /[\p{L}\p{N}_]/u.test(char);

export function wordLeft(text: string, cursor: number): number {
	let at = cursor;
	while (at > 0 && !isWordChar(text[at - 1] ?? '')) {
		at--;
	}

	while (at > 0 && isWordChar(text[at - 1] ?? '')) {
		at--;
	}

	return at;
}

export function wordRight(text: string, cursor: number): number {
	let at = cursor;
	while (at < text.length && !isWordChar(text[at] ?? '')) {
		at++;
	}

	while (at < text.length && isWordChar(text[at] ?? '')) {
		at++;
	}

	return at;
}

/** Ctrl-W: delete the whitespace-separated word before the cursor (readline's unix-word-rubout). */
export function deleteWordBefore(text: string, cursor: number): {readonly text: string; readonly cursor: number} {
	let at = cursor;
	while (at > 0 && /[ \t]/.test(text[at - 1] ?? '')) {
		at--;
	}

	while (at > 0 && !/\s/.test(text[at - 1] ?? '')) {
		at--;
	}

	if (at === cursor && cursor > 0) {
		at = cursor - 1; // Only a newline before the cursor: delete it.
	}

	return {text: text.slice(0, at) + text.slice(cursor), cursor: at};
}

/**
The cursor one logical line up (-1) or down (1), at the same display column or the line's end; undefined when
there is no such line (the caller then browses history).
*/
export function moveVertical(text: string, cursor: number, direction: -1 | 1): number | undefined {
	const start = lineStart(text, cursor);
	const column = stringWidth(text.slice(start, cursor));
	let targetStart: number;
	if (direction === -1) {
		if (start === 0) {
			return undefined;
		}

		targetStart = lineStart(text, start - 1);
	} else {
		const end = lineEnd(text, cursor);
		if (end === text.length) {
			return undefined;
		}

		targetStart = end + 1;
	}

	const targetEnd = lineEnd(text, targetStart);
	const line = text.slice(targetStart, targetEnd);
	let best = targetStart;
	for (const at of boundaries(line)) {
		if (stringWidth(line.slice(0, at)) > column) {
			break;
		}

		best = targetStart + at;
	}

	return best;
}
