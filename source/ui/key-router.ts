/**
THE key router (DESIGN §6, docs/ink-notes.md §0.5: `useInput` broadcasts to every handler, so there is exactly
one, at the root). Modes: normal → prefix → command; scroll / search; chooser; dialog; help. Whatever a mode
does not consume goes to the focused session's editor. Pure: returns the next view state and the host actions
to run.
*/
import {keyEventName} from '../config/keymap.js';
import type {Key} from 'ink';
import {editorKey, editorPaste, type KeyEvent} from './input/editor.js';
import {scrollCommand, searchKey} from './scroll-mode.js';
import {
	answerWithKey, isBusy, refuse, runCommand, type Effect, type RouteResult, type RouterContext,
} from './ui-commands.js';
import {editorFor, focusedSessionId, withEditor, withScroll, type UiState} from './ui-state.js';

export type {Effect, RouteResult, RouterContext} from './ui-commands.js';

const none: readonly Effect[] = [];

/** Route one Ink key event. `consumed` is false only when the key reached nobody (no session to type into). */
export function routeKey(state: UiState, event: KeyEvent, context: RouterContext): RouteResult & {readonly consumed: boolean} {
	const {input, key} = event;
	const chars = [...input];
	// Over SSH and in tmux a prefix and its command often arrive in ONE read ("\x02c"), and Ink 8 then delivers
	// one event with the raw bytes and no key flags (probed with ink-testing-library). The same holds for typed-ahead
	// text with an Enter inside. Split such a chunk: each control byte becomes the key event Ink would have made
	// for it alone, while runs of printable text stay whole for the editor.
	if (chars.length > 1 && !key.ctrl && !key.meta && controlByte.test(input)) {
		return routeAll(state, splitChunk(input, key), context);
	}
	// A chunk of printable text (fast typing, a slow link) arrives as one event (ink-notes A1.4). In modes
	// that read single keys, take it one character at a time.
	if (chars.length > 1 && !key.ctrl && !key.meta && state.mode !== 'normal' && state.mode !== 'search') {
		return routeAll(state, chars.map(char => ({input: char, key})), context);
	}
	// Any key dismisses a flash message (it has been seen).
	const base: UiState = state.flash === undefined ? state : {...state, flash: undefined};
	const name = keyEventName(input, key);
	const {keymap} = context;
	switch (base.mode) {
		case 'prefix': {
			const id = name === undefined ? undefined : keymap.lookup('prefix', name);
			if (id === 'send-prefix') return {...toEditor({...base, mode: 'normal'}, event, context), consumed: true};
			if (id === undefined) return {state: {...base, mode: 'normal'}, effects: none, consumed: true};
			return {...runCommand(base, id, context), consumed: true};
		}
		case 'help': {
			return {state: {...base, mode: 'normal'}, effects: none, consumed: true};
		}
		case 'dialog': {
			return {...dialogKey(base, input, key.escape === true, context), consumed: true};
		}
		case 'chooser': {
			return {...chooserKey(base, event, context), consumed: true};
		}
		case 'search': {
			return {...searchKey(base, input, key, context), consumed: true};
		}
		case 'scroll': {
			if (name === keymap.prefix) return {state: {...base, mode: 'prefix'}, effects: none, consumed: true};
			const id = name === undefined ? undefined : keymap.lookup('scroll', name);
			if (id === undefined) return {state: base, effects: none, consumed: true};
			return {...scrollCommand(base, id, context), consumed: true};
		}
		default:
	}
	// Normal mode.
	if (name === keymap.prefix) return {state: {...base, mode: 'prefix'}, effects: none, consumed: true};
	const sessionId = focusedSessionId(base);
	const session = sessionId === undefined ? undefined : context.view.byId.get(sessionId);
	const editor = editorFor(base, sessionId);
	const rootCommand = name === undefined ? undefined : keymap.lookup('root', name);
	// Esc: close the completion list first, else cancel the focused turn (DESIGN §6).
	if (rootCommand === 'cancel-turn' && editor.completion === undefined && isBusy(session)) {
		return {...runCommand(base, 'cancel-turn', context), consumed: true};
	}
	if (rootCommand !== undefined && rootCommand !== 'cancel-turn') return {...runCommand(base, rootCommand, context), consumed: true};
	// Permission keys act only while the input is empty, so typing a prompt that starts with `a` still works.
	if (editor.text === '' && !key.ctrl && !key.meta) {
		const answered = answerWithKey(base, session, input, context.readOnly);
		if (answered !== undefined) return {...answered, consumed: true};
	}
	if (sessionId === undefined) return {state: base, effects: none, consumed: false};
	return {...toEditor(base, event, context), consumed: true};
}

function routeAll(state: UiState, events: readonly KeyEvent[], context: RouterContext): RouteResult & {readonly consumed: boolean} {
	let result: RouteResult & {consumed: boolean} = {state, effects: [], consumed: false};
	for (const event of events) {
		const next = routeKey(result.state, event, context);
		result = {state: next.state, effects: [...result.effects, ...next.effects], consumed: result.consumed || next.consumed};
	}
	return result;
}

// C0 controls and DEL. ESC never starts a piece here: Ink's input parser has already cut escape sequences out.
const controlByte = /[\u0000-\u001F\u007F]/u;

/** Cut a chunk into key events: one per control byte (decoded as Ink's parse-keypress does), printable runs whole. */
export function splitChunk(input: string, key: Key): readonly KeyEvent[] {
	return input.split(/([\u0000-\u001F\u007F])/u)
		.filter(piece => piece !== '')
		.map(piece => controlByte.test(piece) ? controlKeyEvent(piece, key) : {input: piece, key});
}

function controlKeyEvent(char: string, key: Key): KeyEvent {
	const plain: Key = {...key, ctrl: false, meta: false, shift: false, return: false, escape: false, tab: false, backspace: false};
	switch (char) {
		case '\r': {
			return {input: '\r', key: {...plain, return: true}};
		}
		case '\n': {
			return {input: '\n', key: plain};
		}
		case '\t': {
			return {input: '', key: {...plain, tab: true}};
		}
		case '\b':
		case '\u007F': {
			return {input: '', key: {...plain, backspace: true}};
		}
		case '\u001B': {
			return {input: '', key: {...plain, escape: true}};
		}
		case '\u0000': {
			return {input: ' ', key: {...plain, ctrl: true}};
		}
		default: {
			// Ctrl+letter (0x01–0x1A) and Ctrl+punctuation (0x1C–0x1F), like parse-keypress.
			const code = char.codePointAt(0) ?? 0;
			return {input: String.fromCodePoint(code + (code <= 26 ? 96 : 64)), key: {...plain, ctrl: true}};
		}
	}
}

function toEditor(state: UiState, event: KeyEvent, context: RouterContext): RouteResult {
	const sessionId = focusedSessionId(state);
	if (sessionId === undefined) return {state, effects: none};
	const session = context.view.byId.get(sessionId);
	const result = editorKey(editorFor(state, sessionId), event, {commands: session?.meta.availableCommands ?? []});
	if (result.submit === undefined) return {state: withEditor(state, sessionId, result.state), effects: none};
	// Keep the draft in a read-only client: refusing must not eat the text.
	if (context.readOnly) return refuse(state);
	// Sending follows the tail again, like a terminal does after typing.
	const next = withScroll(withEditor(state, sessionId, result.state), state.layout.focused, undefined);
	return {state: next, effects: [{type: 'prompt', sessionId, text: result.submit}]};
}

/** Bracketed paste: into the search query while searching, else into the focused editor (never sent). */
export function routePaste(state: UiState, text: string): UiState {
	if (state.mode === 'search') return {...state, searchDraft: state.searchDraft + text.replaceAll(/\s+/g, ' ')};
	if (state.mode !== 'normal') return state;
	const sessionId = focusedSessionId(state);
	if (sessionId === undefined) return state;
	return withEditor(state, sessionId, editorPaste(editorFor(state, sessionId), text));
}

function dialogKey(state: UiState, input: string, escape: boolean, context: RouterContext): RouteResult {
	const {dialog} = state;
	const closed: UiState = {...state, mode: 'normal', dialog: undefined};
	if (dialog === undefined || escape) return {state: closed, effects: none};
	const answer = input.toLowerCase();
	if (context.readOnly && (answer === 'y' || answer === 'c')) return refuse(closed);
	if (!dialog.busy && answer === 'y') return {state: closed, effects: [{type: 'end-session', sessionId: dialog.sessionId, cancelFirst: false}]};
	if (dialog.busy && answer === 'c') return {state: closed, effects: [{type: 'end-session', sessionId: dialog.sessionId, cancelFirst: true}]};
	if (answer === 'n' || answer === 'q') return {state: closed, effects: none};
	return {state, effects: none};
}

function chooserKey(state: UiState, event: KeyEvent, context: RouterContext): RouteResult {
	const {input, key} = event;
	const {sessions} = context.view;
	const count = sessions.length;
	const close: UiState = {...state, mode: 'normal'};
	if (key.escape || input === 'q') return {state: close, effects: none};
	if (count === 0) return {state: close, effects: none};
	const index = Math.min(state.chooserIndex, count - 1);
	if (key.upArrow || input === 'k') return {state: {...state, chooserIndex: (index - 1 + count) % count}, effects: none};
	if (key.downArrow || input === 'j') return {state: {...state, chooserIndex: (index + 1) % count}, effects: none};
	const highlighted = sessions[index]!;
	if (key.return) {
		const layout = new Map(state.layout.panes);
		layout.set(state.layout.focused, {id: state.layout.focused, sessionId: highlighted.info.id});
		const next = withScroll({...close, layout: {...state.layout, panes: layout}}, state.layout.focused, undefined);
		return {state: next, effects: none};
	}
	if (input === 'x') {
		if (context.readOnly) return refuse(state);
		return {state: {...state, mode: 'dialog', dialog: {kind: 'end-session', sessionId: highlighted.info.id, busy: isBusy(highlighted)}}, effects: none};
	}
	// Answer the highlighted session's permission without switching to it (peers §4.1 #3).
	const answered = answerWithKey(state, highlighted, input, context.readOnly);
	return answered ?? {state, effects: none};
}
