import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {Key} from 'ink';
import {Box, useInput, usePaste} from 'ink';
import {render} from 'ink-testing-library';
import {useState} from 'react';
import stringWidth from 'string-width';
import stripAnsi from 'strip-ansi';
import {editorKey, editorPaste, emptyEditor, type EditorState} from '../../source/ui/input/editor.js';
import {InputBox, inputBoxHeight} from '../../source/ui/input/input-box.js';

const tick = async () => new Promise(resolve => {
	setImmediate(resolve);
});
// Rows end with the cursor cell (a space) when the cursor is at the end; compare without it.
const rows = (frame: string | undefined) => stripAnsi(frame ?? '').split('\n').map(row => row.trimEnd());
const commands = [{name: 'help', description: 'Show help'}, {name: 'hello', description: 'Say hello'}];
const state = (text: string, cursor = text.length): EditorState => ({...emptyEditor(), text, cursor});

test('prompt marker, wrapped text and an inverse cursor cell; exactly inputBoxHeight rows', () => {
	const s = state('abcdefghijklmnop', 3);
	const height = inputBoxHeight(s, 10, 5, 0);
	assert.equal(height, 2);
	const {lastFrame, unmount} = render(<InputBox state={s} width={10} maxHeight={5} queued={[]} focused />);
	const frame = lastFrame() ?? '';
	assert.deepEqual(rows(frame), ['❯ abcdefgh', '  ijklmnop']);
	assert.match(frame, /abc\u001B\[7md\u001B\[27m/);
	unmount();
});

test('queued prompts show above the input and the completion list below it', () => {
	const s = {...state('/he'), completion: {items: ['/hello', '/help'], selected: 1}};
	const queued = ['first queued', 'second\nmultiline'];
	assert.equal(inputBoxHeight(s, 40, 10, 2), 5);
	const {lastFrame, unmount} = render(<InputBox state={s} width={40} maxHeight={10} queued={queued} focused commands={commands} />);
	const lines = rows(lastFrame());
	assert.deepEqual(lines, ['queued 1: first queued', 'queued 2: second …', '❯ /he', '  /hello  Say hello', '  /help  Show help']);
	assert.match(lastFrame() ?? '', /\u001B\[7m(?:\u001B\[36m)?\/help|\u001B\[7;36m\/help/);
	unmount();
});

test('the box never exceeds maxHeight; the text scrolls to the cursor', () => {
	const s = state('l1\nl2\nl3\nl4\nl5\nl6');
	const queued = ['a', 'b', 'c', 'd', 'e'];
	const height = inputBoxHeight(s, 30, 4, queued.length);
	assert.equal(height, 4);
	const {lastFrame, unmount} = render(<InputBox state={s} width={30} maxHeight={4} queued={queued} focused />);
	const lines = rows(lastFrame());
	assert.deepEqual(lines, ['queued 1: a', 'queued 2: b', '… 3 more queued', '  l6']);
	assert.ok(lines.every(line => stringWidth(line) <= 30));
	unmount();
});

test('read-only and unfocused boxes', () => {
	const readOnly = render(<InputBox state={state('x')} width={60} maxHeight={3} queued={[]} focused readOnly />);
	assert.match(rows(readOnly.lastFrame())[0] ?? '', /read-only/);
	readOnly.unmount();
	const unfocused = render(<InputBox state={state('typed')} width={30} maxHeight={3} queued={[]} focused={false} />);
	assert.equal(rows(unfocused.lastFrame())[0], '❯ typed');
	assert.doesNotMatch(unfocused.lastFrame() ?? '', /\u001B\[7m/);
	unmount(unfocused);
});

function unmount(instance: {unmount: () => void}) {
	instance.unmount();
}

/** A tiny host like the shell's: one useInput feeding the editor, usePaste for bracketed paste. */
function Harness({onSubmit}: {readonly onSubmit: (text: string) => void}) {
	const [editor, setEditor] = useState(emptyEditor());
	useInput((input: string, key: Key) => {
		setEditor(current => {
			const result = editorKey(current, {input, key}, {commands});
			if (result.submit !== undefined) {
				onSubmit(result.submit);
			}

			return result.state;
		});
	});
	usePaste(text => {
		setEditor(current => editorPaste(current, text));
	});
	return (
		<Box flexDirection="column">
			<InputBox state={editor} width={40} maxHeight={6} queued={[]} focused commands={commands} />
		</Box>
	);
}

test('keys through Ink: typing, Ctrl-J, paste, Enter', async () => {
	const submitted: string[] = [];
	const {stdin, lastFrame, unmount: stop} = render(<Harness onSubmit={text => submitted.push(text)} />);
	await tick();
	stdin.write('hi');
	await tick();
	stdin.write('\n');
	await tick();
	stdin.write('\u001B[200~pasted\r\nlines\u001B[201~');
	await tick();
	assert.deepEqual(rows(lastFrame()), ['❯ hi', '  pasted', '  lines']);
	stdin.write('\r');
	await tick();
	assert.deepEqual(submitted, ['hi\npasted\nlines']);
	assert.match(rows(lastFrame())[0] ?? '', /^❯ {3}Enter send/);
	stdin.write('/he');
	await tick();
	assert.deepEqual(rows(lastFrame()).slice(1), ['  /hello  Say hello', '  /help  Show help']);
	stop();
});
