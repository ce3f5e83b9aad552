import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import {cleanupApps, keys, renderApp} from '../helpers/tui-harness.js';

afterEach(cleanupApps);

const {prefix} = keys;

/** The pane divider shows on the second row (the status line also has a │, so look above it). */
function hasDivider(frame: string): boolean {
	return frame.split('\n')[1]?.includes('│') ?? false;
}

function focusedTitle(frame: string): string | undefined {
	return frame.split('\n').find(line => line.includes('▶ '))?.match(/▶ (\d+ sess-\d+)/)?.[1];
}

test('C-b c opens a session in the focused pane\'s cwd and shows it', async () => {
	const app = await renderApp();
	await app.press(prefix, 'c');
	assert.deepEqual(app.client.calls.find(call => call.method === 'newSession')?.args, [{cwd: '/work/proj'}]);
	await app.waitFor(frame => focusedTitle(frame) === '1 sess-2');
	app.unmount();
});

test('C-b x asks, y ends; a busy session offers cancel, then end', async () => {
	const app = await renderApp({sessions: 2});
	await app.press(prefix, 'x');
	assert.match(app.frame(), /End session "sess-1"\? y: end · n: keep it/);
	await app.press('n');
	assert.doesNotMatch(app.frame(), /End session/);
	assert.equal(app.client.calls.some(call => call.method === 'endSession'), false);
	await app.press(prefix, 'x', 'y');
	assert.deepEqual(app.client.calls.find(call => call.method === 'endSession')?.args, ['sess-1']);
	// The pane falls back to the remaining session.
	await app.waitFor(frame => focusedTitle(frame) === '0 sess-2');
	app.client.startTurn('sess-2');
	await app.settle();
	await app.press(prefix, 'x');
	assert.match(app.frame(), /"sess-2" is busy\. c: cancel the turn, then end/);
	await app.press('y');
	assert.match(app.frame(), /is busy/, 'y does not end a busy session');
	await app.press('c');
	await app.waitFor(() => app.client.calls.filter(call => call.method === 'endSession').length === 2);
	const methods = app.client.calls.map(call => call.method);
	assert.ok(methods.lastIndexOf('cancel') < methods.lastIndexOf('endSession'));
	app.unmount();
});

test('C-b n / p / digits switch the focused pane\'s session', async () => {
	const app = await renderApp({sessions: 3});
	assert.equal(focusedTitle(app.frame()), '0 sess-1');
	await app.press(prefix, 'n');
	assert.equal(focusedTitle(app.frame()), '1 sess-2');
	await app.press(prefix, 'p', prefix, 'p');
	assert.equal(focusedTitle(app.frame()), '2 sess-3');
	await app.press(prefix, '1');
	assert.equal(focusedTitle(app.frame()), '1 sess-2');
	await app.press(prefix, '7');
	assert.equal(focusedTitle(app.frame()), '1 sess-2', 'a missing index changes nothing');
	app.unmount();
});

test('C-b w chooser lists sessions with state and last line; Enter switches; q closes', async () => {
	const app = await renderApp({sessions: 3});
	app.client.say('sess-3', 'line one\nthe last line here');
	app.client.startTurn('sess-2');
	await app.settle();
	await app.press(prefix, 'w');
	const frame = app.frame();
	assert.match(frame, /choose a session/);
	assert.match(frame, /2 ✓ sess-3 {2}idle {2}\/work\/proj {2}the last line here/);
	assert.match(frame, /1 \S sess-2 {2}running/);
	await app.press(keys.down, keys.down, keys.enter);
	assert.doesNotMatch(app.frame(), /choose a session/);
	assert.equal(focusedTitle(app.frame()), '2 sess-3');
	await app.press(prefix, 'w', 'q');
	assert.doesNotMatch(app.frame(), /choose a session/);
	app.unmount();
});

test('C-b a jumps to a waiting session first, then to one that finished unseen', async () => {
	const app = await renderApp({sessions: 3});
	app.client.startTurn('sess-3');
	app.client.endTurn('sess-3');
	app.client.startTurn('sess-2');
	app.client.requestPermission('sess-2');
	await app.settle();
	await app.press(prefix, 'a');
	assert.equal(focusedTitle(app.frame()), '1 sess-2');
	await app.press(prefix, 'a');
	assert.equal(focusedTitle(app.frame()), '2 sess-3');
	// Seen now: nothing else needs attention except the waiting one.
	await app.press(prefix, '0', prefix, 'a');
	assert.equal(focusedTitle(app.frame()), '1 sess-2');
	app.unmount();
});

test('C-b % and " split, C-b o and arrows move focus, C-b z zooms', async () => {
	const app = await renderApp({sessions: 3, width: 120, height: 30});
	await app.press(prefix, '%');
	let frame = app.frame();
	assert.ok(hasDivider(frame));
	assert.equal(focusedTitle(frame), '1 sess-2', 'the new pane shows a session not visible yet and has focus');
	assert.match(frame.split('\n')[0]!, /0 sess-1.*▶ 1 sess-2/);
	await app.press(prefix, '"');
	frame = app.frame();
	assert.equal(focusedTitle(frame), '2 sess-3');
	const row = frame.split('\n').findIndex(line => line.includes('▶ 2 sess-3'));
	assert.ok(row > 5 && row < 29, `the bottom-right pane starts mid-screen (row ${row})`);
	await app.press(prefix, keys.up);
	assert.equal(focusedTitle(app.frame()), '1 sess-2');
	await app.press(prefix, keys.left);
	assert.equal(focusedTitle(app.frame()), '0 sess-1');
	await app.press(prefix, 'o');
	assert.equal(focusedTitle(app.frame()), '1 sess-2');
	await app.press(prefix, 'z');
	frame = app.frame();
	assert.match(frame, /\[zoom\]/);
	assert.doesNotMatch(frame, /sess-1 ·/);
	assert.ok(!hasDivider(frame));
	await app.press(prefix, 'z');
	assert.match(app.frame(), /0 sess-1 ·/);
	app.unmount();
});

test('C-b d detaches, C-b R restarts the agent, C-b ? shows help from the keymap', async () => {
	const app = await renderApp();
	await app.press(prefix, 'R');
	assert.ok(app.client.calls.some(call => call.method === 'restartAgent'));
	await app.press(prefix, '?');
	const help = app.frame();
	assert.match(help, /after the prefix C-b:/);
	assert.match(help, /%\s+split left\/right/);
	assert.match(help, /t\s+show thoughts in full \/ fold them/);
	assert.match(help, /0-9\s+switch this pane to session N/);
	assert.match(help, /Escape\s+cancel the focused session's turn/);
	await app.press('x');
	assert.doesNotMatch(app.frame(), /after the prefix/);
	assert.equal(app.client.calls.some(call => call.method === 'endSession'), false, 'the closing key does nothing else');
	await app.press(prefix, 'd');
	assert.deepEqual(app.exits, [{reason: 'detached'}]);
	app.unmount();
});

test('C-b t shows thoughts in full and folds them again, keeping the scroll math in step', async () => {
	const app = await renderApp({width: 100, height: 30});
	const thought = Array.from({length: 6}, (_, i) => `thought line ${i}`).join('\n');
	app.client.act('sess-1', {type: 'update', ts: '2026-11-21T10:00:00.000Z', update: {sessionUpdate: 'agent_thought_chunk', content: {type: 'text', text: thought}}});
	app.client.say('sess-1', 'the answer\n');
	await app.settle();
	assert.match(app.frame(), /✻ thinking: thought line 0 thought line 1 .*\(6 lines\)/);
	assert.doesNotMatch(app.frame(), /^ +thought line 5$/m);
	await app.press(prefix, 't');
	assert.match(app.frame(), /^ +thought line 5$/m);
	assert.match(app.frame(), /thoughts shown in full/);
	// Scroll mode counts the expanded lines: the top of the transcript is the thought's first line.
	await app.press(prefix, '[', 'g');
	assert.match(app.frame(), /✻ thinking\n +thought line 0/);
	await app.press('q', prefix, 't');
	assert.match(app.frame(), /\(6 lines\)/);
	assert.doesNotMatch(app.frame(), /^ +thought line 5$/m);
});

test('C-b C-b sends the prefix on: the next key is typed, not a command', async () => {
	const app = await renderApp();
	await app.press(prefix, prefix, 'c');
	assert.equal(app.client.calls.some(call => call.method === 'newSession'), false);
	assert.match(app.frame(), /❯ c/);
	app.unmount();
});

test('Enter sends the prompt; Esc cancels the focused turn', async () => {
	const app = await renderApp();
	await app.type('hello agent');
	await app.press(keys.enter);
	assert.deepEqual(app.client.calls.find(call => call.method === 'prompt')?.args, ['sess-1', 'hello agent']);
	await app.waitFor(frame => /running/.test(frame));
	await app.press(keys.escape);
	assert.deepEqual(app.client.calls.find(call => call.method === 'cancel')?.args, ['sess-1']);
	await app.waitFor(frame => /cancelled/.test(frame));
	app.unmount();
});

test('a custom prefix and rebound keys drive the router and the help', async () => {
	const app = await renderApp({keymap: {prefix: 'C-a', keys: {'split-horizontal': '|'}}, sessions: 2});
	await app.press(prefix, '%');
	assert.ok(!hasDivider(app.frame()));
	await app.press('\u0001', '|');
	assert.ok(hasDivider(app.frame()));
	await app.press('\u0001', '?');
	assert.match(app.frame(), /after the prefix C-a:/);
	assert.match(app.frame(), /\|\s+split left\/right/);
	app.unmount();
});

test('a typed-ahead chunk with an Enter inside sends the prompt (tmux send-keys, slow links)', async () => {
	const app = await renderApp();
	await app.type('first line\rsecond');
	assert.deepEqual(app.client.calls.find(call => call.method === 'prompt')?.args, ['sess-1', 'first line']);
	assert.match(app.frame(), /❯ second/);
	app.unmount();
});
