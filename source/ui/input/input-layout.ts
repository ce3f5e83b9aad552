/**
Pure layout of the input box: the editor text wrapped by cells with a visible cursor (an inverse cell; `inputCursor`
places the real terminal cursor on it for IMEs), the slash completion list, and the queued prompts above it
(DESIGN §4.3: the queue is visible). `inputBoxHeight` and `inputRows` share one allocation so the box is always
exactly as tall as the shell reserved.
*/
import stringWidth from 'string-width';
import type {AvailableCommand} from '../../model/acp-types.js';
import {paint, theme} from '../theme.js';
import {fit, truncate} from '../transcript/text.js';
import type {EditorState} from './editor.js';
import {boundaries} from './text-ops.js';

export const promptMarker = '❯ ';
const markerWidth = 2;
export const maxCompletionRows = 5;
export const maxQueuedRows = 3;
const placeholder = 'Enter send · Alt-Enter newline · / commands';

type TextRows = {readonly rows: readonly string[]; readonly cursorRow: number; readonly cursorColumn: number};

/** Wrap the editor text into rows of `inner` cells; the cursor cell is inverse when `showCursor`. */
export function layoutText(text: string, cursor: number, inner: number, showCursor: boolean, color: boolean): TextRows {
	const width = Math.max(1, inner);
	const rows: string[] = [];
	let row = '';
	let rowWidth = 0;
	let cursorRow = 0;
	let cursorColumn = 0;
	const cursorCell = (cell: string) => (color ? paint(cell, {inverse: true}) : (cell === ' ' ? '█' : cell));
	const push = () => {
		rows.push(row);
		row = '';
		rowWidth = 0;
	};

	const lines = text.split('\n');
	let offset = 0;
	for (const line of lines) {
		const marks = boundaries(line);
		for (let i = 0; i + 1 < marks.length; i++) {
			const at = marks[i] ?? 0;
			const grapheme = line.slice(at, marks[i + 1]);
			const shown = grapheme === '\t' ? '  ' : (stringWidth(grapheme) === 0 ? '?' : grapheme);
			const cellWidth = Math.min(width, stringWidth(shown));
			if (rowWidth + cellWidth > width) {
				push();
			}

			const isCursor = showCursor && offset + at === cursor;
			if (isCursor) {
				cursorRow = rows.length;
				cursorColumn = rowWidth;
			}

			row += isCursor ? cursorCell(shown) : shown;
			rowWidth += cellWidth;
		}

		if (showCursor && offset + line.length === cursor) {
			if (rowWidth + 1 > width) {
				push();
			}

			cursorRow = rows.length;
			cursorColumn = rowWidth;
			row += cursorCell(' ');
			rowWidth += 1;
		}

		push();
		offset += line.length + 1;
	}

	return {rows, cursorRow, cursorColumn};
}

export type InputLayoutOptions = {
	readonly width: number;
	readonly maxHeight: number;
	readonly queued: readonly string[];
	readonly focused: boolean;
	readonly readOnly?: boolean;
	readonly commands?: readonly AvailableCommand[];
	readonly color?: boolean;
};

type Allocation = {readonly text: number; readonly completion: number; readonly queued: number};

function allocate(textRows: number, completionRows: number, queuedRows: number, maxHeight: number): Allocation {
	const max = Math.max(1, Math.floor(maxHeight));
	// Queue and completion stay visible; the text keeps at least one row and scrolls to the cursor.
	const queued = Math.min(queuedRows, Math.max(0, max - 1));
	const completion = Math.min(completionRows, Math.max(0, max - 1 - queued));
	const text = Math.max(1, Math.min(textRows, max - queued - completion));
	return {text, completion, queued};
}

function counts(state: EditorState, width: number, queuedCount: number, readOnly: boolean): {readonly text: number; readonly completion: number; readonly queued: number} {
	const queued = Math.min(queuedCount, maxQueuedRows);
	if (readOnly) {
		return {text: 1, completion: 0, queued};
	}

	const text = layoutText(state.text, state.cursor, Math.max(1, width - markerWidth), true, false).rows.length;
	const completion = Math.min(state.completion?.items.length ?? 0, maxCompletionRows);
	return {text, completion, queued};
}

export function inputBoxHeight(state: EditorState, width: number, maxHeight: number, queuedCount: number, readOnly = false): number {
	const c = counts(state, width, queuedCount, readOnly);
	const a = allocate(c.text, c.completion, c.queued, maxHeight);
	return a.text + a.completion + a.queued;
}

/** The text scrolls so the cursor's row is the last one shown. */
function firstTextRow(layout: TextRows, a: Allocation): number {
	return Math.max(0, Math.min(layout.rows.length - a.text, layout.cursorRow - a.text + 1));
}

/**
The editor cursor's cell inside the box, where the real terminal cursor goes so an IME composes in place (Ink's
`useCursor`, docs/ink-notes.md); undefined when the box takes no input.
*/
export function inputCursor(state: EditorState, options: InputLayoutOptions): {readonly x: number; readonly y: number} | undefined {
	if (!options.focused || (options.readOnly ?? false)) return undefined;
	const width = Math.max(1, Math.floor(options.width));
	const c = counts(state, width, options.queued.length, false);
	const a = allocate(c.text, c.completion, c.queued, options.maxHeight);
	const layout = layoutText(state.text, state.cursor, width - markerWidth, true, false);
	return {x: Math.min(width - 1, markerWidth + layout.cursorColumn), y: a.queued + layout.cursorRow - firstTextRow(layout, a)};
}

/** The box's rows, top to bottom, each at most `width` cells; exactly `inputBoxHeight(...)` of them. */
export function inputRows(state: EditorState, options: InputLayoutOptions): readonly string[] {
	const width = Math.max(1, Math.floor(options.width));
	const color = options.color ?? true;
	const p = (text: string, style: Parameters<typeof paint>[1]) => paint(text, style, color);
	const readOnly = options.readOnly ?? false;
	const c = counts(state, width, options.queued.length, readOnly);
	const a = allocate(c.text, c.completion, c.queued, options.maxHeight);
	const out: string[] = [];

	// Queued prompts (sent at turn end, DESIGN §4.3), oldest first.
	const {queued} = options;
	for (let i = 0; i < a.queued; i++) {
		const last = i === a.queued - 1 && queued.length > a.queued;
		const item = queued[i] ?? '';
		const firstLine = item.split('\n')[0] ?? '';
		const text = last
			? `… ${queued.length - i} more queued`
			: `queued ${i + 1}: ${firstLine}${item.includes('\n') ? ' …' : ''}`;
		out.push(truncate(p(text.replaceAll(/[\u0000-\u001F\u007F]/g, ' '), {color: theme.input.queued}), width));
	}

	const marker = p(promptMarker, {color: options.focused && !readOnly ? theme.input.prompt : theme.text.dim, bold: options.focused});
	if (readOnly) {
		out.push(fit(`${marker}${p('read-only: prompts and actions are disabled', {color: theme.text.dim})}`, width));
		return out;
	}

	const showCursor = options.focused;
	const layout = layoutText(state.text, state.cursor, width - markerWidth, showCursor, color);
	const first = firstTextRow(layout, a);
	for (let i = first; i < first + a.text; i++) {
		let row = layout.rows[i] ?? '';
		if (state.text === '' && showCursor && i === 0) {
			row += p(` ${placeholder}`, {color: theme.input.placeholder});
		}

		const prefix = i === 0 ? marker : ' '.repeat(markerWidth);
		const body = p(row, options.focused ? {} : {color: theme.text.dim});
		out.push(fit(`${prefix}${body}`, width));
	}

	const completion = state.completion;
	if (completion && a.completion > 0) {
		const start = Math.max(0, Math.min(completion.selected - a.completion + 1, completion.items.length - a.completion));
		for (let i = start; i < start + a.completion; i++) {
			const item = completion.items[i] ?? '';
			const description = options.commands?.find(command => `/${command.name.replace(/^\//, '')}` === item)?.description ?? '';
			const selected = i === completion.selected;
			const name = p(item, selected ? {inverse: true, color: theme.input.completion} : {color: theme.input.completion});
			const text = `${' '.repeat(markerWidth)}${name}${description === '' ? '' : `  ${p(description.replaceAll(/\s+/g, ' '), {color: theme.text.dim})}`}`;
			out.push(truncate(text, width));
		}
	}

	return out;
}
