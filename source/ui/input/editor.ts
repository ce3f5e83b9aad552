/**
The focused pane's multi-line prompt editor as a pure state machine (issue 4 part 2): Enter sends, Alt-Enter / Ctrl-J
insert a newline, readline-style editing keys, Up/Down across lines and then through history (the draft is kept),
and slash-command completion from `available_commands_update`. The key router feeds it Ink `useInput` events; Ink
delivers a chunk of typed or pasted text as ONE event (ink-notes A1.4), so printable input may hold many characters.
The cursor is a UTF-16 index that always sits on a grapheme boundary.
*/
import type {Key} from 'ink';
import type {AvailableCommand} from '../../model/acp-types.js';
import {
	deleteWordBefore,
	insertText,
	lineEnd,
	lineStart,
	moveVertical,
	nextBoundary,
	previousBoundary,
	wordLeft,
	wordRight,
} from './text-ops.js';

export type KeyEvent = {readonly input: string; readonly key: Key};

export type EditorState = {
	readonly text: string;
	readonly cursor: number;
	/** Sent prompts, oldest first. */
	readonly history: readonly string[];
	/** Set while browsing history: the index shown. */
	readonly historyIndex?: number;
	/** What was being typed before history browsing started. */
	readonly draft?: string;
	/** Slash-command candidates (`/name`) while the first word starts with `/`. */
	readonly completion?: {readonly items: readonly string[]; readonly selected: number};
};

export type EditorContext = {readonly commands: readonly AvailableCommand[]};

export type EditorResult = {readonly state: EditorState; readonly submit?: string};

export const maxHistory = 500;

export function emptyEditor(history: readonly string[] = []): EditorState {
	return {text: '', cursor: 0, history};
}

/** Bracketed paste: inserted verbatim (line endings normalised), never submitted. */
export function editorPaste(state: EditorState, text: string): EditorState {
	const normalized = text.replaceAll('\r\n', '\n').replaceAll('\r', '\n');
	return edit(state, insertText(state.text, state.cursor, normalized), undefined);
}

export function editorKey(state: EditorState, event: KeyEvent, context: EditorContext): EditorResult {
	const {input, key} = event;
	const {text, cursor} = state;

	if (key.return && key.meta) {
		return {state: edit(state, insertText(text, cursor, '\n'), context)};
	}

	if (key.return) {
		const item = state.completion?.items[state.completion.selected];
		if (item !== undefined && firstWord(text) !== item) {
			return {state: applyCompletion(state, item, context)};
		}

		if (text.trim() === '') {
			return {state};
		}

		const history = state.history.at(-1) === text ? state.history : [...state.history, text].slice(-maxHistory);
		return {state: emptyEditor(history), submit: text};
	}

	if ((key.ctrl && input === 'j') || input === '\n') {
		return {state: edit(state, insertText(text, cursor, '\n'), context)};
	}

	if (key.tab) {
		const completion = state.completion ?? completionFor(text, cursor, context.commands);
		if (!completion) {
			return {state};
		}

		if (key.shift) {
			const count = completion.items.length;
			return {state: {...state, completion: {...completion, selected: (completion.selected - 1 + count) % count}}};
		}

		const item = completion.items[completion.selected];
		return {state: item === undefined ? state : applyCompletion(state, item, context)};
	}

	if (key.escape) {
		return {state: state.completion ? withoutCompletion(state) : state};
	}

	if (key.upArrow || key.downArrow) {
		return {state: vertical(state, key.upArrow ? -1 : 1)};
	}

	if (key.leftArrow) {
		return {state: move(state, key.ctrl || key.meta ? wordLeft(text, cursor) : previousBoundary(text, cursor))};
	}

	if (key.rightArrow) {
		return {state: move(state, key.ctrl || key.meta ? wordRight(text, cursor) : nextBoundary(text, cursor))};
	}

	if (key.home || (key.ctrl && input === 'a')) {
		return {state: move(state, lineStart(text, cursor))};
	}

	if (key.end || (key.ctrl && input === 'e')) {
		return {state: move(state, lineEnd(text, cursor))};
	}

	if (key.backspace || (key.ctrl && input === 'h')) {
		if (key.meta) {
			return {state: edit(state, deleteWordBefore(text, cursor), context)};
		}

		const start = previousBoundary(text, cursor);
		return {state: edit(state, {text: text.slice(0, start) + text.slice(cursor), cursor: start}, context)};
	}

	if (key.delete || (key.ctrl && input === 'd')) {
		const end = nextBoundary(text, cursor);
		return {state: edit(state, {text: text.slice(0, cursor) + text.slice(end), cursor}, context)};
	}

	if (key.ctrl && input === 'u') {
		// At a line start, join with the previous line (like readline's behaviour on an empty line).
		const start = lineStart(text, cursor);
		const from = start === cursor && cursor > 0 ? cursor - 1 : start;
		return {state: edit(state, {text: text.slice(0, from) + text.slice(cursor), cursor: from}, context)};
	}

	if (key.ctrl && input === 'k') {
		const end = lineEnd(text, cursor);
		const to = end === cursor && cursor < text.length ? cursor + 1 : end;
		return {state: edit(state, {text: text.slice(0, cursor) + text.slice(to), cursor}, context)};
	}

	if (key.ctrl && input === 'w') {
		return {state: edit(state, deleteWordBefore(text, cursor), context)};
	}

	if (key.meta && (input === 'b' || input === 'f')) {
		return {state: move(state, input === 'b' ? wordLeft(text, cursor) : wordRight(text, cursor))};
	}

	if (key.ctrl || key.meta || key.pageUp || key.pageDown || input === '') {
		// Keys the editor does not own (the router's) leave it unchanged.
		return {state};
	}

	// Printable text, possibly several characters (typed fast or pasted without bracketed paste).
	const printable = input
		.replaceAll('\r\n', '\n')
		.replaceAll('\r', '\n')
		.replaceAll(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '');
	if (printable === '') {
		return {state};
	}

	return {state: edit(state, insertText(text, cursor, printable), context)};
}

function edit(state: EditorState, next: {readonly text: string; readonly cursor: number}, context: EditorContext | undefined): EditorState {
	const base: EditorState = {text: next.text, cursor: next.cursor, history: state.history};
	const browsing = state.historyIndex === undefined ? {} : {historyIndex: state.historyIndex, draft: state.draft};
	const completion = context ? completionFor(next.text, next.cursor, context.commands, state.completion) : undefined;
	return {...base, ...browsing, ...(completion ? {completion} : {})};
}

function move(state: EditorState, cursor: number): EditorState {
	return {...state, cursor};
}

function withoutCompletion(state: EditorState): EditorState {
	const {completion: _completion, ...rest} = state;
	return rest;
}

function vertical(state: EditorState, direction: -1 | 1): EditorState {
	const {completion} = state;
	if (completion && completion.items.length > 0) {
		const count = completion.items.length;
		return {...state, completion: {...completion, selected: (completion.selected + direction + count) % count}};
	}

	const moved = moveVertical(state.text, state.cursor, direction);
	if (moved !== undefined) {
		return {...state, cursor: moved};
	}

	// On the first/last line: browse history.
	const {history} = state;
	if (direction === -1) {
		const index = state.historyIndex === undefined ? history.length - 1 : state.historyIndex - 1;
		const item = history[index];
		if (index < 0 || item === undefined) {
			return state;
		}

		return {text: item, cursor: item.length, history, historyIndex: index, draft: state.historyIndex === undefined ? state.text : state.draft};
	}

	if (state.historyIndex === undefined) {
		return state;
	}

	const index = state.historyIndex + 1;
	const item = history[index];
	if (item === undefined) {
		const draft = state.draft ?? '';
		return {text: draft, cursor: draft.length, history};
	}

	return {text: item, cursor: item.length, history, historyIndex: index, draft: state.draft};
}

function firstWord(text: string): string {
	return /^\S*/.exec(text)?.[0] ?? '';
}

/** Completion candidates while the cursor is inside a leading `/word` (a one-line slash command). */
export function completionFor(
	text: string,
	cursor: number,
	commands: readonly AvailableCommand[],
	previous?: EditorState['completion'],
): EditorState['completion'] {
	const word = firstWord(text);
	if (!word.startsWith('/') || cursor > word.length || text.includes('\n')) {
		return undefined;
	}

	const prefix = word.slice(1).toLowerCase();
	const items = commands
		.map(command => command.name.replace(/^\//, ''))
		.filter(name => name.toLowerCase().startsWith(prefix))
		.sort((a, b) => a.localeCompare(b))
		.map(name => `/${name}`);
	if (items.length === 0) {
		return undefined;
	}

	// Keep the highlighted item selected while typing narrows the list.
	const kept = previous ? items.indexOf(previous.items[previous.selected] ?? '') : -1;
	return {items, selected: Math.max(0, kept)};
}

function applyCompletion(state: EditorState, item: string, context: EditorContext): EditorState {
	const word = firstWord(state.text);
	const rest = state.text.slice(word.length).replace(/^ /, '');
	const text = `${item} ${rest}`;
	return withoutCompletion(edit(state, {text, cursor: item.length + 1}, context));
}
