/**
Keys that arrive in ONE read (tmux send-keys, SSH): Ink 8 delivers "\x02c" as a single event with the raw
bytes and no key flags, so the router must split it (key-router `splitChunk`).
*/
import {afterEach, test} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {splitChunk} from '../../source/ui/key-router.js';
import {cleanupApps, renderApp} from '../helpers/tui-harness.js';

afterEach(cleanupApps);

function hasDivider(frame: string): boolean {
	return frame.split('\n')[1]?.includes('│') ?? false;
}

test('"\\x02c" in one write opens a session instead of typing "c"', async () => {
	const app = await renderApp();
	await app.type('\u0002c');
	assert.equal(app.client.calls.filter(call => call.method === 'newSession').length, 1);
	assert.doesNotMatch(app.frame(), /❯ c/);
	app.unmount();
});

test('"\\x02%" in one write splits the pane', async () => {
	const app = await renderApp({sessions: 2, width: 120, height: 30});
	assert.ok(!hasDivider(app.frame()));
	await app.type('\u0002%');
	assert.ok(hasDivider(app.frame()));
	assert.doesNotMatch(app.frame(), /❯ %/);
	app.unmount();
});

test('"\\x02d" in one write detaches', async () => {
	const app = await renderApp();
	await app.type('\u0002d');
	assert.deepEqual(app.exits, [{reason: 'detached'}]);
	app.unmount();
});

test('text, prefix command and more text in one write: the text reaches the editor, the command runs', async () => {
	const app = await renderApp({sessions: 2});
	await app.type('hello\u0002nworld');
	// C-b n switched the pane to sess-2; "hello" stayed in sess-1's draft, "world" went to sess-2's.
	assert.match(app.frame(), /▶ 1 sess-2/);
	assert.match(app.frame(), /❯ world/);
	await app.type('\u0002p');
	assert.match(app.frame(), /❯ hello/);
	app.unmount();
});

test('two prefix commands in one write both run; C-b C-b in one write types the next key', async () => {
	const app = await renderApp({sessions: 3, width: 120, height: 30});
	await app.type('\u0002%\u0002z');
	assert.match(app.frame(), /\[zoom\]/);
	await app.type('\u0002\u0002x');
	assert.match(app.frame(), /❯ x/);
	app.unmount();
});

test('plain typed text stays one event; control bytes decode like Ink decodes them alone', () => {
	const key = {ctrl: false, meta: false, shift: false, return: false, escape: false, tab: false, backspace: false} as Key;
	assert.deepEqual(splitChunk('abc def', key).map(event => event.input), ['abc def']);
	const events = splitChunk('ab\u0002c\r\t\u007F\u0000\u001Fz', key);
	assert.deepEqual(events.map(event => event.input), ['ab', 'b', 'c', '\r', '', '', ' ', '_', 'z']);
	assert.equal(events[1]!.key.ctrl, true);
	assert.equal(events[2]!.key.ctrl, false);
	assert.equal(events[3]!.key.return, true);
	assert.equal(events[4]!.key.tab, true);
	assert.equal(events[5]!.key.backspace, true);
	assert.equal(events[6]!.key.ctrl, true);
	assert.equal(events[7]!.key.ctrl, true);
});
