import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {editorKey, editorPaste, emptyEditor, type EditorState} from '../../source/ui/input/editor.js';

const noKey: Key = {
	upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false,
	return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false,
	super: false, hyper: false, capsLock: false, numLock: false,
};
const commands = [
	{name: 'help', description: 'Show help'},
	{name: 'clear', description: 'Clear the context'},
	{name: 'compact', description: 'Compact the conversation'},
];
const context = {commands};
type Press = string | {readonly input?: string; readonly key?: Partial<Key>};

/** Feed presses; returns the final state and every submitted prompt. */
function run(state: EditorState, ...presses: Press[]): {state: EditorState; submitted: string[]} {
	const submitted: string[] = [];
	let current = state;
	for (const press of presses) {
		const event = typeof press === 'string' ? {input: press, key: noKey} : {input: press.input ?? '', key: {...noKey, ...press.key}};
		const result = editorKey(current, event, context);
		current = result.state;
		if (result.submit !== undefined) {
			submitted.push(result.submit);
		}
	}

	return {state: current, submitted};
}

const enter = {input: '\r', key: {return: true}};
const altEnter = {input: '\r', key: {return: true, meta: true}};
const up = {key: {upArrow: true}};
const down = {key: {downArrow: true}};
const left = {key: {leftArrow: true}};
const right = {key: {rightArrow: true}};
const ctrl = (input: string) => ({input, key: {ctrl: true}});

test('Enter submits non-empty text and pushes history; empty Enter does nothing', () => {
	const {state, submitted} = run(emptyEditor(), 'hello', enter, enter, '  ', enter);
	assert.deepEqual(submitted, ['hello']);
	assert.deepEqual(state.history, ['hello']);
	assert.equal(state.text, '  ');
});

test('Alt-Enter, Ctrl-J and a bare linefeed insert newlines', () => {
	const {state, submitted} = run(emptyEditor(), 'a', altEnter, 'b', ctrl('j'), 'c', '\n', 'd');
	assert.equal(state.text, 'a\nb\nc\nd');
	assert.equal(state.cursor, 7);
	assert.deepEqual(submitted, []);
	assert.deepEqual(run(state, enter).submitted, ['a\nb\nc\nd']);
});

test('multi-character input is inserted at the cursor as one event', () => {
	const {state} = run(emptyEditor(), 'world', {key: {home: true}}, 'hello ');
	assert.equal(state.text, 'hello world');
	assert.equal(state.cursor, 6);
	// A chunk with a carriage return (unbracketed paste) becomes a newline, not a submit.
	const pasted = run(emptyEditor(), 'one\r\ntwo\rthree');
	assert.equal(pasted.state.text, 'one\ntwo\nthree');
	assert.deepEqual(pasted.submitted, []);
});

test('bracketed paste is inserted verbatim with CRLF normalised', () => {
	const state = editorPaste({...emptyEditor(), text: 'ab', cursor: 1}, 'x\r\n\ty\rz');
	assert.equal(state.text, 'ax\n\ty\nzb');
	assert.equal(state.cursor, 7);
});

test('cursor movement: arrows, Home/End, Ctrl-A/E across lines, graphemes kept whole', () => {
	let {state} = run(emptyEditor(), 'ab👍🏽c', left, left);
	assert.equal(state.cursor, 2, 'the skin-toned emoji is one step');
	({state} = run(state, {key: {backspace: true}}));
	assert.equal(state.text, 'a👍🏽c');
	({state} = run(state, ctrl('e')));
	assert.equal(state.cursor, state.text.length);
	({state} = run(state, ctrl('a'), right));
	assert.equal(state.cursor, 1);
	({state} = run(state, {key: {delete: true}}));
	assert.equal(state.text, 'ac');

	({state} = run(emptyEditor(), 'first line', altEnter, 'second', up));
	assert.equal(state.cursor, 6, 'Up keeps the column');
	({state} = run(state, {key: {end: true}}, down));
	assert.equal(state.cursor, state.text.length, 'Down clamps to the shorter line end');
	({state} = run(state, {key: {home: true}}, left));
	assert.equal(state.cursor, 10, 'Left at a line start goes to the previous line end');
});

test('Ctrl-U, Ctrl-K, Ctrl-W delete to line start, line end and the previous word', () => {
	const base = run(emptyEditor(), 'keep', altEnter, 'one two three').state;
	const cursorAtTwo = {...base, cursor: base.text.indexOf('two')};
	assert.equal(run(cursorAtTwo, ctrl('u')).state.text, 'keep\ntwo three');
	assert.equal(run(cursorAtTwo, ctrl('k')).state.text, 'keep\none ');
	assert.equal(run(base, ctrl('w')).state.text, 'keep\none two ');
	assert.equal(run(base, ctrl('w'), ctrl('w'), ctrl('w')).state.text, 'keep\n');
});

test('Up/Down at the first/last line browse history and restore the draft', () => {
	const start = emptyEditor(['first', 'second\nline']);
	let {state} = run(start, 'draft', up);
	assert.equal(state.text, 'second\nline');
	assert.equal(state.historyIndex, 1);
	// Up inside a multi-line history entry moves the cursor first, then browses further.
	({state} = run(state, up));
	assert.equal(state.text, 'second\nline');
	({state} = run(state, up));
	assert.equal(state.text, 'first');
	({state} = run(state, up));
	assert.equal(state.text, 'first', 'stops at the oldest');
	({state} = run(state, down, down, down));
	assert.equal(state.text, 'draft');
	assert.equal(state.historyIndex, undefined);
	assert.equal(state.cursor, 5);
	// Submitting a recalled entry does not duplicate the newest one.
	const recalled = run(emptyEditor(['a', 'b']), up, enter);
	assert.deepEqual(recalled.submitted, ['b']);
	assert.deepEqual(recalled.state.history, ['a', 'b']);
});

test('typing / at the start offers slash commands; Tab and Enter complete, arrows select', () => {
	let {state} = run(emptyEditor(), '/');
	assert.deepEqual(state.completion?.items, ['/clear', '/compact', '/help']);
	({state} = run(state, 'c'));
	assert.deepEqual(state.completion, {items: ['/clear', '/compact'], selected: 0});
	({state} = run(state, down));
	assert.equal(state.completion?.selected, 1);
	({state} = run(state, 'o'));
	assert.deepEqual(state.completion, {items: ['/compact'], selected: 0});
	({state} = run(state, {key: {tab: true}}));
	assert.equal(state.text, '/compact ');
	assert.equal(state.cursor, 9);
	assert.equal(state.completion, undefined);
	({state} = run(state, 'now'));
	assert.equal(state.completion, undefined, 'no completion after the command word');

	const viaEnter = run(emptyEditor(), '/he', enter);
	assert.equal(viaEnter.state.text, '/help ');
	assert.deepEqual(viaEnter.submitted, [], 'the first Enter completes');
	assert.deepEqual(run(viaEnter.state, enter).submitted, ['/help ']);

	assert.equal(run(emptyEditor(), 'say /he').state.completion, undefined, 'only at the start');
	assert.equal(run(emptyEditor(), '/zz').state.completion, undefined);
	assert.equal(run(emptyEditor(), '/', {key: {escape: true}}).state.completion, undefined);
});

test('keys the editor does not own leave it unchanged', () => {
	const state = run(emptyEditor(), 'abc').state;
	assert.equal(run(state, ctrl('b')).state, state);
	assert.equal(run(state, {key: {pageUp: true}}).state, state);
	assert.equal(run(state, {input: 'x', key: {meta: true}}).state, state);
});
